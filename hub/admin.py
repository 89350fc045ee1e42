"""Admin of `hub` for staff. Rendering, publishing and reviews go through `hub.services`;
reviews are recorded from the article page (the reviewer is whoever approves)."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.urls import reverse
from django.utils.html import format_html

from hub.models import (
    Article,
    ArticleTranslation,
    Organisation,
    OrganisationProposal,
    SearchSynonym,
    Tag,
)
from hub.services import article_publish, article_render, organisation_verify

URL_FIELDS: "dict[type[models.Field[Any, Any]], dict[str, Any]]" = {
    models.URLField: {"assume_scheme": "https"}
}


class TranslationInline(admin.StackedInline):
    model = ArticleTranslation
    extra = 0
    fields = ("language", "title", "summary", "body", "translator_name", "translator", "status")
    readonly_fields = ("status",)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "original_language", "status", "published_at")
    list_filter = ("kind", "status", "original_language", "tags")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("tags",)
    readonly_fields = ("status", "published_at")
    inlines = [TranslationInline]
    formfield_overrides = URL_FIELDS
    actions = ["publish"]

    def save_model(self, request, obj, form, change):
        if change and {"title", "body"} & set(form.changed_data):
            obj.revision += 1
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for translation_form in formset.forms:
            instance = translation_form.instance
            if translation_form.has_changed() and isinstance(instance, ArticleTranslation):
                # Edited text is made from the current original and needs a new review.
                instance.source_revision = form.instance.revision
                instance.reviewer = None
                instance.reviewer_name = ""
                instance.reviewed_at = None
                instance.status = "review"
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article_render(form.instance)

    @admin.action(description="Publish the selected articles")
    def publish(self, request, queryset):
        for article in queryset:
            try:
                article_publish(article=article, by=request.user)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, f"{article}: {exc}", messages.ERROR)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name_en", "state", "last_verified", "is_sample")
    list_filter = ("state", "is_sample")
    search_fields = ("name_en", "name_ja", "address")
    readonly_fields = ("last_verified", "verified_by")
    formfield_overrides = URL_FIELDS
    actions = ["verify"]

    @admin.action(description="Mark the selected organisations as verified today")
    def verify(self, request, queryset):
        for organisation in queryset:
            try:
                organisation_verify(organisation=organisation, by=request.user)
            except PermissionDenied as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return


@admin.register(OrganisationProposal)
class OrganisationProposalAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "decision", "created_at", "review_link")
    list_filter = ("kind", "decision")
    readonly_fields = (
        "kind", "organisation", "data", "message", "contact_email", "decision",
        "decided_by", "decided_at", "decision_note", "created_at",
    )  # fmt: skip

    @admin.display(description="Review")
    def review_link(self, obj):
        return format_html('<a href="{}">review</a>', reverse("hub:proposal-review", args=[obj.pk]))

    def has_add_permission(self, request):
        return False


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """Editors keep the synonyms of article and directory search here (入管 = 出入国在留管理局)."""

    list_display = ("terms", "note", "updated_at")
    search_fields = ("terms", "note")
