"""Reads of the clip store: which clips are ready to play (their URLs) and how many of a set
are ready, failed or still waiting."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.storage import storages
from django.db.models import Count

from learning.models import Audio

# Changed by services.audio_synthesize whenever a clip becomes ready: kept pages that show
# players (lesson pages) carry it in their key, so they gain the player.
AUDIO_GENERATION_KEY = "learning:audio-generation"


@dataclass(frozen=True)
class Speech:
    """One thing a page speaks: the reading shown, the voice, and the clip's key (the speech
    engine's clip_key of the two)."""

    reading: str
    voice: str
    key: str


def audio_urls(*, keys: Iterable[str]) -> dict[str, str]:
    """Key -> URL of every clip among *keys* whose file is ready (one query)."""
    wanted = {key for key in keys if key}
    if not wanted:
        return {}
    ready = Audio.objects.filter(key__in=wanted, status=Audio.Status.READY).exclude(file="")
    storage = storages["audio"]
    return {key: storage.url(name) for key, name in ready.values_list("key", "file")}


@dataclass(frozen=True)
class AudioStatus:
    total: int
    ready: int
    failed: int

    @property
    def waiting(self) -> int:
        return self.total - self.ready - self.failed


def audio_status(*, keys: Iterable[str]) -> AudioStatus:
    """How many of the clips *keys* are ready, failed, or still waiting for a worker."""
    wanted = {key for key in keys if key}
    counts = dict(
        Audio.objects.filter(key__in=wanted)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return AudioStatus(
        total=len(wanted),
        ready=counts.get(Audio.Status.READY, 0),
        failed=counts.get(Audio.Status.FAILED, 0),
    )
