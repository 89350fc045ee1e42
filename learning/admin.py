"""Admin of `learning`: the user with the learner's preferences."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from learning.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (
            _("Learning preferences"),
            {"fields": ("interface_language", "meaning_languages", "furigana")},
        ),
    )
    list_display = ("username", "email", "is_staff", "interface_language", "furigana")


def without_rq_dashboard() -> None:
    """django-rq (the RQ backend of the job queue, installed only with REDIS_URL) registers a
    dashboard of queues and workers in the admin. We watch workers with `rq info`, not there:
    its views answer server errors for queues, jobs and workers that do not exist. Called by the
    root URLconf, after every app's admin module has registered its models."""
    from django.apps import apps

    if apps.is_installed("django_rq"):
        from django_rq.models import Dashboard

        if admin.site.is_registered(Dashboard):
            admin.site.unregister(Dashboard)
