"""API views of reviews: the queue and answers, so an offline app can sync (same services)."""

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lessons.review import scheduling
from lessons.review.selectors import MAX_QUEUE, review_queue
from lessons.review.serializers import (
    ReviewAnswerResultSerializer,
    ReviewAnswerSerializer,
    ReviewQueueSerializer,
)
from lessons.review.services import review_answer
from lessons.review.store import items_published


class ReviewQueueApi(APIView):
    """The cards to review now (due first, then new), within the daily limits."""

    permission_classes = (AllowAny,)

    @extend_schema(
        parameters=[OpenApiParameter("limit", int, description=f"1-{MAX_QUEUE}, default 20")],
        responses=ReviewQueueSerializer,
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("limit", "20")
        limit = int(raw) if raw.isascii() and raw.isdigit() else 20
        queue = review_queue(learner=request.user, session=request.session, limit=limit)
        cards: list[dict[str, Any]] = []
        for qc in queue.cards:
            entry = qc.item.ruby.get(qc.item.expression) if isinstance(qc.item.ruby, dict) else None
            state = qc.state(queue.now)
            cards.append(
                {
                    "item": qc.item.pk,
                    "kind": qc.kind,
                    "new": qc.is_new,
                    "expression": qc.item.expression,
                    "reading": qc.item.reading,
                    "html": entry.get("html", "") if isinstance(entry, dict) else "",
                    "meanings": qc.item.meanings if isinstance(qc.item.meanings, dict) else {},
                    "due": qc.card.state.due if qc.card else None,
                    "intervals": {
                        name: int(delta.total_seconds())
                        for name, delta in scheduling.preview(
                            state, queue.now, desired_retention=queue.prefs.desired_retention
                        ).items()
                    },
                }
            )
        return Response(
            ReviewQueueSerializer(
                {
                    "due": queue.due,
                    "new": queue.new,
                    "desired_retention": queue.prefs.desired_retention,
                    "cards": cards,
                }
            ).data
        )


class ReviewAnswerCreateApi(APIView):
    """Rate a card. Idempotent by `client_key`: a replay returns the first result, 200 instead
    of 201, and changes nothing."""

    permission_classes = (AllowAny,)

    @extend_schema(
        request=ReviewAnswerSerializer,
        responses={201: ReviewAnswerResultSerializer, 200: ReviewAnswerResultSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = ReviewAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        item = items_published([data["item"]]).first()
        if item is None:
            raise Http404
        result = review_answer(
            learner=request.user,
            session=request.session,
            item=item,
            kind=data["kind"],
            rating=data["rating"],
            client_key=data["client_key"],
            reviewed_at=data.get("reviewed_at"),
            duration_ms=data.get("duration_ms"),
        )
        body = ReviewAnswerResultSerializer(
            {
                "item": result.item_id,
                "kind": result.kind,
                "rating": result.rating,
                "due": result.due,
                "stability": result.stability,
                "replayed": result.replayed,
            }
        ).data
        return Response(body, status=200 if result.replayed else 201)
