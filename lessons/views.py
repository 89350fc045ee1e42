"""Pages of `lessons` for learners."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def course_list(request: HttpRequest) -> HttpResponse:
    return render(request, "lessons/course_list.html")
