from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeachConfig(AppConfig):
    name = "lessons.teach"
    label = "teach"
    verbose_name = _("Tutor workspace")
