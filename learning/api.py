"""API views of `learning`: the signed-in user's account and API tokens."""

from typing import Any

from django.db import transaction
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from learning.drf import BoundedJSONParser, SharedAnonThrottle
from learning.serializers import PreferencesSerializer, TokenObtainSerializer
from learning.services import user_update_preferences


class MeApi(APIView):
    """The signed-in user's preferences: interface language, meaning languages, furigana."""

    @extend_schema(responses=PreferencesSerializer)
    def get(self, request: Request) -> Response:
        return Response(PreferencesSerializer(request.user).data)

    @extend_schema(request=PreferencesSerializer, responses=PreferencesSerializer)
    def patch(self, request: Request) -> Response:
        serializer = PreferencesSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        user = user_update_preferences(user=request.user, **serializer.validated_data)
        return Response(PreferencesSerializer(user).data)


@method_decorator(transaction.non_atomic_requests, name="dispatch")
class TokenObtainApi(ObtainAuthToken):
    """Exchange a username and password for an API token (locked out like the log-in page).

    Not atomic: DRF rolls back the request's transaction on a 400, which would also roll back
    the failed attempt django-axes records, and the lock-out would never trigger.
    """

    parser_classes = (BoundedJSONParser,)
    throttle_classes = (SharedAnonThrottle,)
    serializer_class = TokenObtainSerializer

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        # The token is a password: no browser or proxy may keep a copy of the answer.
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response
