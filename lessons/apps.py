"""App configuration of `lessons`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Japanese lessons")
    default_auto_field = "django.db.models.BigAutoField"
