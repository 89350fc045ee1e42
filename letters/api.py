"""API views of `letters`: open programmes, submitting a letter and reading its status by token
(anyone), and the moderation endpoints (Moderator role).

Writes take JSON only (a form-encoded body gets 415 from the parser setting) and are refused when
the browser says they come from another site's page (`Origin`), so a hostile page cannot make
its visitors submit letters.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import Throttled
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from learning.drf import Pagination, SharedAnonThrottle, SharedScopedThrottle, SharedUserThrottle
from learning.ratelimit import (
    rate_limit_budget,
    rate_limit_count,
    rate_limit_reached,
    rate_window,
)
from learning.roles import HasRole, Role
from letters import screening
from letters.selectors import (
    batch_get,
    letter_get_by_token,
    letter_get_for_moderation,
    letter_list_awaiting_moderation,
    programme_get_by_slug,
    programme_list_open_with_recipients,
    recipient_get_by_public_id,
)
from letters.serializers import (
    LetterBatchCreateSerializer,
    LetterBatchSerializer,
    LetterDecisionCreateSerializer,
    LetterModerationSerializer,
    LetterProgrammeSerializer,
    LetterQueueSerializer,
    LetterStatusSerializer,
    LetterSubmitSerializer,
    LetterSubmittedSerializer,
    LetterTranslationCreateSerializer,
    LetterTranslationSerializer,
)
from letters.services import (
    batch_create,
    batch_deliver,
    letter_decide,
    letter_submit,
    letter_translate,
)
from letters.workflow import State


class SameOriginWrites(BasePermission):
    """Refuse a write whose `Origin` header names another site (browsers send it on every
    cross-origin POST). Clients that send no Origin (scripts, apps) are not browsers' victims."""

    message = "Requests from another site are not allowed."

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        origin = request.headers.get("Origin")
        if origin is None:
            return True
        own = f"{request.scheme}://{request.get_host()}"
        return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS


class ProgrammeListApi(APIView):
    """Open programmes and the pseudonyms and languages of their recipients."""

    permission_classes = (AllowAny,)

    @extend_schema(responses=LetterProgrammeSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(
            LetterProgrammeSerializer(programme_list_open_with_recipients(), many=True).data
        )


class LetterCreateApi(APIView):
    """Submit a letter. Send an `Idempotency-Key` header to retry safely: the same key with the
    same letter returns the letter saved the first time (200, with a fresh status token).

    Accepted letters count against the same budget as the page form (per account when signed
    in, per address otherwise): a refused letter or a retry costs nothing.
    """

    permission_classes = (AllowAny, SameOriginWrites)
    throttle_classes = (SharedAnonThrottle, SharedUserThrottle)

    @extend_schema(
        request=LetterSubmitSerializer,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key", str, OpenApiParameter.HEADER, description="8-100 characters."
            )
        ],
        responses={
            201: LetterSubmittedSerializer,
            200: OpenApiResponse(LetterSubmittedSerializer, description="A retry."),
            400: OpenApiResponse(description="What is wrong with the letter."),
            403: OpenApiResponse(description="Sent from another site."),
            415: OpenApiResponse(description="Not JSON."),
            429: OpenApiResponse(description="Too many letters from this client."),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = LetterSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        recipient = None
        if data.get("recipient"):
            recipient = recipient_get_by_public_id(public_id=data["recipient"])
            if recipient is None:
                raise ValidationError({"recipient": ["No recipient has this id."]})
        scope, ident = rate_limit_budget(
            request, anonymous="letter-submit", signed_in="letter-submit-user"
        )
        if rate_limit_reached(request, scope, ident=ident):
            raise Throttled(rate_window(scope, ident).seconds_left)
        result = letter_submit(
            programme=programme_get_by_slug(slug=data["programme"]),
            recipient=recipient,
            writer_name=data["writer_name"],
            writer_email=data.get("writer_email", ""),
            language=data["language"],
            body=data["body"],
            idempotency_key=request.headers.get("Idempotency-Key", ""),
            interface_language=translation.get_language() or "",
        )
        if result.created:
            rate_limit_count(request, scope, ident=ident)
        payload = {
            "letter": result.letter,
            "token": result.token,
            "status_url": request.build_absolute_uri(
                reverse("letters:letter-status", kwargs={"token": result.token})
            ),
        }
        response = Response(
            LetterSubmittedSerializer(payload).data,
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
        )
        response["Cache-Control"] = "no-store"  # it carries the status token
        return response


class LetterStatusApi(APIView):
    """A letter's status, read with the writer's token (a wrong token is a 404)."""

    permission_classes = (AllowAny,)
    throttle_classes = (SharedAnonThrottle, SharedUserThrottle, SharedScopedThrottle)
    throttle_scope = "letter-status"

    @extend_schema(
        responses={200: LetterStatusSerializer, 404: OpenApiResponse(description="No such token.")}
    )
    def get(self, request: Request, token: str) -> Response:
        response = Response(LetterStatusSerializer(letter_get_by_token(token=token)).data)
        response["Cache-Control"] = "no-store"
        return response


class ModerationApi(APIView):
    permission_classes = (HasRole, SameOriginWrites)
    required_roles = (Role.MODERATOR,)

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response


class LetterModerationListApi(ModerationApi):
    """The moderation queue: filter by `status` (default submitted), `programme` (slug),
    `language` and `flag` (a flag kind, or `none`)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=[s.value for s in State]),
            OpenApiParameter("programme", str),
            OpenApiParameter("language", str),
            OpenApiParameter("flag", str, enum=[*(k.value for k in screening.FlagKind), "none"]),
        ],
        responses=LetterQueueSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        if params.get("status") and params["status"] not in State.__members__.values():
            raise ValidationError({"status": [f"Choose one of {', '.join(State)}."]})
        flag = params.get("flag", "")
        if flag and flag not in {*screening.FlagKind, "none"}:
            raise ValidationError({"flag": ["Unknown flag kind."]})
        letters = letter_list_awaiting_moderation(
            status=params.get("status", ""),
            programme=params.get("programme", "")[:80],
            language=params.get("language", "")[:16],
            flag=flag,
        )
        paginator = Pagination()
        page = paginator.paginate_queryset(letters, request, view=self)
        return paginator.get_paginated_response(LetterQueueSerializer(page, many=True).data)


class LetterModerationDetailApi(ModerationApi):
    @extend_schema(responses=LetterModerationSerializer)
    def get(self, request: Request, public_id: Any) -> Response:
        return Response(
            LetterModerationSerializer(letter_get_for_moderation(public_id=public_id)).data
        )


class LetterDecisionCreateApi(ModerationApi):
    """Approve, ask for changes (reason required) or reject. 409 when the letter is no longer
    waiting (another moderator decided first)."""

    @extend_schema(
        request=LetterDecisionCreateSerializer,
        responses={
            200: LetterModerationSerializer,
            400: OpenApiResponse(description="What is wrong with the decision."),
            409: OpenApiResponse(description="The letter was already decided."),
        },
    )
    def post(self, request: Request, public_id: Any) -> Response:
        serializer = LetterDecisionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        letter = letter_get_for_moderation(public_id=public_id)
        letter_decide(
            letter=letter,
            moderator=request.user,
            action=serializer.validated_data["action"],
            reason=serializer.validated_data.get("reason", ""),
            writer_reason=serializer.validated_data.get("writer_reason", ""),
        )
        return Response(
            LetterModerationSerializer(letter_get_for_moderation(public_id=public_id)).data
        )


class LetterTranslationCreateApi(ModerationApi):
    """Add or replace the translation into a language (Japanese gets furigana)."""

    @extend_schema(
        request=LetterTranslationCreateSerializer, responses={201: LetterTranslationSerializer}
    )
    def post(self, request: Request, public_id: Any) -> Response:
        serializer = LetterTranslationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        translation = letter_translate(
            letter=letter_get_for_moderation(public_id=public_id),
            translator=request.user,
            **serializer.validated_data,
        )
        return Response(
            LetterTranslationSerializer(translation).data, status=status.HTTP_201_CREATED
        )


class BatchCreateApi(ModerationApi):
    """Gather a programme's approved letters into a new batch."""

    @extend_schema(request=LetterBatchCreateSerializer, responses={201: LetterBatchSerializer})
    def post(self, request: Request) -> Response:
        serializer = LetterBatchCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        programme = programme_get_by_slug(slug=serializer.validated_data["programme"])
        if programme is None:
            raise ValidationError({"programme": ["No programme has this slug."]})
        batch = batch_create(
            programme=programme,
            moderator=request.user,
            label=serializer.validated_data.get("label", ""),
        )
        return Response(LetterBatchSerializer(batch_get(pk=batch.pk)).data, status=201)


class BatchDeliverApi(ModerationApi):
    """Mark a batch and all its letters delivered (409 when it already was)."""

    @extend_schema(
        request=None,
        responses={
            200: LetterBatchSerializer,
            409: OpenApiResponse(description="Already delivered."),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        batch_deliver(batch=batch_get(pk=pk), moderator=request.user)
        return Response(LetterBatchSerializer(batch_get(pk=pk)).data)
