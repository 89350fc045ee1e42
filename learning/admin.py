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
