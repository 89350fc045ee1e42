"""Pages of reviews, under /review/: one card at a time, plain forms (post, then redirect)."""

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from learning.audio.selectors import audio_urls
from learning.display import display_prefs_get, pick_translation
from learning.forms import form_add_errors
from learning.pagecache import CSRF_HOLE
from lessons.review import kept, scheduling
from lessons.review.fading import fade
from lessons.review.forms import ReviewSettingsForm
from lessons.review.models import CardKind
from lessons.review.selectors import (
    QueueCard,
    review_card_get,
    review_known_pairs,
    review_next_change,
    review_queue,
    review_recall_choices,
)
from lessons.review.services import (
    day_start,
    review_answer,
    review_check_chosen,
    review_check_typed,
    review_prefs_get,
    review_settings_update,
)
from lessons.review.store import items_published
from lessons.selectors.audio import speech_for

CHECK_KEY = "review_check"
# "choose" or "type": how the learner answers recall cards, kept for the next cards.
RECALL_MODE_KEY = "review_recall_mode"


def _card_param(request: HttpRequest) -> tuple[int, str] | None:
    raw = request.GET.get("card", "")
    item, _sep, kind = raw.partition("-")
    if not item.isascii() or not item.isdigit() or kind not in CardKind.values:
        return None
    return int(item), kind


def card_context(request: HttpRequest, qc: QueueCard, moment: Any, prefs: Any) -> dict[str, Any]:
    """What the card template shows: the word, its meaning, its clips, the intervals of the four
    ratings (the client key is a hole, filled per request: see kept.py)."""
    display = display_prefs_get(
        user=request.user,
        session=request.session,
        interface_language=getattr(request, "LANGUAGE_CODE", ""),
    )
    lang, meaning = pick_translation(qc.item.meanings, display.meaning_languages)
    intervals = scheduling.preview(
        qc.state(moment), moment, desired_retention=prefs.desired_retention
    )
    word = speech_for(qc.item.ruby, qc.item.expression)
    example = speech_for(qc.item.ruby, qc.item.example)
    urls = audio_urls(keys=[s.key for s in (word, example) if s is not None])
    return {
        "qc": qc,
        "display": display,
        "meaning": meaning,
        "meaning_lang": lang,
        "ratings": [(name, value, intervals[name]) for name, value in scheduling.RATINGS.items()],
        "client_key": kept.CLIENT_KEY_HOLE,
        "word_audio": urls.get(word.key, "") if word else "",
        "example_audio": urls.get(example.key, "") if example else "",
        "audio_missing": any(s is not None and s.key not in urls for s in (word, example)),
    }


def _session_bits(request: HttpRequest) -> object:
    """What the review page shows from the session besides the cards: the recall mode and the
    verdict of the last check (a kept page is keyed by them)."""
    return (request.session.get(RECALL_MODE_KEY), repr(request.session.get(CHECK_KEY)))


def _build_page(request: HttpRequest) -> kept.Built:
    """The review page of *request* with its holes, and until when it holds."""
    queue = review_queue(learner=request.user, session=request.session)
    wanted = _card_param(request)
    show = request.GET.get("show") == "1"
    qc: QueueCard | None = None
    if wanted is not None:
        qc = review_card_get(
            learner=request.user, session=request.session, item_id=wanted[0], kind=wanted[1]
        )
        if qc is None:
            raise Http404
    elif queue.cards:
        qc = queue.cards[0]
    check = request.session.get(CHECK_KEY)
    if qc is None or not isinstance(check, dict) or check.get("card") != f"{qc.item.pk}-{qc.kind}":
        check = None
    context: dict[str, Any] = {
        "queue": queue,
        "show": show and qc is not None,
        "check": check,
        "csrf_token": CSRF_HOLE,
    }
    if qc is not None:
        context.update(card_context(request, qc, queue.now, queue.prefs))
        if (
            qc.kind == CardKind.RECALL
            and not show
            and request.session.get(RECALL_MODE_KEY) == "choose"
        ):
            context["choosing"] = True
            context["choices"] = review_recall_choices(
                learner=request.user, session=request.session, item=qc.item
            )
    page: str = render_to_string("review/review_page.html", context, request=request)
    known = review_known_pairs(learner=request.user, session=request.session, prefs=queue.prefs)
    if known:
        page = fade(page, known)
    moment = queue.now
    age = kept.MISSING_AUDIO_AGE if context.get("audio_missing") else kept.MAX_AGE
    until = min(moment + timedelta(seconds=age), day_start(moment) + timedelta(days=1))
    change = review_next_change(learner=request.user, moment=moment)
    if change is not None:
        until = min(until, change)
    return page, until.timestamp()


@require_GET
@transaction.non_atomic_requests
def review_page(request: HttpRequest) -> HttpResponse:
    """The next card's front; with `?card=ITEM-KIND&show=1`, that card's answer side. A
    signed-in learner's page is kept until their reviews change (kept.py)."""
    mode = request.GET.get("recall")
    if mode in ("choose", "type") and request.session.get(RECALL_MODE_KEY) != mode:
        request.session[RECALL_MODE_KEY] = mode
    return kept.kept_page(request, session_bits=_session_bits(request), build=_build_page)


def _prepare(request: HttpRequest, query: dict[str, str]) -> None:
    """Render the page an answer redirects to now, while the answer is saved."""
    kept.kept_page_prepare(
        request, query=query, session_bits=_session_bits(request), build=_build_page
    )


def _item_from_post(request: HttpRequest) -> tuple[Any, str]:
    raw_item = request.POST.get("item", "")
    kind = request.POST.get("kind", "")
    if not raw_item.isascii() or not raw_item.isdigit() or kind not in CardKind.values:
        raise Http404
    item = items_published([int(raw_item)]).first()
    if item is None:
        raise Http404
    return item, kind


def _verdict(
    request: HttpRequest, item: Any, kind: str, grade: Any, *, chosen: bool, retried: bool = False
) -> HttpResponse:
    """Run *grade* (a checking service): keep its verdict for the answer side and go there
    (or, for a first near miss, back to the front to try again), or back to the card's front
    with the error."""
    card = f"{item.pk}-{kind}"
    try:
        result = grade()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(reverse("review:review-page") + f"?card={card}")
    # A near miss typed the first time is not yet a verdict: the card's front again, with the
    # hint and the answer as typed, to try once more (the answer is not shown yet).
    retry = not result.correct and bool(result.retry_hint) and not retried
    request.session[CHECK_KEY] = {
        "card": card,
        "given": result.given,
        "correct": result.correct,
        "expected": "" if retry else result.expected,
        "hint": result.retry_hint if retry else result.hint,
        "chosen": chosen,
        "retry": retry,
    }
    query = {"card": card} if retry else {"card": card, "show": "1"}
    _prepare(request, query)
    return redirect(reverse("review:review-page") + "?" + urlencode(query))


@require_POST
def review_check(request: HttpRequest) -> HttpResponse:
    """Check a typed recall answer, then show the answer side with the verdict."""
    item, kind = _item_from_post(request)
    given = request.POST.get("answer", "")
    return _verdict(
        request,
        item,
        kind,
        lambda: review_check_typed(item=item, given=given),
        chosen=False,
        retried=request.POST.get("retried") == "1",
    )


@require_POST
def review_choose(request: HttpRequest) -> HttpResponse:
    """Check a chosen recall answer (one of the words offered), then show the answer side."""
    item, kind = _item_from_post(request)
    raw = request.POST.get("choice", "")
    chosen = items_published([int(raw)]).first() if raw.isascii() and raw.isdigit() else None
    return _verdict(
        request, item, kind, lambda: review_check_chosen(item=item, chosen=chosen), chosen=True
    )


@require_POST
def review_rate(request: HttpRequest) -> HttpResponse:
    """Rate the card shown (Again, Hard, Good, Easy) and go on to the next one."""
    item, kind = _item_from_post(request)
    duration = request.POST.get("duration_ms", "")
    try:
        review_answer(
            learner=request.user,
            session=request.session,
            item=item,
            kind=kind,
            rating=request.POST.get("rating", ""),
            client_key=request.POST.get("client_key", ""),
            duration_ms=int(duration) if duration.isascii() and duration.isdigit() else None,
        )
    except ValidationError as exc:
        messages.error(
            request,
            _("Your answer could not be saved: %(reason)s") % {"reason": " ".join(exc.messages)},
        )
        return redirect(reverse("review:review-page") + f"?card={item.pk}-{kind}&show=1")
    request.session.pop(CHECK_KEY, None)
    _prepare(request, {})
    return redirect("review:review-page")


@require_http_methods(["GET", "POST"])
def review_settings(request: HttpRequest) -> HttpResponse:
    prefs = review_prefs_get(learner=request.user, session=request.session)
    form = ReviewSettingsForm(
        request.POST or None,
        initial={
            "desired_retention": prefs.desired_retention,
            "new_per_day": prefs.new_per_day,
            "reviews_per_day": prefs.reviews_per_day,
            "fade_furigana": prefs.fade_furigana,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            review_settings_update(
                learner=request.user, session=request.session, **form.cleaned_data
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(request, _("Your review settings are saved."))
            return redirect("review:review-settings")
    return render(request, "review/review_settings.html", {"form": form})
