"""Lesson pages: create, import, edit, delete, move, copy, publish, preview, export."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from learning.display import display_prefs_get
from learning.forms import form_add_errors, form_post
from learning.languages import MEANING_LANGUAGES
from lessons import selectors
from lessons.models import Exercise
from lessons.selectors.translations import lesson_languages_missing
from lessons.services import authoring
from lessons.teach.decorators import teacher_required
from lessons.teach.forms import (
    KIND_FIELDS,
    LessonForm,
    LessonImportForm,
    MoveForm,
    VersionForm,
)
from lessons.teach.views._common import (
    _lesson_context,
    _lesson_url,
    _saved_previews,
    _version,
)
from lessons.views import lesson_page_context


@require_http_methods(["GET", "POST"])
@teacher_required
def lesson_create(request: HttpRequest, course: int) -> HttpResponse:
    course_obj = selectors.course_get_for_teacher(user=request.user, pk=course)
    form = LessonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lesson = authoring.lesson_create(user=request.user, course=course_obj, **form.values())
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(
                request, _("The lesson is created. Add passages, words and exercises.")
            )
            return redirect(_lesson_url(lesson))
    return render(
        request,
        "teach/lesson_form.html",
        {
            "form": form,
            "course": course_obj,
            "title": _("New lesson"),
            "readings_json": json.dumps(course_obj.readings or {}, ensure_ascii=False),
            "cancel": reverse("teach:course-detail", kwargs={"course": course_obj.pk}),
        },
    )


@require_http_methods(["GET", "POST"])
@teacher_required
def lesson_import(request: HttpRequest, course: int) -> HttpResponse:
    """A lesson from a file; a slug the course has already asks first: replace or add a copy."""
    course_obj = selectors.course_get_for_teacher(user=request.user, pk=course)
    # The second step (replace or copy) posts the file's content back instead of the file.
    second_step = request.method == "POST" and bool(request.POST.get("content"))
    form = LessonImportForm(
        request.POST or None, request.FILES or None, clash="" if second_step else None
    )
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["document"]
        clash = authoring.lesson_import_clash(course=course_obj, document=document)
        choice = form.cleaned_data.get("on_clash")
        if clash is not None and not choice:
            form = LessonImportForm(
                initial={
                    "content": form.cleaned_data["content"],
                    "replace_version": clash.version,
                },
                clash=clash.title,
            )
        else:
            replace = form.cleaned_data["replace_version"] if choice == "replace" else None
            try:
                lesson = authoring.lesson_import(
                    user=request.user,
                    course=course_obj,
                    document=document,
                    replace_version=replace,
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The lesson is replaced.")
                    if replace is not None
                    else _("The lesson is imported (not published yet)."),
                )
                return redirect(_lesson_url(lesson))
    return render(
        request,
        "teach/upload_form.html",
        {
            "form": form,
            "course": course_obj,
            "title": _("Import a lesson"),
            "cancel": reverse("teach:course-detail", kwargs={"course": course_obj.pk}),
        },
    )


@require_http_methods(["GET", "POST"])
@teacher_required
def lesson_update(request: HttpRequest, lesson: int) -> HttpResponse:
    """The lesson's workspace: its details, passages, words, exercises and actions."""
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    initial = {
        name: getattr(lesson_obj, name) for name in ("title", "slug", "title_ja", "can_do", "topic")
    } | {"version": lesson_obj.version}
    form = LessonForm(request.POST or None, initial=initial, lesson=lesson_obj)
    _saved_previews(form, lesson_obj.ruby, {"title_ja": lesson_obj.title_ja})
    if form_post(
        request,
        form,
        lambda: authoring.lesson_update(
            user=request.user, lesson=lesson_obj, version=_version(form), **form.values()
        ),
        _("The lesson is saved."),
    ):
        return redirect(_lesson_url(lesson_obj))
    keys = [s.key for s in selectors.lesson_speech(lesson_obj)]
    missing = lesson_languages_missing(lesson_obj, [code for code, _name in MEANING_LANGUAGES])
    return render(
        request,
        "teach/lesson_edit.html",
        _lesson_context(lesson_obj)
        | {
            "form": form,
            "kinds": [
                (kind, label) for kind, label in Exercise.Kind.choices if kind in KIND_FIELDS
            ],
            "drafts": [e for e in lesson_obj.exercises.all() if e.status == Exercise.Status.DRAFT],
            # Whether the words, sentences and lines can be heard yet (queue workers make them),
            # and the players of those that can.
            "audio": selectors.audio_status(keys=keys),
            "clips": selectors.audio_urls(keys=keys),
            # How many of the lesson's texts each learner language still lacks.
            "languages_missing": [
                (code, name, missing[code]) for code, name in MEANING_LANGUAGES if code in missing
            ],
        },
    )


@require_http_methods(["GET", "POST"])
@teacher_required
def lesson_delete(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    form = VersionForm(
        request.POST if request.method == "POST" else None,
        initial={"version": lesson_obj.version},
        version_required=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            authoring.lesson_delete(
                user=request.user, lesson=lesson_obj, version=form.cleaned_data["version"]
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(request, _("The lesson is deleted."))
            return redirect("teach:course-detail", course=lesson_obj.course_id)
    return render(request, "teach/lesson_delete.html", _lesson_context(lesson_obj) | {"form": form})


@require_POST
@teacher_required
def lesson_move(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    form = MoveForm(request.POST)
    if form.is_valid():
        authoring.lesson_move(
            user=request.user, lesson=lesson_obj, direction=form.cleaned_data["direction"]
        )
    return redirect(
        reverse("teach:course-detail", kwargs={"course": lesson_obj.course_id})
        + f"#lesson-{lesson_obj.pk}"
    )


@require_POST
@teacher_required
def lesson_duplicate(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    copy = authoring.lesson_duplicate(user=request.user, lesson=lesson_obj)
    messages.success(request, _("This is the copy; it is not published."))
    return redirect(_lesson_url(copy))


@require_POST
@teacher_required
def lesson_publish(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    form = VersionForm(request.POST)
    published = request.POST.get("published") == "1"
    try:
        authoring.lesson_publish_set(
            user=request.user, lesson=lesson_obj, published=published, version=_version(form)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if published and not lesson_obj.course.published:
            messages.warning(
                request, _("The lesson is published, but learners see it once the course is.")
            )
        else:
            messages.success(
                request,
                _("The lesson is published.") if published else _("The lesson is a draft again."),
            )
    return redirect(_lesson_url(lesson_obj))


@require_GET
@teacher_required
def lesson_preview(request: HttpRequest, lesson: int) -> HttpResponse:
    """The lesson exactly as a learner sees it (the learner's template), published or not."""
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    prefs = display_prefs_get(
        user=request.user,
        session=request.session,
        interface_language=getattr(request, "LANGUAGE_CODE", ""),
    )
    context = lesson_page_context(lesson_obj, prefs, {})
    return render(request, "teach/lesson_preview.html", {**context, "progress_placeholder": ""})


@require_GET
@teacher_required
def lesson_export(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    body = json.dumps(selectors.lesson_export(lesson=lesson_obj), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"{lesson_obj.course.slug}-{lesson_obj.slug}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
