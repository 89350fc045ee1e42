"""Pages of the tutor workspace, under /teach/: courses, lessons and their parts, classes.

Views parse forms and choose responses; every write goes through `lessons.authoring`, every
lookup through `lessons.teaching` (scoped to the courses the user may edit).
"""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from learning.display import display_prefs_get
from lessons import authoring, teaching
from lessons import exercises as exercise_engine
from lessons.models import Course, Exercise, Lesson
from lessons.teach_forms import (
    KIND_FIELDS,
    ClassroomForm,
    CourseForm,
    ExerciseForm,
    JoinForm,
    LessonForm,
    LessonImportForm,
    MoveForm,
    PassageForm,
    ReadingForm,
    VersionForm,
    VocabularyForm,
    VocabularyImportForm,
    languages,
)
from lessons.transfer import reading_lines
from lessons.views import lesson_page_context

View = Callable[..., HttpResponse]


def teacher_required(view: View) -> View:
    """Anonymous visitors go to the log-in page; signed-in people who are not tutors get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        teaching.teacher_require(request.user)
        return view(request, *args, **kwargs)

    return wrapper


def _errors_to_form(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _version(form: Form) -> int | None:
    return form.cleaned_data.get("version") if form.is_valid() else None


def _lesson_context(lesson: Lesson) -> dict[str, Any]:
    course = lesson.course
    return {
        "lesson": lesson,
        "course": course,
        "readings_json": json.dumps(course.readings or {}, ensure_ascii=False),
    }


def _saved_previews(form: Form, ruby: object, texts: dict[str, str]) -> None:
    """Show the furigana saved for each field's text under it (the preview without JS)."""
    for name, text in texts.items():
        entry = ruby.get(text) if isinstance(ruby, dict) else None
        if name in form.fields and isinstance(entry, dict) and isinstance(entry.get("html"), str):
            # Rendered by the furigana engine, which escapes every piece of text.
            form.fields[name].saved_preview = mark_safe(entry["html"])  # type: ignore[attr-defined]  # noqa: S308


def _lesson_url(lesson: Lesson) -> str:
    return reverse("teach:lesson-update", kwargs={"lesson": lesson.pk})


# --- Dashboard and courses ------------------------------------------------------------------


@require_GET
@teacher_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "lessons/teach/dashboard.html",
        {
            "courses": teaching.course_list_for_teacher(user=request.user),
            "classrooms": teaching.classroom_list_for_teacher(user=request.user),
        },
    )


def _course_values(form: CourseForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        name: data[name]
        for name in ("slug", "title", "title_ja", "description", "level", "topic", "published")
    } | {"readings": data["readings"]}


@require_http_methods(["GET", "POST"])
@teacher_required
def course_create(request: HttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = authoring.course_create(user=request.user, **_course_values(form))
            if form.cleaned_data["shared_with"]:
                authoring.course_share_set(
                    user=request.user, course=course, usernames=form.cleaned_data["shared_with"]
                )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The course is created. Now add its first lesson."))
            return redirect("teach:course-detail", course=course.pk)
    return render(
        request,
        "lessons/teach/course_form.html",
        {"form": form, "title": _("New course"), "cancel": reverse("teach:dashboard")},
    )


@require_GET
@teacher_required
def course_detail(request: HttpRequest, course: int) -> HttpResponse:
    course_obj = teaching.course_get_for_teacher(user=request.user, pk=course)
    return render(
        request,
        "lessons/teach/course_detail.html",
        {
            "course": course_obj,
            "lessons": teaching.lesson_list_for_course(course=course_obj),
            "classrooms": teaching.classroom_list_for_teacher(user=request.user).filter(
                course=course_obj
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@teacher_required
def course_update(request: HttpRequest, course: int) -> HttpResponse:
    course_obj = teaching.course_get_for_teacher(user=request.user, pk=course)
    initial = {
        "title": course_obj.title,
        "slug": course_obj.slug,
        "title_ja": course_obj.title_ja,
        "description": course_obj.description,
        "level": course_obj.level,
        "topic": course_obj.topic,
        "published": course_obj.published,
        "readings": reading_lines(course_obj.readings or {}),
        "shared_with": ", ".join(course_obj.shared_with.values_list("username", flat=True)),
    }
    form = CourseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            authoring.course_update(user=request.user, course=course_obj, **_course_values(form))
            wanted = sorted(form.cleaned_data["shared_with"])
            if wanted != sorted(course_obj.shared_with.values_list("username", flat=True)):
                authoring.course_share_set(user=request.user, course=course_obj, usernames=wanted)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The course is saved."))
            return redirect("teach:course-detail", course=course_obj.pk)
    return render(
        request,
        "lessons/teach/course_form.html",
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
    course_obj = teaching.course_get_for_teacher(user=request.user, pk=course)
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


# --- Lessons --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@teacher_required
def lesson_create(request: HttpRequest, course: int) -> HttpResponse:
    course_obj = teaching.course_get_for_teacher(user=request.user, pk=course)
    form = LessonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lesson = authoring.lesson_create(user=request.user, course=course_obj, **form.values())
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(
                request, _("The lesson is created. Add passages, words and exercises.")
            )
            return redirect(_lesson_url(lesson))
    return render(
        request,
        "lessons/teach/lesson_form.html",
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
    course_obj = teaching.course_get_for_teacher(user=request.user, pk=course)
    form = LessonImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            lesson = authoring.lesson_import(
                user=request.user, course=course_obj, document=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The lesson is imported (not published yet)."))
            return redirect(_lesson_url(lesson))
    return render(
        request,
        "lessons/teach/upload_form.html",
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
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    initial = {
        name: getattr(lesson_obj, name) for name in ("title", "slug", "title_ja", "can_do")
    } | {"version": lesson_obj.version}
    form = LessonForm(request.POST or None, initial=initial, lesson=lesson_obj)
    _saved_previews(form, lesson_obj.ruby, {"title_ja": lesson_obj.title_ja})
    if request.method == "POST" and form.is_valid():
        try:
            authoring.lesson_update(
                user=request.user, lesson=lesson_obj, version=_version(form), **form.values()
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The lesson is saved."))
            return redirect(_lesson_url(lesson_obj))
    return render(
        request,
        "lessons/teach/lesson_edit.html",
        _lesson_context(lesson_obj)
        | {
            "form": form,
            "kinds": [
                (kind, label) for kind, label in Exercise.Kind.choices if kind in KIND_FIELDS
            ],
            "drafts": [e for e in lesson_obj.exercises.all() if e.status == Exercise.Status.DRAFT],
        },
    )


@require_http_methods(["GET", "POST"])
@teacher_required
def lesson_delete(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    form = VersionForm(request.POST or None, initial={"version": lesson_obj.version})
    if request.method == "POST":
        try:
            authoring.lesson_delete(user=request.user, lesson=lesson_obj, version=_version(form))
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The lesson is deleted."))
            return redirect("teach:course-detail", course=lesson_obj.course_id)
    return render(
        request, "lessons/teach/lesson_delete.html", _lesson_context(lesson_obj) | {"form": form}
    )


@require_POST
@teacher_required
def lesson_move(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
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
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    copy = authoring.lesson_duplicate(user=request.user, lesson=lesson_obj)
    messages.success(request, _("This is the copy; it is not published."))
    return redirect(_lesson_url(copy))


@require_POST
@teacher_required
def lesson_publish(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
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
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    prefs = display_prefs_get(
        user=request.user,
        session=request.session,
        interface_language=getattr(request, "LANGUAGE_CODE", ""),
    )
    context = lesson_page_context(lesson_obj, prefs, {})
    return render(
        request, "lessons/teach/lesson_preview.html", {**context, "progress_placeholder": ""}
    )


@require_GET
@teacher_required
def lesson_export(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    body = json.dumps(teaching.lesson_export(lesson=lesson_obj), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"{lesson_obj.course.slug}-{lesson_obj.slug}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- Parts: passages, words, exercises ------------------------------------------------------


def _part_form_page(
    request: HttpRequest, lesson: Lesson, form: Form, title: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "lessons/teach/part_form.html",
        _lesson_context(lesson)
        | {"form": form, "title": title, "cancel": _lesson_url(lesson)}
        | extra,
    )


@require_http_methods(["GET", "POST"])
@teacher_required
def passage_create(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    form = PassageForm(request.POST or None, initial={"version": lesson_obj.version})
    if request.method == "POST" and form.is_valid():
        try:
            passage = authoring.passage_create(
                user=request.user, lesson=lesson_obj, version=_version(form), **form.values()
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The passage is saved. Check its furigana below."))
            return redirect("teach:passage-update", lesson=lesson_obj.pk, pk=passage.pk)
    return _part_form_page(request, lesson_obj, form, _("New passage"))


@require_http_methods(["GET", "POST"])
@teacher_required
def passage_update(request: HttpRequest, lesson: int, pk: int) -> HttpResponse:
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    passage = teaching.passage_get_for_teacher(lesson=lesson_obj, pk=pk)
    initial = {
        "kind": passage.kind,
        "title": passage.title,
        "text": passage.text,
        "version": lesson_obj.version,
    }
    form = PassageForm(request.POST or None, initial=initial, passage=passage)
    lines_html = [
        (passage.ruby.get(line["text"]) or {}).get("html", "")
        for line in passage.lines
        if isinstance(passage.ruby, dict)
    ]
    # Rendered by the furigana engine, which escapes every piece of text.
    form.fields["text"].saved_preview = mark_safe("<br>".join(lines_html))  # type: ignore[attr-defined]  # noqa: S308
    if request.method == "POST" and form.is_valid():
        try:
            authoring.passage_update(
                user=request.user, passage=passage, version=_version(form), **form.values()
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The passage is saved."))
            return redirect("teach:passage-update", lesson=lesson_obj.pk, pk=passage.pk)
    return _part_form_page(
        request, lesson_obj, form, _("Edit passage"), saved={"text": passage}, passage=passage
    )


@require_http_methods(["GET", "POST"])
@teacher_required
def vocabulary_create(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    form = VocabularyForm(request.POST or None, initial={"version": lesson_obj.version})
    if request.method == "POST" and form.is_valid():
        try:
            authoring.vocabulary_create(
                user=request.user, lesson=lesson_obj, version=_version(form), **form.values()
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The word is saved."))
            if "another" in request.POST:
                return redirect("teach:vocabulary-create", lesson=lesson_obj.pk)
            return redirect(_lesson_url(lesson_obj) + "#vocabulary")
    return _part_form_page(request, lesson_obj, form, _("New word"), another=True)


@require_http_methods(["GET", "POST"])
@teacher_required
def vocabulary_update(request: HttpRequest, lesson: int, pk: int) -> HttpResponse:
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    item = teaching.vocabulary_get_for_teacher(lesson=lesson_obj, pk=pk)
    initial = {
        "expression": item.expression,
        "reading": item.reading if item.reading_is_override else "",
        "part_of_speech": item.part_of_speech,
        "example": item.example,
        "version": lesson_obj.version,
    }
    form = VocabularyForm(request.POST or None, initial=initial, item=item)
    _saved_previews(form, item.ruby, {"expression": item.expression, "example": item.example})
    if request.method == "POST" and form.is_valid():
        try:
            authoring.vocabulary_update(
                user=request.user, item=item, version=_version(form), **form.values()
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The word is saved."))
            return redirect(_lesson_url(lesson_obj) + "#vocabulary")
    return _part_form_page(request, lesson_obj, form, _("Edit word"), item=item)


@require_http_methods(["GET", "POST"])
@teacher_required
def vocabulary_import(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    form = VocabularyImportForm(
        request.POST or None, request.FILES or None, initial={"version": lesson_obj.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            items = authoring.vocabulary_import(
                user=request.user,
                lesson=lesson_obj,
                rows=form.cleaned_data["file"],
                version=_version(form),
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("%(count)d words imported.") % {"count": len(items)})
            return redirect(_lesson_url(lesson_obj) + "#vocabulary")
    return render(
        request,
        "lessons/teach/upload_form.html",
        _lesson_context(lesson_obj)
        | {"form": form, "title": _("Import words from CSV"), "cancel": _lesson_url(lesson_obj)},
    )


@require_GET
@teacher_required
def vocabulary_export(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    body = teaching.vocabulary_export_csv(
        lesson=lesson_obj, languages=[code for code, _name in languages()]
    )
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    name = f"{lesson_obj.course.slug}-{lesson_obj.slug}-words.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
@teacher_required
def exercise_create(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    kind = request.GET.get("kind") or request.POST.get("kind", "")
    if kind not in KIND_FIELDS:
        return render(
            request,
            "lessons/teach/exercise_kinds.html",
            _lesson_context(lesson_obj) | {"kinds": Exercise.Kind.choices},
        )
    form = ExerciseForm(request.POST or None, kind=kind, initial={"version": lesson_obj.version})
    if request.method == "POST" and form.is_valid():
        try:
            authoring.exercise_create(
                user=request.user, lesson=lesson_obj, version=_version(form), **form.values()
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The exercise is saved."))
            return redirect(_lesson_url(lesson_obj) + "#exercises")
    return _part_form_page(
        request,
        lesson_obj,
        form,
        _("New exercise: %(kind)s") % {"kind": Exercise.Kind(kind).label},
        kind=kind,
    )


@require_http_methods(["GET", "POST"])
@teacher_required
def exercise_update(request: HttpRequest, lesson: int, pk: int) -> HttpResponse:
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    exercise = teaching.exercise_get_for_teacher(lesson=lesson_obj, pk=pk)
    if exercise.kind not in KIND_FIELDS:
        raise Http404
    form = ExerciseForm(request.POST or None, kind=exercise.kind, exercise=exercise)
    form.initial["version"] = lesson_obj.version
    data = exercise.data if isinstance(exercise.data, dict) else {}
    _saved_previews(
        form, exercise.ruby, {k: data[k] for k in ("question", "sentence", "word") if k in data}
    )
    if request.method == "POST" and form.is_valid():
        try:
            authoring.exercise_update(
                user=request.user, exercise=exercise, version=_version(form), **form.values()
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The exercise is saved."))
            target = "teach:draft-list" if exercise.status == Exercise.Status.DRAFT else None
            if target:
                return redirect(target, lesson=lesson_obj.pk)
            return redirect(_lesson_url(lesson_obj) + "#exercises")
    return _part_form_page(
        request,
        lesson_obj,
        form,
        _("Edit exercise: %(kind)s") % {"kind": exercise.get_kind_display()},
        kind=exercise.kind,
        exercise=exercise,
    )


def _part(lesson: Lesson, kind: str, pk: Any) -> Any:
    try:
        model = authoring.part_model(kind)
        return model.objects.select_related("lesson__course").get(lesson=lesson, pk=int(pk))
    except (ValidationError, ValueError, TypeError, ObjectDoesNotExist) as exc:
        raise Http404 from exc


@require_POST
@teacher_required
def part_delete(request: HttpRequest, lesson: int) -> HttpResponse:
    """Delete a passage, word or exercise (`part` and `pk` in the form)."""
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    part = _part(lesson_obj, request.POST.get("part", ""), request.POST.get("pk"))
    form = VersionForm(request.POST)
    try:
        authoring.lesson_part_delete(user=request.user, part=part, version=_version(form))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Deleted."))
    next_url = request.POST.get("next", "")
    if next_url == "drafts":
        return redirect("teach:draft-list", lesson=lesson_obj.pk)
    return redirect(_lesson_url(lesson_obj))


@require_POST
@teacher_required
def part_move(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    part = _part(lesson_obj, request.POST.get("part", ""), request.POST.get("pk"))
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            authoring.lesson_part_move(
                user=request.user,
                part=part,
                direction=form.cleaned_data["direction"],
                version=form.cleaned_data.get("version"),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    anchor = {"passage": "passages", "vocabulary": "vocabulary", "exercise": "exercises"}
    return redirect(_lesson_url(lesson_obj) + "#" + anchor[request.POST["part"]])


@require_http_methods(["GET", "POST"])
@teacher_required
def draft_list(request: HttpRequest, lesson: int) -> HttpResponse:
    """Review generated exercises; POST drafts new ones from the lesson's words and text."""
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    if request.method == "POST":
        created = authoring.lesson_drafts_generate(user=request.user, lesson=lesson_obj)
        messages.success(request, _("%(count)d new drafts.") % {"count": len(created)})
        return redirect("teach:draft-list", lesson=lesson_obj.pk)
    lesson_obj.refresh_from_db(fields=["version"])
    drafts = [
        {
            "obj": draft,
            "display": exercise_engine.display(draft.kind, draft.data, seed=draft.pk),
            "form": ExerciseForm(kind=draft.kind, exercise=draft)
            if draft.kind in KIND_FIELDS
            else None,
        }
        for draft in teaching.exercise_list_drafts(lesson=lesson_obj)
    ]
    return render(
        request, "lessons/teach/draft_list.html", _lesson_context(lesson_obj) | {"drafts": drafts}
    )


@require_POST
@teacher_required
def draft_accept(request: HttpRequest, lesson: int, pk: int) -> HttpResponse:
    lesson_obj = teaching.lesson_get_for_teacher(user=request.user, pk=lesson)
    draft = teaching.exercise_get_for_teacher(lesson=lesson_obj, pk=pk, draft=True)
    form = VersionForm(request.POST)
    try:
        authoring.exercise_draft_accept(user=request.user, exercise=draft, version=_version(form))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Accepted: learners will see this exercise."))
    return redirect("teach:draft-list", lesson=lesson_obj.pk)


# --- Classes --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@teacher_required
def classroom_create(request: HttpRequest, course: int) -> HttpResponse:
    course_obj = teaching.course_get_for_teacher(user=request.user, pk=course)
    form = ClassroomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            classroom = authoring.classroom_create(
                user=request.user, course=course_obj, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            return redirect("teach:classroom-detail", pk=classroom.pk)
    return render(
        request,
        "lessons/teach/course_form.html",
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
    classroom = teaching.classroom_get_for_teacher(user=request.user, pk=pk)
    report = teaching.classroom_report(classroom=classroom)
    join_url = request.build_absolute_uri(
        reverse("teach:classroom-join-code", kwargs={"code": classroom.join_code})
    )
    return render(
        request,
        "lessons/teach/classroom_detail.html",
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
    classroom = teaching.classroom_get_for_teacher(user=request.user, pk=pk)
    body = teaching.classroom_report_csv(report=teaching.classroom_report(classroom=classroom))
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="class-{classroom.pk}-progress.csv"'
    return response


def _joined(request: HttpRequest, code: str, form: Form) -> HttpResponse | None:
    try:
        classroom = authoring.classroom_join(user=request.user, code=code)
    except ValidationError as exc:
        _errors_to_form(form, exc)
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
    return render(request, "lessons/teach/classroom_join.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def classroom_join_code(request: HttpRequest, code: str) -> HttpResponse:
    """The join link: shows which class, and joins on POST."""
    classroom = teaching.classroom_get_by_code(code=code)
    form = JoinForm(request.POST or None, initial={"code": classroom.join_code})
    if request.method == "POST":
        response = _joined(request, classroom.join_code, form)
        if response is not None:
            return response
    return render(
        request, "lessons/teach/classroom_join.html", {"form": form, "classroom": classroom}
    )
