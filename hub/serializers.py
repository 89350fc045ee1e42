"""API shapes of `hub`: published articles with their translations, organisations, proposals."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from hub.models import (
    LANGUAGES,
    Access,
    Eligibility,
    HelpKind,
    OrganisationProposal,
    Prefecture,
)
from learning.drf import StrictCharField

MAX_LIST = 60


class ArticleTranslationSerializer(serializers.Serializer):
    language = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    body = serializers.CharField(help_text="Markdown as written.")
    body_html = serializers.CharField(help_text="Sanitised HTML.")
    paragraphs = serializers.ListField(
        child=serializers.CharField(), help_text="Sanitised HTML of each top-level block."
    )
    translator = serializers.CharField(source="translator_name")
    reviewer = serializers.CharField(source="reviewer_name")
    reviewed_at = serializers.DateTimeField(allow_null=True)
    outdated = serializers.BooleanField(
        source="is_outdated", help_text="The original changed after this translation was made."
    )


class ArticleTranslationSummarySerializer(serializers.Serializer):
    language = serializers.CharField()
    title = serializers.CharField()
    translator = serializers.CharField(source="translator_name")
    reviewer = serializers.CharField(source="reviewer_name")
    outdated = serializers.BooleanField(source="is_outdated")


class SourceSerializer(serializers.Serializer):
    publisher = serializers.CharField(source="source_publisher")
    title = serializers.CharField(source="source_title")
    url = serializers.CharField(source="source_url")
    date = serializers.DateField(source="source_date", allow_null=True)


class ArticleSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    kind = serializers.CharField()
    original_language = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    author = serializers.CharField(source="author_name")
    published_at = serializers.DateTimeField()
    tags = serializers.SerializerMethodField()
    source = SourceSerializer(source="*")
    translations = ArticleTranslationSummarySerializer(many=True, source="visible_translations")
    url = serializers.CharField(source="get_absolute_url")

    def get_tags(self, obj: object) -> list[str]:
        return [tag.slug for tag in obj.tags.all()]  # type: ignore[attr-defined]


class ArticleDetailSerializer(ArticleSerializer):
    body = serializers.CharField(help_text="Markdown as written.")
    body_html = serializers.CharField(help_text="Sanitised HTML.")
    paragraphs = serializers.ListField(child=serializers.CharField())
    translations = ArticleTranslationSerializer(many=True, source="visible_translations")  # type: ignore[assignment]


class OrganisationSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name_en = serializers.CharField()
    name_ja = serializers.CharField()
    description = serializers.CharField()
    help_kinds = serializers.ListField(child=serializers.CharField())
    prefectures = serializers.ListField(child=serializers.CharField())
    languages = serializers.ListField(child=serializers.CharField())
    interpreter_languages = serializers.ListField(child=serializers.CharField())
    eligibility = serializers.ListField(child=serializers.CharField())
    eligibility_note = serializers.CharField()
    access = serializers.ListField(child=serializers.CharField())
    phone = serializers.CharField()
    email = serializers.CharField()
    website = serializers.CharField()
    address = serializers.CharField()
    opening_hours = serializers.CharField()
    state = serializers.CharField()
    last_verified = serializers.DateField(allow_null=True)
    verified_by = serializers.CharField()
    needs_verification = serializers.BooleanField()
    is_sample = serializers.BooleanField()
    url = serializers.CharField(source="get_absolute_url")


def _codes(choices: object, **kwargs: object) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(choices=choices),  # type: ignore[arg-type]
        max_length=MAX_LIST,
        required=False,
        **kwargs,  # type: ignore[arg-type]
    )


@extend_schema_field(OpenApiTypes.STR)
class LanguageCodeField(serializers.ChoiceField):
    """A language code (e.g. "fa", "my", "zh-hans"). Documented as a string: the same choice
    set under two field names would be two enums in the schema."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(choices=LANGUAGES, **kwargs)  # type: ignore[arg-type]


def _languages() -> serializers.ListField:
    return serializers.ListField(child=LanguageCodeField(), max_length=MAX_LIST, required=False)


class ProposalCreateSerializer(serializers.Serializer):
    """A proposal of a new organisation, or (with `organisation`) a report of outdated
    information. Text is kept as written and always shown escaped."""

    kind = serializers.ChoiceField(choices=OrganisationProposal.Kind.choices)
    organisation = serializers.SlugField(
        required=False, help_text="Slug of the organisation a correction is about."
    )
    name_en = StrictCharField(max_length=200, required=False, allow_blank=True)
    name_ja = StrictCharField(max_length=200, required=False, allow_blank=True)
    description = StrictCharField(max_length=5_000, required=False, allow_blank=True)
    help_kinds = _codes(HelpKind.choices)
    prefectures = _codes(Prefecture.choices)
    languages = _languages()
    interpreter_languages = _languages()
    eligibility = _codes(Eligibility.choices)
    access = _codes(Access.choices)
    website = serializers.URLField(max_length=300, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = StrictCharField(max_length=40, required=False, allow_blank=True)
    address = StrictCharField(max_length=300, required=False, allow_blank=True)
    opening_hours = StrictCharField(max_length=300, required=False, allow_blank=True)
    message = StrictCharField(max_length=5_000, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)


class ProposalCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    decision = serializers.CharField()
    detail = serializers.CharField()
