"""App configuration of `learning`: registers the system checks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Kasumi")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from learning import checks  # noqa: F401  (registers the checks)
        from learning.catalogues import connect_signals

        connect_signals()
