"""Class pages: creating a class, its progress report, and learners joining."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from learning.forms import form_add_errors
from lessons import selectors
from lessons.models import Course
from lessons.services import authoring
from lessons.teach.decorators import teacher_required
from lessons.teach.forms import (
    ClassroomForm,
    JoinForm,
)


@require_http_methods(["GET", "POST"])
@teacher_required
def classroom_create(request: HttpRequest, course: int) -> HttpResponse:
    course_obj = selectors.course_get_for_teacher(user=request.user, pk=course)
    form = ClassroomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            classroom = authoring.classroom_create(
                user=request.user, course=course_obj, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            return redirect("teach:classroom-detail", pk=classroom.pk)
    return render(
        request,
        "teach/course_form.html",
        {
            "form": form,
            "course": course_obj,
            "title": _("New class"),
            "cancel": reverse("teach:course-detail", kwargs={"course": course_obj.pk}),
        },
    )


@require_GET
@teacher_required
def classroom_detail(request: HttpRequest, pk: int) -> HttpResponse:
    classroom = selectors.classroom_get_for_teacher(user=request.user, pk=pk)
    report = selectors.classroom_report(classroom=classroom)
    join_url = request.build_absolute_uri(
        reverse("teach:classroom-join-code", kwargs={"code": classroom.join_code})
    )
    return render(
        request,
        "teach/classroom_detail.html",
        {
            "classroom": classroom,
            "course": classroom.course,
            "report": report,
            "join_url": join_url,
        },
    )


@require_GET
@teacher_required
def classroom_export(request: HttpRequest, pk: int) -> HttpResponse:
    classroom = selectors.classroom_get_for_teacher(user=request.user, pk=pk)
    body = selectors.classroom_report_csv(report=selectors.classroom_report(classroom=classroom))
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="class-{classroom.pk}-progress.csv"'
    return response


def _joined(request: HttpRequest, code: str, form: Form) -> HttpResponse | None:
    try:
        classroom = authoring.classroom_join(user=request.user, code=code)
    except ValidationError as exc:
        form_add_errors(form, exc)
        return None
    messages.success(request, _("You joined %(name)s.") % {"name": classroom.name})
    course: Course = classroom.course
    if course.published:
        return redirect(course.get_absolute_url())
    return redirect("lessons:course-list")


@require_http_methods(["GET", "POST"])
@login_required
def classroom_join(request: HttpRequest) -> HttpResponse:
    """Learners type the code their tutor gave them."""
    form = JoinForm(request.POST or None, initial={"code": request.GET.get("code", "")[:12]})
    if request.method == "POST" and form.is_valid():
        response = _joined(request, form.cleaned_data["code"], form)
        if response is not None:
            return response
    return render(request, "teach/classroom_join.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def classroom_join_code(request: HttpRequest, code: str) -> HttpResponse:
    """The join link: shows which class, and joins on POST."""
    classroom = selectors.classroom_get_by_code(code=code)
    form = JoinForm(request.POST or None, initial={"code": classroom.join_code})
    if request.method == "POST":
        response = _joined(request, classroom.join_code, form)
        if response is not None:
            return response
    return render(request, "teach/classroom_join.html", {"form": form, "classroom": classroom})
