"""API views of `hub`: published articles and the directory (read-only), proposals (POST)."""

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.directory import Selection
from hub.models import LANGUAGES, Article, Eligibility, HelpKind, Prefecture
from hub.selectors import (
    article_get_for_reader,
    article_list_published,
    organisation_get,
    organisation_hsds,
    organisation_list,
)
from hub.serializers import (
    ArticleDetailSerializer,
    ArticleSerializer,
    ArticleTranslationSerializer,
    OrganisationSerializer,
    ProposalCreatedSerializer,
    ProposalCreateSerializer,
)
from hub.services import proposal_submit
from learning.drf import Pagination, SharedAnonThrottle, SharedScopedThrottle, SharedUserThrottle

LANGUAGE_CODES = [code for code, _name in LANGUAGES]


def _filter(request: Request, name: str, allowed: list[str]) -> str:
    """A filter value; an unknown one is a 400 naming the choices (the pages ignore it)."""
    value = request.query_params.get(name, "")
    if value and value not in allowed:
        raise ValidationError(
            {name: [f"Unknown value {value[:40]!r}; choose one of {', '.join(allowed)}."]}
        )
    return value


class AnonymousReadMixin:
    """Published content only: the API never shows drafts, to anyone."""

    permission_classes = (AllowAny,)


class ArticleListApi(AnonymousReadMixin, APIView):
    """Published articles, newest first; filter by kind, tag, language; `q` searches."""

    # Also tells the schema that the answer is a page of results.
    pagination_class = Pagination

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, enum=Article.Kind.values),
            OpenApiParameter("tag", str),
            OpenApiParameter("lang", str, enum=LANGUAGE_CODES),
            OpenApiParameter("q", str, description="Full-text search."),
        ],
        responses=ArticleSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        kind = _filter(request, "kind", Article.Kind.values)
        language = _filter(request, "lang", LANGUAGE_CODES)
        tag = request.query_params.get("tag", "")[:60]
        query = request.query_params.get("q", "")[:200]
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            article_list_published(kind=kind, tag=tag, language=language, query=query),
            request,
            view=self,
        )
        return paginator.get_paginated_response(ArticleSerializer(page, many=True).data)


def _published(slug: str) -> Article:
    # No user: unpublished articles are a 404 here even for their authors.
    from django.contrib.auth.models import AnonymousUser

    return article_get_for_reader(slug=slug, user=AnonymousUser())


class ArticleDetailApi(AnonymousReadMixin, APIView):
    @extend_schema(responses=ArticleDetailSerializer)
    def get(self, request: Request, slug: str) -> Response:
        return Response(ArticleDetailSerializer(_published(slug)).data)


class TranslationListApi(AnonymousReadMixin, APIView):
    """The published translations of a published article."""

    @extend_schema(responses=ArticleTranslationSerializer(many=True))
    def get(self, request: Request, slug: str) -> Response:
        article = _published(slug)
        return Response(ArticleTranslationSerializer(article.visible_translations, many=True).data)


class OrganisationListApi(AnonymousReadMixin, APIView):
    """The directory; filters combine (a prefecture includes nationwide organisations)."""

    # Also tells the schema that the answer is a page of results.
    pagination_class = Pagination

    @extend_schema(
        parameters=[
            OpenApiParameter("prefecture", str, enum=Prefecture.values),
            OpenApiParameter("help", str, enum=HelpKind.values),
            OpenApiParameter("lang", str, enum=LANGUAGE_CODES),
            OpenApiParameter("for", str, enum=Eligibility.values, description="Who is eligible."),
            OpenApiParameter("open", str, enum=["1", "0"], description="1: open now."),
            OpenApiParameter(
                "q", str, description="Name, description, address, language or kind of help."
            ),
        ],
        responses=OrganisationSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        selection = Selection(
            prefecture=_filter(request, "prefecture", Prefecture.values),
            help_kind=_filter(request, "help", HelpKind.values),
            language=_filter(request, "lang", LANGUAGE_CODES),
            eligibility=_filter(request, "for", Eligibility.values),
            open_now=_filter(request, "open", ["1", "0"]) == "1",
        )
        query = request.query_params.get("q", "")[:200]
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            organisation_list(selection=selection, query=query), request, view=self
        )
        return paginator.get_paginated_response(OrganisationSerializer(page, many=True).data)


class OrganisationHsdsApi(AnonymousReadMixin, APIView):
    """The whole directory in Open Referral HSDS 3.0 (organizations with their services,
    locations, languages, schedules and eligibility), as at /partners/open-data/hsds.json."""

    @extend_schema(responses=OpenApiResponse(description="HSDS 3.0 document"))
    def get(self, request: Request) -> Response:
        base_url = request.build_absolute_uri("/").rstrip("/")
        return Response(organisation_hsds(base_url=base_url))


class OrganisationDetailApi(AnonymousReadMixin, APIView):
    @extend_schema(responses=OrganisationSerializer)
    def get(self, request: Request, slug: str) -> Response:
        return Response(OrganisationSerializer(organisation_get(slug=slug)).data)


class ProposalCreateApi(APIView):
    """Propose an organisation or report outdated information; nothing is listed before an
    editor approves it. Throttled per client (scope `proposal`)."""

    permission_classes = (AllowAny,)
    throttle_classes = (SharedAnonThrottle, SharedUserThrottle, SharedScopedThrottle)
    throttle_scope = "proposal"

    @extend_schema(
        request=ProposalCreateSerializer,
        responses={
            201: ProposalCreatedSerializer,
            400: OpenApiResponse(description="What is wrong with the proposal."),
            429: OpenApiResponse(description="Too many proposals from this client."),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = ProposalCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        kind = data.pop("kind")
        slug = data.pop("organisation", "")
        message = data.pop("message", "")
        contact = data.pop("contact_email", "")
        organisation = organisation_get(slug=slug) if slug else None
        proposal = proposal_submit(
            kind=kind,
            data=data,
            message=message,
            contact_email=contact,
            organisation=organisation,
            language=getattr(request, "LANGUAGE_CODE", ""),
        )
        return Response(
            ProposalCreatedSerializer(
                {
                    "id": proposal.pk,
                    "kind": proposal.kind,
                    "decision": proposal.decision,
                    "detail": "Thank you: an editor will check it before anything is listed.",
                }
            ).data,
            status=201,
        )
