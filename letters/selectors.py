"""Reads of `letters`: open programmes and recipients for writers, a letter by its status
token, the moderation queue, batches, and the voices each audience may see."""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from letters.models import Batch, Decision, Letter, Programme, Recipient, Voice
from letters.tokens import token_hash
from letters.workflow import State

# secrets.token_urlsafe(32) is 43 characters; anything far longer is not a token of ours.
MAX_TOKEN_CHARS = 100


def programme_list_open() -> QuerySet[Programme]:
    return Programme.objects.filter(is_active=True).order_by("name")


def recipient_list_open() -> QuerySet[Recipient]:
    """Recipients who can receive letters now (pseudonyms only: no details are joined)."""
    return (
        Recipient.objects.filter(is_active=True, programme__is_active=True)
        .select_related("programme")
        .order_by("programme__name", "pseudonym")
    )


def letter_get_by_token(*, token: str) -> Letter:
    """The letter whose status token is *token*, with what its status page shows; 404 for an
    unknown or malformed token (a forged token learns nothing)."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        raise Http404
    return get_object_or_404(
        Letter.objects.select_related("programme", "recipient").prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.filter(action="request_changes").order_by(
                    "-created_at", "-pk"
                ),
                to_attr="change_requests",
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.filter(action="reject").order_by("-created_at", "-pk"),
                to_attr="rejections",
            ),
            Prefetch(
                "voices",
                # Approved replies only, and never their scans: the page shows `writer_text`.
                queryset=Voice.objects.filter(
                    consent_scope__in=[Voice.Scope.PUBLISH, Voice.Scope.WRITER],
                    published_at__isnull=False,
                )
                .defer("scan")
                .order_by("published_at", "pk"),
                to_attr="shared_voices",
            ),
        ),
        status_token_hash=token_hash(token),
    )


def letter_list_awaiting_moderation(
    *, status: str = "", programme: str = "", language: str = "", flag: str = ""
) -> QuerySet[Letter]:
    """The moderation queue, oldest first, filtered by status (default: submitted), programme
    slug, language and screening flag kind."""
    letters = Letter.objects.select_related("programme", "recipient").order_by("created_at", "pk")
    letters = letters.filter(status=status or State.SUBMITTED)
    if programme:
        letters = letters.filter(programme__slug=programme)
    if language:
        letters = letters.filter(language=language)
    if flag == "none":
        letters = letters.filter(flag_kinds="")
    elif flag:
        letters = letters.filter(flag_kinds__contains=f",{flag},")
    return letters


def letter_get_for_moderation(*, public_id: object) -> Letter:
    return get_object_or_404(
        Letter.objects.select_related(
            "programme", "recipient", "recipient__details", "batch"
        ).prefetch_related("decisions", "translations", "resolutions", "edits"),
        public_id=public_id,
    )


def batch_list() -> QuerySet[Batch]:
    return Batch.objects.select_related("programme").prefetch_related("letters")


def batch_get(*, pk: int) -> Batch:
    """A batch with its letters, their recipients and translations (for the print view)."""
    return get_object_or_404(
        Batch.objects.select_related("programme").prefetch_related(
            Prefetch(
                "letters",
                queryset=Letter.objects.select_related("recipient")
                .prefetch_related("translations", "resolutions")
                .order_by("recipient__pseudonym", "created_at", "pk"),
            )
        ),
        pk=pk,
    )


def letter_list_waiting_for_batch() -> QuerySet[Letter]:
    """Approved letters not in a batch yet, with what `letter_batch_missing` reads."""
    return (
        Letter.objects.filter(status=State.APPROVED, batch__isnull=True)
        .select_related("programme", "recipient")
        .prefetch_related("translations", "resolutions")
        .order_by("programme__name", "created_at", "pk")
    )


def programme_list_with_waiting_letters() -> QuerySet[Programme]:
    """Programmes with approved letters not yet in a batch."""
    return Programme.objects.filter(
        Q(letters__status=State.APPROVED) & Q(letters__batch__isnull=True)
    ).distinct()


def voice_list_public() -> QuerySet[Voice]:
    """Voices the person agreed to publish; no recipient or letter is joined."""
    return (
        Voice.objects.filter(consent_scope=Voice.Scope.PUBLISH, published_at__isnull=False)
        .select_related("programme")
        .only("text", "language", "consent_date", "created_at", "programme__name")
    )


def programme_list_open_with_recipients() -> QuerySet[Programme]:
    """Open programmes with their open recipients (pseudonyms) as `open_recipients`."""
    return programme_list_open().prefetch_related(
        Prefetch(
            "recipients",
            queryset=Recipient.objects.filter(is_active=True).order_by("pseudonym"),
            to_attr="open_recipients",
        )
    )


def programme_get_by_slug(*, slug: str) -> Programme | None:
    return Programme.objects.filter(slug=slug).first()


def recipient_get_by_public_id(*, public_id: Any) -> Recipient | None:
    return Recipient.objects.filter(public_id=public_id).first()


def voice_list_waiting() -> QuerySet[Voice]:
    """Voices held back by a screening flag, oldest first, for the moderators."""
    return (
        Voice.objects.filter(published_at__isnull=True)
        .select_related("programme")
        .order_by("created_at", "pk")
    )


def voice_get_for_moderation(*, pk: int) -> Voice:
    """A voice with its programme, recipient, letter and flag resolutions; 404 if unknown."""
    return get_object_or_404(
        Voice.objects.select_related(
            "programme", "recipient", "letter", "letter__recipient"
        ).prefetch_related("resolutions"),
        pk=pk,
    )


def voice_get(*, pk: int) -> Voice:
    """A voice by its number, for the permission-checked scan view; 404 if unknown."""
    return get_object_or_404(
        Voice.objects.only("pk", "scan", "scan_content_type", "recorded_by"), pk=pk
    )


def voice_get_shared(*, letter: Letter, pk: Any) -> Voice:
    """The approved reply *pk* to *letter* (which its writer may answer); 404 otherwise."""
    return get_object_or_404(
        Voice.objects.select_related("letter__programme", "letter__recipient"),
        pk=pk,
        letter=letter,
        published_at__isnull=False,
    )


def voice_list_recorded_by(*, user: Any) -> QuerySet[Voice]:
    """The replies *user* recorded, newest first (their own list on the reply page)."""
    return (
        Voice.objects.filter(recorded_by=user, letter__isnull=False)
        .select_related("letter__recipient")
        .order_by("-created_at", "-pk")
    )


def letter_list_thread(*, letter: Letter) -> list[Letter]:
    """Every letter of *letter*'s correspondence (the first one and each answer), oldest
    first, each with `thread_replies`: its replies, waiting ones included (moderators only)."""
    root = letter.thread_root_id or letter.pk
    return list(
        Letter.objects.filter(Q(pk=root) | Q(thread_root_id=root))
        .select_related("recipient")
        .prefetch_related(
            Prefetch(
                "voices",
                queryset=Voice.objects.order_by("created_at", "pk"),
                to_attr="thread_replies",
            )
        )
        .order_by("created_at", "pk")
    )


def letter_list_for_reply() -> QuerySet[Letter]:
    """Letters a voice may answer (delivered, or in a batch on its way), newest first, with
    what their label in the "in reply to" list shows."""
    return (
        Letter.objects.filter(status__in=["in_batch", "delivered"])
        .select_related("recipient", "programme")
        .order_by("-created_at", "-pk")
    )
