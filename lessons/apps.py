"""App configuration of `lessons`: merges a visitor's progress into the account at log-in,
renews the kept course pages when the catalogue changes, and answers the clip store's call
for every clip the lessons speak."""

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _merge_progress_on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from lessons.services import progress_merge_session

    if request is not None and hasattr(request, "session"):
        progress_merge_session(learner=user, session=request.session)


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Lessons")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from learning.audio.services import audio_refresh_requested
        from learning.pagecache import content_changed_on_save
        from lessons.models import Course, Exercise, Lesson
        from lessons.selectors import CATALOGUE
        from lessons.services.audio import lessons_audio_request_all

        user_logged_in.connect(
            _merge_progress_on_login, dispatch_uid="lessons.merge_progress_on_login"
        )
        content_changed_on_save(CATALOGUE, [Course, Lesson, Exercise])
        audio_refresh_requested.connect(
            lessons_audio_request_all, dispatch_uid="lessons.audio_request_all"
        )
