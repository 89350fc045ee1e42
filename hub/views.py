"""Pages of `hub` for visitors."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    return render(request, "hub/article_list.html")


@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(request, "hub/organisation_list.html")
