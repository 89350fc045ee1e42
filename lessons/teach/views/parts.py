"""Pages for a lesson's parts: passages, words, exercises and drafted exercises."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from learning.forms import form_post
from lessons import exercises as exercise_engine
from lessons import selectors
from lessons.models import Exercise, Lesson
from lessons.services import authoring
from lessons.teach.decorators import teacher_required
from lessons.teach.forms import (
    KIND_FIELDS,
    ExerciseForm,
    MoveForm,
    PassageForm,
    VersionForm,
    VocabularyForm,
    VocabularyImportForm,
    languages,
)
from lessons.teach.views._common import (
    _lesson_context,
    _lesson_url,
    _saved_players,
    _saved_previews,
    _version,
)


def _part_form_page(
    request: HttpRequest, lesson: Lesson, form: Form, title: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "teach/part_form.html",
        _lesson_context(lesson)
        | {"form": form, "title": title, "cancel": _lesson_url(lesson)}
        | extra,
    )


@require_http_methods(["GET", "POST"])
@teacher_required
def passage_create(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    form = PassageForm(request.POST or None, initial={"version": lesson_obj.version})
    if (
        saved := form_post(
            request,
            form,
            lambda: authoring.passage_create(
                user=request.user, lesson=lesson_obj, version=_version(form), **form.values()
            ),
            _("The passage is saved. Check its furigana below."),
        )
    ) is not None:
        passage = saved.value
        return redirect("teach:passage-update", lesson=lesson_obj.pk, pk=passage.pk)
    return _part_form_page(request, lesson_obj, form, _("New passage"))


@require_http_methods(["GET", "POST"])
@teacher_required
def passage_update(request: HttpRequest, lesson: int, pk: int) -> HttpResponse:
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    passage = selectors.passage_get_for_teacher(lesson=lesson_obj, pk=pk)
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
    _saved_players(form, {"text": selectors.passage_speech(passage)})
    if form_post(
        request,
        form,
        lambda: authoring.passage_update(
            user=request.user, passage=passage, version=_version(form), **form.values()
        ),
        _("The passage is saved."),
    ):
        return redirect("teach:passage-update", lesson=lesson_obj.pk, pk=passage.pk)
    return _part_form_page(
        request, lesson_obj, form, _("Edit passage"), saved={"text": passage}, passage=passage
    )


@require_http_methods(["GET", "POST"])
@teacher_required
def vocabulary_create(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    form = VocabularyForm(request.POST or None, initial={"version": lesson_obj.version})
    if form_post(
        request,
        form,
        lambda: authoring.vocabulary_create(
            user=request.user, lesson=lesson_obj, version=_version(form), **form.values()
        ),
        _("The word is saved."),
    ):
        if "another" in request.POST:
            return redirect("teach:vocabulary-create", lesson=lesson_obj.pk)
        return redirect(_lesson_url(lesson_obj) + "#vocabulary")
    return _part_form_page(request, lesson_obj, form, _("New word"), another=True)


@require_http_methods(["GET", "POST"])
@teacher_required
def vocabulary_update(request: HttpRequest, lesson: int, pk: int) -> HttpResponse:
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    item = selectors.vocabulary_get_for_teacher(lesson=lesson_obj, pk=pk)
    initial = {
        "expression": item.expression,
        "reading": item.reading if item.reading_is_override else "",
        "also_accept": "\n".join(item.also_accept),
        "part_of_speech": item.part_of_speech,
        "example": item.example,
        "version": lesson_obj.version,
    }
    form = VocabularyForm(request.POST or None, initial=initial, item=item)
    _saved_previews(form, item.ruby, {"expression": item.expression, "example": item.example})
    if form_post(
        request,
        form,
        lambda: authoring.vocabulary_update(
            user=request.user, item=item, version=_version(form), **form.values()
        ),
        _("The word is saved."),
    ):
        return redirect(_lesson_url(lesson_obj) + "#vocabulary")
    return _part_form_page(request, lesson_obj, form, _("Edit word"), item=item)


MAX_PROBLEMS_SHOWN = 100


@require_http_methods(["GET", "POST"])
@teacher_required
def vocabulary_import(request: HttpRequest, lesson: int) -> HttpResponse:
    """A CSV word list in two steps: the upload answers with a preview (words added, changed
    old -> new, unchanged, or every problem of every row); only the confirmation saves."""
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    form = VocabularyImportForm(
        request.POST or None, request.FILES or None, initial={"version": lesson_obj.version}
    )
    context = _lesson_context(lesson_obj) | {
        "form": form,
        "title": _("Import words from CSV"),
        "cancel": _lesson_url(lesson_obj),
    }
    if request.method != "POST" or not form.is_valid():
        return render(request, "teach/upload_form.html", context)
    rows = form.cleaned_data["rows"]
    plan = authoring.vocabulary_import_plan(user=request.user, lesson=lesson_obj, rows=rows)
    problems = [message for _row, message in sorted(form.cleaned_data["problems"] + plan.problems)]
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        if len(problems) > len(shown):
            shown.append(
                _("… and %(count)d more problems.") % {"count": len(problems) - len(shown)}
            )
        form.add_error("file", shown)
        return render(request, "teach/upload_form.html", context)
    if "confirm" in request.POST:
        try:
            authoring.vocabulary_import(
                user=request.user,
                lesson=lesson_obj,
                rows=rows,
                version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            # Someone changed the lesson since the preview: show the preview of now.
            messages.error(request, " ".join(exc.messages))
            plan = authoring.vocabulary_import_plan(user=request.user, lesson=lesson_obj, rows=rows)
        else:
            messages.success(
                request,
                _(
                    "Words imported: %(added)d added, %(changed)d changed, "
                    "%(unchanged)d left as they were."
                )
                % {
                    "added": len(plan.added),
                    "changed": len(plan.changed),
                    "unchanged": len(plan.unchanged),
                },
            )
            return redirect(_lesson_url(lesson_obj) + "#vocabulary")
    return render(
        request,
        "teach/vocabulary_import_preview.html",
        context | {"plan": plan, "content": form.cleaned_data["content"]},
    )


@require_GET
@teacher_required
def vocabulary_export(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    body = selectors.vocabulary_export_csv(
        lesson=lesson_obj, languages=[code for code, _name in languages()]
    )
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    name = f"{lesson_obj.course.slug}-{lesson_obj.slug}-words.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
@teacher_required
def exercise_create(request: HttpRequest, lesson: int) -> HttpResponse:
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    kind = request.GET.get("kind") or request.POST.get("kind", "")
    if kind not in KIND_FIELDS:
        return render(
            request,
            "teach/exercise_kinds.html",
            _lesson_context(lesson_obj) | {"kinds": Exercise.Kind.choices},
        )
    form = ExerciseForm(request.POST or None, kind=kind, initial={"version": lesson_obj.version})
    if form_post(
        request,
        form,
        lambda: authoring.exercise_create(
            user=request.user, lesson=lesson_obj, version=_version(form), **form.values()
        ),
        _("The exercise is saved."),
    ):
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
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    exercise = selectors.exercise_get_for_teacher(lesson=lesson_obj, pk=pk)
    if exercise.kind not in KIND_FIELDS:
        raise Http404
    form = ExerciseForm(request.POST or None, kind=exercise.kind, exercise=exercise)
    form.initial["version"] = lesson_obj.version
    data = exercise.data if isinstance(exercise.data, dict) else {}
    _saved_previews(
        form, exercise.ruby, {k: data[k] for k in ("question", "sentence", "word") if k in data}
    )
    if form_post(
        request,
        form,
        lambda: authoring.exercise_update(
            user=request.user, exercise=exercise, version=_version(form), **form.values()
        ),
        _("The exercise is saved."),
    ):
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
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
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
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
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


def _answer_shown(kind: str, data: dict[str, Any]) -> str:
    """The right answer of an exercise as the tutor reviewing a draft reads it."""
    if kind in ("choice", "listening"):
        return str(data["choices"][data["answer"]])
    if kind == "reading":
        return " / ".join(data["answers"])
    if kind == "cloze":
        return f"{data['before']}{data['answers'][0]}{data['after']}"
    if kind == "ordering":
        return "".join(data["tiles"])
    return "; ".join(f"{left} = {right}" for left, right in data.get("pairs", []))


@require_http_methods(["GET", "POST"])
@teacher_required
def draft_list(request: HttpRequest, lesson: int) -> HttpResponse:
    """Review generated exercises; POST drafts new ones from the lesson's words and text."""
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    if request.method == "POST":
        created = authoring.lesson_drafts_generate(user=request.user, lesson=lesson_obj)
        messages.success(request, _("%(count)d new drafts.") % {"count": len(created)})
        return redirect("teach:draft-list", lesson=lesson_obj.pk)
    lesson_obj.refresh_from_db(fields=["version"])
    drafts = [
        {
            "obj": draft,
            "display": exercise_engine.display_in(
                draft.kind,
                exercise_engine.display(draft.kind, draft.data, seed=draft.pk),
                draft.data_translations,
                ("en",),
            ),
            "answer": _answer_shown(draft.kind, draft.data),
        }
        for draft in selectors.exercise_list_drafts(lesson=lesson_obj)
    ]
    return render(
        request, "teach/draft_list.html", _lesson_context(lesson_obj) | {"drafts": drafts}
    )


@require_POST
@teacher_required
def draft_accept(request: HttpRequest, lesson: int, pk: int) -> HttpResponse:
    lesson_obj = selectors.lesson_get_for_teacher(user=request.user, pk=lesson)
    draft = selectors.exercise_get_for_teacher(lesson=lesson_obj, pk=pk, draft=True)
    form = VersionForm(request.POST)
    try:
        authoring.exercise_draft_accept(user=request.user, exercise=draft, version=_version(form))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Accepted: learners will see this exercise."))
    return redirect("teach:draft-list", lesson=lesson_obj.pk)
