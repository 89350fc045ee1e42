"""API shapes of `letters`. Writers' shapes never carry another letter's data; the moderation
shapes carry bodies, e-mails and recipients' details and are served to moderators only."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from learning.drf import StrictCharField
from letters.models import MAX_BODY_CHARS, Letter
from letters.services import MAX_NAME_CHARS, MAX_REASON_CHARS
from letters.workflow import WRITER_VISIBLE, State

# --- Writers ------------------------------------------------------------------------------------


class LetterRecipientSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    pseudonym = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())


class LetterProgrammeSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    description = serializers.CharField()
    recipients = LetterRecipientSerializer(many=True, source="open_recipients")


class LetterSubmitSerializer(serializers.Serializer):
    programme = StrictCharField(max_length=80, help_text="A programme's slug.")
    recipient = serializers.UUIDField(
        required=False, allow_null=True, help_text="A recipient's id (optional)."
    )
    writer_name = StrictCharField(max_length=MAX_NAME_CHARS, help_text="The sign-off.")
    writer_email = StrictCharField(
        max_length=254, required=False, allow_blank=True, help_text="For status news; optional."
    )
    language = StrictCharField(max_length=16)
    body = StrictCharField(max_length=MAX_BODY_CHARS, trim_whitespace=False)


class LetterSubmittedSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="letter.public_id")
    status = serializers.CharField(source="letter.status")
    status_token = serializers.CharField(
        source="token", help_text="Keep it: the only way to read the letter's status."
    )
    status_url = serializers.CharField()


class LetterReplySerializer(serializers.Serializer):
    """An approved reply as its writer reads it: the translation into the letter's language
    (or the text, when it is in that language); never the original or the photo."""

    id = serializers.IntegerField(
        source="pk", help_text="Answer it at /letters/status/<token>/answer/<id>/."
    )
    language = serializers.CharField(source="writer_language")
    text = serializers.CharField(source="writer_text")
    consent_date = serializers.DateField()


class LetterStatusSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    status = serializers.SerializerMethodField(
        help_text="submitted, changes_requested, approved, rejected or delivered."
    )
    reason = serializers.SerializerMethodField(help_text="Why changes were asked for.")
    rejection_reason = serializers.SerializerMethodField(
        help_text="Why the letter was not accepted (the reason written for the writer)."
    )
    programme = serializers.CharField(source="programme.name")
    recipient = serializers.CharField(source="recipient.pseudonym", allow_null=True, default=None)
    language = serializers.CharField()
    writer_name = serializers.CharField()
    body = serializers.CharField()
    revision = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    replies = LetterReplySerializer(many=True, source="shared_voices")

    def get_status(self, letter: Letter) -> str:
        return WRITER_VISIBLE.get(State(letter.status), State(letter.status)).value

    def get_reason(self, letter: Letter) -> str:
        requests = getattr(letter, "change_requests", [])
        return requests[0].reason if requests and letter.status == State.CHANGES_REQUESTED else ""

    def get_rejection_reason(self, letter: Letter) -> str:
        rejections = getattr(letter, "rejections", [])
        return rejections[0].writer_reason if rejections and letter.status == State.REJECTED else ""


# --- Moderators -----------------------------------------------------------------------------------


class LetterFlagSerializer(serializers.Serializer):
    kind = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    text = serializers.CharField()


class LetterDecisionSerializer(serializers.Serializer):
    actor = serializers.CharField(source="actor_label")
    action = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    reason = serializers.CharField()
    writer_reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class LetterTranslationSerializer(serializers.Serializer):
    language = serializers.CharField()
    text = serializers.CharField()
    ruby_html = serializers.CharField(help_text="Escaped ruby HTML (Japanese only).")
    updated_at = serializers.DateTimeField()


class LetterRecipientDetailsSerializer(LetterRecipientSerializer):
    learning_japanese = serializers.BooleanField()
    is_active = serializers.BooleanField()
    real_name = serializers.SerializerMethodField()
    facility = serializers.SerializerMethodField()

    def _details(self, recipient: Any) -> Any:
        return getattr(recipient, "details", None)

    def get_real_name(self, recipient: Any) -> str:
        details = self._details(recipient)
        return details.real_name if details else ""

    def get_facility(self, recipient: Any) -> str:
        details = self._details(recipient)
        return details.facility if details else ""


class LetterQueueSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    status = serializers.CharField()
    programme = serializers.SlugField(source="programme.slug")
    recipient = serializers.CharField(source="recipient.pseudonym", allow_null=True, default=None)
    language = serializers.CharField()
    flag_kinds = serializers.SerializerMethodField()
    revision = serializers.IntegerField()
    created_at = serializers.DateTimeField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_flag_kinds(self, letter: Letter) -> list[str]:
        return [k for k in letter.flag_kinds.split(",") if k]


class LetterModerationSerializer(LetterQueueSerializer):
    body = serializers.CharField()
    writer_name = serializers.CharField()
    writer_email = serializers.CharField()
    flags = LetterFlagSerializer(many=True)
    recipient_details = LetterRecipientDetailsSerializer(source="recipient", allow_null=True)
    decisions = LetterDecisionSerializer(many=True, source="decisions.all")
    translations = LetterTranslationSerializer(many=True, source="translations.all")
    batch = serializers.IntegerField(source="batch_id", allow_null=True)


class LetterDecisionCreateSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["approve", "request_changes", "reject"])
    reason = StrictCharField(
        max_length=MAX_REASON_CHARS,
        required=False,
        allow_blank=True,
        help_text="The writer sees it when changes are asked for; for a rejection it is the "
        "moderators' internal note.",
    )
    writer_reason = StrictCharField(
        max_length=MAX_REASON_CHARS,
        required=False,
        allow_blank=True,
        help_text="For a rejection (required): the reason written for the writer.",
    )


class LetterTranslationCreateSerializer(serializers.Serializer):
    language = StrictCharField(max_length=16)
    text = StrictCharField(max_length=MAX_BODY_CHARS * 2, trim_whitespace=False)


class LetterBatchCreateSerializer(serializers.Serializer):
    programme = StrictCharField(max_length=80, help_text="A programme's slug.")
    label = StrictCharField(max_length=200, required=False, allow_blank=True)


class LetterBatchSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    programme = serializers.SlugField(source="programme.slug")
    label = serializers.CharField()
    created_at = serializers.DateTimeField()
    delivered_at = serializers.DateTimeField(allow_null=True)
    letters = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_letters(self, batch: Any) -> list[str]:
        return [str(letter.public_id) for letter in batch.letters.all()]
