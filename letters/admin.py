"""Admin of `letters`: programmes and recipients are edited here; letters, decisions,
translations and voices are read-only (their changes go through the moderation pages and
services), and only moderators may open anything holding letters or real names."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from learning.roles import Role, user_has_role
from letters.models import (
    Batch,
    Decision,
    Letter,
    Programme,
    Recipient,
    RecipientDetails,
    Translation,
    Voice,
)


class ModeratorOnlyMixin:
    """Private data: visible to moderators (and superusers) only, whatever else staff may do."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return user_has_role(request.user, Role.MODERATOR)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return user_has_role(request.user, Role.MODERATOR)


class ReadOnlyMixin(ModeratorOnlyMixin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "is_active")
    list_filter = ("is_active",)
    prepopulated_fields = {"slug": ("name",)}


class RecipientDetailsInline(ModeratorOnlyMixin, admin.StackedInline):
    model = RecipientDetails
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return user_has_role(request.user, Role.MODERATOR)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return user_has_role(request.user, Role.MODERATOR)


@admin.register(Recipient)
class RecipientAdmin(admin.ModelAdmin):
    list_display = ("pseudonym", "programme", "is_active", "learning_japanese")
    list_filter = ("programme", "is_active")
    inlines = [RecipientDetailsInline]


class DecisionInline(ReadOnlyMixin, admin.TabularInline):
    model = Decision
    extra = 0
    fields = ("created_at", "actor_label", "action", "from_state", "to_state", "reason")
    readonly_fields = fields


@admin.register(Letter)
class LetterAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("public_id", "programme", "status", "language", "created_at")
    list_filter = ("status", "programme", "language")
    exclude = ("status_token_hash", "idempotency_key", "request_fingerprint")
    inlines = [DecisionInline]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("letter", "action", "actor_label", "to_state", "created_at")
    list_filter = ("action",)


@admin.register(Translation)
class TranslationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("letter", "language", "updated_at")


@admin.register(Batch)
class BatchAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("__str__", "programme", "created_at", "delivered_at")


@admin.register(Voice)
class VoiceAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("pk", "programme", "consent_scope", "consent_date", "created_at")
    list_filter = ("consent_scope", "programme")
