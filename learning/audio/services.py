"""Writes of the clip store: ask for clips (queued once the transaction commits), make one
(the queue worker), queue again the ones a killed worker lost, and ask every app again for
the clips its texts speak (after an upgrade of the engine).

Nothing here synthesises in a request: `audio_request` only records the clips a text needs.
The engine is the module named by settings.AUDIO_ENGINE, with `ENGINE_VERSION`, `FORMAT`,
`SpeechError` and `synthesize(reading, *, voice) -> clip with .data and .seconds`.
"""

import logging
import uuid
from collections.abc import Iterable
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone

from learning.audio.selectors import AUDIO_GENERATION_KEY, Speech
from learning.models import Audio

logger = logging.getLogger(__name__)

# Sent by audio_refresh. Each app whose texts are spoken connects a receiver that asks
# (audio_request) for the clips of all its texts and returns the keys that were new.
audio_refresh_requested = Signal()


def audio_engine() -> Any:
    """The speech engine module (settings.AUDIO_ENGINE)."""
    return import_module(settings.AUDIO_ENGINE)


def _enqueue(keys: Iterable[str], *, delay_seconds: float = 0) -> None:
    from learning.audio.tasks import audio_make

    task = audio_make
    if delay_seconds:
        task = audio_make.using(run_after=timezone.now() + timedelta(seconds=delay_seconds))
    for key in keys:
        task.enqueue(key)


def audio_request(*, speeches: Iterable[Speech]) -> list[str]:
    """Record the clips in *speeches* that do not exist yet and queue them after commit;
    returns their keys. Clips that exist (ready, waiting or failed) are left as they are."""
    wanted = {s.key: s for s in speeches}
    if not wanted:
        return []
    existing = set(Audio.objects.filter(key__in=wanted).values_list("key", flat=True))
    now = timezone.now()
    version = audio_engine().ENGINE_VERSION
    new = [
        Audio(
            key=s.key,
            reading=s.reading[:2000],
            voice=s.voice,
            engine_version=version,
            queued_at=now,
        )
        for key, s in wanted.items()
        if key not in existing
    ]
    Audio.objects.bulk_create(new, ignore_conflicts=True)
    keys = [a.key for a in new]
    if keys:
        transaction.on_commit(lambda: _enqueue(keys))
    return keys


def _clip_name(key: str) -> str:
    return f"audio/{key[:2]}/{key}.{audio_engine().FORMAT}"


def audio_synthesize(*, key: str) -> Audio | None:
    """Make the clip *key* and store its file; called by the queue worker.

    A reading that cannot be spoken marks the clip failed at once (pages show its text
    without a player). Any other error is counted and the clip queued again with a growing
    delay, up to AUDIO_MAX_ATTEMPTS, then marked failed; the error is raised again so the
    queue records it. The file is written whole before the row says ready.
    """
    audio = Audio.objects.filter(key=key).first()
    if audio is None:
        return None
    if audio.status == Audio.Status.READY and audio.file:
        return audio
    Audio.objects.filter(pk=audio.pk).update(
        status=Audio.Status.RUNNING, attempts=audio.attempts + 1, queued_at=timezone.now()
    )
    audio.attempts += 1
    engine = audio_engine()
    try:
        clip = engine.synthesize(audio.reading, voice=audio.voice)
        storage = storages["audio"]
        name = _clip_name(key)
        # A file left half-written by a killed worker is replaced whole.
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, ContentFile(clip.data))
    except engine.SpeechError as exc:
        Audio.objects.filter(pk=audio.pk).update(status=Audio.Status.FAILED, error=str(exc)[:300])
        logger.warning("audio %s cannot be spoken: %s", key, exc)
        return None
    except Exception as exc:
        retry = audio.attempts < settings.AUDIO_MAX_ATTEMPTS
        Audio.objects.filter(pk=audio.pk).update(
            status=Audio.Status.PENDING if retry else Audio.Status.FAILED,
            error=repr(exc)[:300],
            queued_at=timezone.now(),
        )
        if retry:
            _enqueue([key], delay_seconds=5 * 2**audio.attempts)
        raise
    Audio.objects.filter(pk=audio.pk).update(
        status=Audio.Status.READY,
        file=saved,
        size=len(clip.data),
        seconds=clip.seconds,
        error="",
        updated_at=timezone.now(),
    )
    caches["shared"].set(AUDIO_GENERATION_KEY, uuid.uuid4().hex, None)
    audio.refresh_from_db()
    return audio


def audio_requeue_stale(*, lease_seconds: int | None = None) -> int:
    """Queue again the clips still waiting or running *lease_seconds* after they were queued
    (their job was lost with a killed worker); those out of attempts are marked failed.
    Returns how many were queued."""
    lease = settings.AUDIO_LEASE_SECONDS if lease_seconds is None else lease_seconds
    cutoff = timezone.now() - timedelta(seconds=lease)
    stale = Audio.objects.filter(
        Q(queued_at__lt=cutoff) | Q(queued_at__isnull=True),
        status__in=[Audio.Status.PENDING, Audio.Status.RUNNING],
    )
    stale.filter(attempts__gte=settings.AUDIO_MAX_ATTEMPTS).update(
        status=Audio.Status.FAILED, error="gave up: no worker finished it"
    )
    keys = list(
        stale.filter(attempts__lt=settings.AUDIO_MAX_ATTEMPTS).values_list("key", flat=True)
    )
    if keys:
        Audio.objects.filter(key__in=keys).update(queued_at=timezone.now())
        transaction.on_commit(lambda: _enqueue(keys))
    return len(keys)


def audio_refresh(*, retry_failed: bool = False) -> tuple[int, int]:
    """Ask every app for the clips of all its texts (new readings, a new engine version),
    queue the lost ones again and, with *retry_failed*, the failed ones. Returns (new clips,
    queued again)."""
    new = sum(len(keys or []) for _receiver, keys in audio_refresh_requested.send(sender=None))
    if retry_failed:
        Audio.objects.filter(status=Audio.Status.FAILED).update(
            status=Audio.Status.PENDING, attempts=0, queued_at=None
        )
    return new, audio_requeue_stale(lease_seconds=0 if retry_failed else None)


def audio_synthesize_waiting() -> int:
    """Make every clip still waiting here and now (no queue worker); returns how many."""
    waiting = Audio.objects.exclude(status__in=[Audio.Status.READY, Audio.Status.FAILED])
    return sum(
        audio_synthesize(key=key) is not None for key in waiting.values_list("key", flat=True)
    )
