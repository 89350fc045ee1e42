"""The clip store's background job (Django's tasks API through the django-tasks backport)."""

from django_tasks import task


@task()
def audio_make(key: str) -> bool:
    """Synthesise the clip *key*; True when its file is ready. Afterwards, queue again any clip
    whose job was lost with a killed worker, so one live worker recovers them."""
    from learning.audio.services import audio_requeue_stale, audio_synthesize

    audio = audio_synthesize(key=key)
    audio_requeue_stale()
    return audio is not None
