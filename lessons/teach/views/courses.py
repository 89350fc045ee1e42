"""The tutor's dashboard and course pages (details, sharing, the reading list)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from learning.forms import form_post
from lessons import selectors
from lessons.services import authoring
from lessons.teach.decorators import teacher_required
from lessons.teach.forms import (
    CourseForm,
    ReadingForm,
)
from lessons.transfer import reading_lines


@require_GET
@teacher_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "teach/dashboard.html",
        {
            "courses": selectors.course_list_for_teacher(user=request.user),
            "classrooms": selectors.classroom_list_for_teacher(user=request.user),
        },
    )


def _course_values(form: CourseForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        name: data[name]
        for name in (
            "slug",
            "title",
            "title_ja",
            "description",
            "level",
            "topic",
            "published",
            *authoring.STYLE_FIELDS,
        )
    } | {"readings": data["readings"]}


@require_http_methods(["GET", "POST"])
@teacher_required
def course_create(request: HttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None)

    def create() -> Any:
        course = authoring.course_create(user=request.user, **_course_values(form))
        if form.cleaned_data["shared_with"]:
            authoring.course_share_set(
                user=request.user, course=course, usernames=form.cleaned_data["shared_with"]
            )
        return course

    saved = form_post(request, form, create, _("The course is created. Now add its first lesson."))
    if saved is not None:
        return redirect("teach:course-detail", course=saved.value.pk)
    return render(
        request,
        "teach/course_form.html",
        {"form": form, "title": _("New course"), "cancel": reverse("teach:dashboard")},
    )


@require_GET
@teacher_required
def course_detail(request: HttpRequest, course: int) -> HttpResponse:
    course_obj = selectors.course_get_for_teacher(user=request.user, pk=course)
    return render(
        request,
        "teach/course_detail.html",
        {
            "course": course_obj,
            "lessons": selectors.lesson_list_for_course(course=course_obj),
            "classrooms": selectors.classroom_list_for_teacher(user=request.user).filter(
                course=course_obj
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@teacher_required
def course_update(request: HttpRequest, course: int) -> HttpResponse:
    course_obj = selectors.course_get_for_teacher(user=request.user, pk=course)
    initial = {
        "title": course_obj.title,
        "slug": course_obj.slug,
        "title_ja": course_obj.title_ja,
        "description": course_obj.description,
        "level": course_obj.level,
        "topic": course_obj.topic,
        "published": course_obj.published,
        **{name: getattr(course_obj, name) for name in authoring.STYLE_FIELDS},
        "readings": reading_lines(course_obj.readings or {}),
        "shared_with": ", ".join(course_obj.shared_with.values_list("username", flat=True)),
        "version": course_obj.version,
    }
    form = CourseForm(request.POST or None, initial=initial)

    def update() -> None:
        version = form.cleaned_data["version"]
        if version is None:  # a form without it cannot be checked, so it is not saved
            raise authoring.CourseVersionConflict(
                _("This form is out of date. Reload the page, then make your changes again.")
            )
        authoring.course_update(
            user=request.user,
            course=course_obj,
            version=version,
            shared_with=form.cleaned_data["shared_with"],
            **_course_values(form),
        )

    if form_post(request, form, update, _("The course is saved.")):
        return redirect("teach:course-detail", course=course_obj.pk)
    return render(
        request,
        "teach/course_form.html",
        {
            "form": form,
            "course": course_obj,
            "title": _("Edit course"),
            "cancel": reverse("teach:course-detail", kwargs={"course": course_obj.pk}),
        },
    )


@require_POST
@teacher_required
def course_reading_add(request: HttpRequest, course: int) -> HttpResponse:
    """Correct one reading for the whole course (the preview's click-to-correct, or a form)."""
    course_obj = selectors.course_get_for_teacher(user=request.user, pk=course)
    wants_json = "application/json" in request.headers.get("Accept", "")
    form = ReadingForm(request.POST)
    errors: dict[str, list[str]] = {}
    readings: dict[str, str] = {}
    if form.is_valid():
        try:
            readings = authoring.course_reading_set(
                user=request.user,
                course=course_obj,
                word=form.cleaned_data["word"],
                reading=form.cleaned_data["reading"],
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"reading": exc.messages}
    else:
        errors = {k: [str(e) for e in v] for k, v in form.errors.items()}
    if wants_json:
        if errors:
            return JsonResponse({"errors": errors}, status=400)
        return JsonResponse({"readings": readings})
    if errors:
        messages.error(request, " ".join(m for ms in errors.values() for m in ms))
    else:
        messages.success(
            request,
            _("%(word)s is now read %(reading)s in the whole course.")
            % {"word": form.cleaned_data["word"], "reading": form.cleaned_data["reading"]},
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("teach:course-update", kwargs={"course": course_obj.pk})
    return redirect(next_url)
