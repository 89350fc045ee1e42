"""Fading furigana on any page that asks for it: a view marks its response with
`response.fade_furigana = True` and, for a learner who chose "only words I don't know yet", the
ruby of their known words loses its reading here, per response. Pages of other apps (articles)
get the feature without importing the review app."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from lessons.review.fading import fade
from lessons.review.selectors import review_known_pairs


class FadingFuriganaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            getattr(response, "fade_furigana", False)
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            known = review_known_pairs(learner=request.user, session=request.session)
            if known:
                response.content = fade(response.content.decode(), known).encode()
        return response
