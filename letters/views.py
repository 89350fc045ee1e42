"""Pages of `letters` for writers and moderators."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def letter_index(request: HttpRequest) -> HttpResponse:
    return render(request, "letters/letter_index.html")
