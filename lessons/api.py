"""API views of `lessons`."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from learning.drf import SharedAnonThrottle, SharedScopedThrottle, SharedUserThrottle
from lessons.serializers import FuriganaRequestSerializer, FuriganaResponseSerializer
from lessons.services import furigana_render


class FuriganaApi(APIView):
    """Japanese text -> segments with hiragana readings and ruby HTML (for live previews)."""

    permission_classes = (AllowAny,)
    throttle_classes = (SharedAnonThrottle, SharedUserThrottle, SharedScopedThrottle)
    throttle_scope = "furigana"

    @extend_schema(
        request=FuriganaRequestSerializer,
        responses={200: FuriganaResponseSerializer,
                   400: OpenApiResponse(description="What is wrong with the text or overrides.")},
    )
    def post(self, request: Request) -> Response:
        serializer = FuriganaRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = furigana_render(**serializer.validated_data)
        return Response(FuriganaResponseSerializer(result).data)
