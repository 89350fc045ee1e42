"""Articles: writing, rendering (Markdown, furigana and what each Japanese paragraph speaks, at
save), review and publication. Saving or publishing asks the clip store for the paragraphs'
audio; queue workers make it."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hub import markdown
from hub.models import LANGUAGES, Article, ArticleTranslation, Status, Tag
from hub.permissions import (
    article_can_edit,
    require_editor,
    translation_can_add,
    translation_can_edit,
)
from hub.selectors import paragraph_speech
from hub.services.search import article_index
from learning.audio.services import audio_request
from learning.pagecache import content_changed
from lessons.japanese import speech
from lessons.japanese.furigana import ENGINE_VERSION
from lessons.japanese.ruby import ruby_map, ruby_reading

# "+audio1": rendering fills the paragraphs' readings (render_articles fills older rows).
RENDER_VERSION = f"md{markdown.VERSION}+furigana{ENGINE_VERSION}+audio1"
# The paragraphs of one text read aloud, at most (the rest are shown without a player): a body
# of 100,000 characters in one-line paragraphs would otherwise ask for thousands of clips.
MAX_SPOKEN_PARAGRAPHS = 400
LANGUAGE_CODES = frozenset(code for code, _name in LANGUAGES)
# Slugs the article URLs use for other pages.
RESERVED_SLUGS = frozenset({"feed", "atom", "editor", "write", "new"})
ARTICLE_FIELDS = (
    "kind",
    "slug",
    "original_language",
    "title",
    "summary",
    "body",
    "author_name",
    "source_publisher",
    "source_title",
    "source_url",
    "source_date",
    "event_date",
)


def display_name(user: Any) -> str:
    """How a user is credited: full name, else username."""
    return (user.get_full_name() or user.get_username()).strip()


def _same_person(a: str, b: str) -> bool:
    return bool(a.strip()) and a.strip().casefold() == b.strip().casefold()


# --- Rendering --------------------------------------------------------------------------------


def _spoken(reading: str) -> str:
    """*reading* if the engine can speak it, else "" (nothing Japanese in it, or longer than
    the engine speaks at once: that paragraph has no player)."""
    try:
        speech.prepare(reading)
    except speech.SpeechError:
        return ""
    return reading


def _render_paragraphs(text: str, language: str) -> tuple[list[str], list[str]]:
    """Sanitised HTML of each block, and what each block speaks; Japanese text nodes carry
    furigana, and each Japanese block is read with the furigana in place of its kanji."""
    blocks = markdown.render_blocks(text)
    if language != "ja":
        return blocks, []
    nodes = [markdown.text_nodes(block) for block in blocks]
    rendered = ruby_map([node for block in nodes for node in block], {})
    replacements = {node: entry["html"] for node, entry in rendered.items()}
    readings = [
        _spoken("".join(ruby_reading(rendered, node) for node in block))
        if i < MAX_SPOKEN_PARAGRAPHS
        else ""
        for i, block in enumerate(nodes)
    ]
    return [markdown.replace_text(block, replacements) for block in blocks], readings


def translation_render(translation: ArticleTranslation) -> None:
    """Fill the translation's rendered fields (not saved)."""
    translation.paragraphs, translation.paragraph_readings = _render_paragraphs(
        translation.body, translation.language
    )
    translation.body_html = markdown.render(translation.body)
    translation.render_version = RENDER_VERSION


def _paragraphs_audio_request(*texts: Any) -> list[str]:
    """Ask for the clip of every paragraph in the stored readings *texts*; the new keys."""
    return audio_request(
        speeches=[s for readings in texts for s in paragraph_speech(readings) if s]
    )


def article_audio_request(*, article: Article) -> list[str]:
    """Ask for the clip of every Japanese paragraph of *article* (its original, or its
    Japanese translation) as last rendered; returns the keys that were new. A paragraph
    that changed gets a new clip, an unchanged one keeps its own."""
    return _paragraphs_audio_request(
        article.paragraph_readings, *(t.paragraph_readings for t in article.translations.all())
    )


def article_render(article: Article) -> None:
    """Render the original and every translation of *article*, save the rendered fields and
    ask for the paragraphs' audio."""
    article.paragraphs, article.paragraph_readings = _render_paragraphs(
        article.body, article.original_language
    )
    article.body_html = markdown.render(article.body)
    article.ruby = ruby_map([article.title], {}) if article.original_language == "ja" else {}
    article.render_version = RENDER_VERSION
    Article.objects.filter(pk=article.pk).update(
        paragraphs=article.paragraphs,
        paragraph_readings=article.paragraph_readings,
        body_html=article.body_html,
        ruby=article.ruby,
        render_version=article.render_version,
    )
    for translation in article.translations.all():
        translation_render(translation)
        ArticleTranslation.objects.filter(pk=translation.pk).update(
            paragraphs=translation.paragraphs,
            paragraph_readings=translation.paragraph_readings,
            body_html=translation.body_html,
            render_version=translation.render_version,
        )
    article_index(article)
    article_audio_request(article=article)
    # The updates above send no signal: renew the kept pages here.
    content_changed("hub")


def articles_audio_request_all(**kwargs: Any) -> list[str]:
    """Ask for the paragraphs' clips of every article (a receiver of audio_refresh_requested)."""
    new: list[str] = []
    for article in Article.objects.prefetch_related("translations"):
        new += article_audio_request(article=article)
    return new


def articles_render_stale(*, everything: bool = False) -> int:
    """Render articles rendered by another version (or never, e.g. loaded from a fixture);
    returns how many articles were rendered."""
    articles = Article.objects.all()
    if not everything:
        articles = (
            articles.exclude(render_version=RENDER_VERSION)
            | articles.filter(translations__isnull=False).exclude(
                translations__render_version=RENDER_VERSION
            )
        ).distinct()
    count = 0
    for article in articles:
        with transaction.atomic():
            article_render(article)
        count += 1
    return count


# --- Articles ---------------------------------------------------------------------------------


def _validate_article(article: Article) -> None:
    if article.slug in RESERVED_SLUGS:
        raise ValidationError({"slug": [_("This slug is reserved; choose another.")]})
    if "\x00" in article.title or "\x00" in article.body:
        raise ValidationError({"body": [_("The text contains a NUL character.")]})
    article.full_clean(exclude=["tags", "author"])


@transaction.atomic
def article_save(
    *,
    by: Any,
    article: Article | None = None,
    tags: Iterable[str] | None = None,
    **fields: Any,
) -> Article:
    """Create an article (editors) or change one (editors, or its author before publication).

    A new article is a draft credited to *by*. Changing the original's title or body raises
    its revision, which marks older translations as possibly out of date.
    """
    unknown = set(fields) - set(ARTICLE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown article fields: {sorted(unknown)}")
    if article is None:
        require_editor(by)
        article = Article(author=by, author_name=display_name(by))
    elif not article_can_edit(article=article, user=by):
        raise PermissionDenied(_("You may not edit this article."))
    before = (article.title, article.body) if article.pk else None
    for name, value in fields.items():
        setattr(article, name, value)
    if before is not None and before != (article.title, article.body):
        article.revision += 1
    _validate_article(article)
    article.save()
    if tags is not None:
        names = [t.strip() for t in tags if t and t.strip()][:20]
        objects = []
        for name in names:
            slug = slugify(name, allow_unicode=False)[:60] or None
            if slug:
                tag, _created = Tag.objects.get_or_create(slug=slug, defaults={"name": name[:80]})
                objects.append(tag)
        article.tags.set(objects)
    article_render(article)
    return article


def article_submit_for_review(*, article: Article, by: Any) -> Article:
    if not article_can_edit(article=article, user=by):
        raise PermissionDenied(_("You may not submit this article."))
    if article.status != Status.DRAFT:
        raise ValidationError({"status": [_("Only a draft can be sent for review.")]})
    article.status = Status.REVIEW
    article.save(update_fields=["status", "updated_at"])
    return article


@transaction.atomic
def article_publish(*, article: Article, by: Any) -> Article:
    """Publish (editors only). A translated document needs at least one reviewed translation."""
    require_editor(by)
    if article.status == Status.PUBLISHED:
        return article
    if (
        article.kind == Article.Kind.TRANSLATION
        and not article.translations.filter(status=Status.PUBLISHED).exists()
    ):
        raise ValidationError(
            {"status": [_("A translated document needs a reviewed translation first.")]}
        )
    article.status = Status.PUBLISHED
    article.published_at = article.published_at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    # Readers hear it: a clip not asked for yet (an article loaded as data) is queued now.
    article_audio_request(article=article)
    return article


def article_withdraw(*, article: Article, by: Any) -> Article:
    """Take a published article back to draft (editors only)."""
    require_editor(by)
    article.status = Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    return article


@transaction.atomic
def translation_save(
    *,
    article: Article,
    language: str,
    title: str,
    body: str,
    translator_name: str,
    by: Any,
    summary: str = "",
    translator: Any = None,
) -> ArticleTranslation:
    """Create or change the *language* translation of *article*, made from its current revision.

    Any change sends a reviewed translation back to review: the reviewer must look again.
    """
    if language not in LANGUAGE_CODES:
        raise ValidationError({"language": [_("Unknown language.")]})
    if language == article.original_language:
        raise ValidationError({"language": [_("This is the original's language.")]})
    translation = ArticleTranslation.objects.filter(article=article, language=language).first()
    if translation is None:
        if not translation_can_add(article=article, user=by):
            raise PermissionDenied(_("Only editors may add translations."))
        translation = ArticleTranslation(article=article, language=language)
    elif not translation_can_edit(translation=translation, user=by):
        raise PermissionDenied(_("You may not edit this translation."))
    translation.title = title
    translation.summary = summary
    translation.body = body
    translation.translator_name = translator_name.strip()
    translation.translator = translator
    translation.source_revision = article.revision
    if translation.reviewer_name or translation.reviewer_id:
        translation.reviewer = None
        translation.reviewer_name = ""
        translation.reviewed_at = None
    translation.status = Status.REVIEW
    translation.full_clean(exclude=["article", "translator", "reviewer"])
    translation_render(translation)
    translation.save()
    article_index(article)
    _paragraphs_audio_request(translation.paragraph_readings)
    return translation


@transaction.atomic
def translation_approve(
    *, translation: ArticleTranslation, reviewer: Any, reviewer_name: str = ""
) -> ArticleTranslation:
    """Record *reviewer*'s review and publish the translation (shown once its article is).

    The reviewer must be an editor and a different person from the translator, by account and
    by credited name.
    """
    require_editor(reviewer)
    name = (reviewer_name or display_name(reviewer)).strip()
    if (translation.translator_id and translation.translator_id == reviewer.pk) or _same_person(
        name, translation.translator_name
    ):
        raise ValidationError(
            {"reviewer": [_("The reviewer must be a different person from the translator.")]}
        )
    translation.reviewer = reviewer
    translation.reviewer_name = name
    translation.reviewed_at = timezone.now()
    translation.status = Status.PUBLISHED
    translation.save(
        update_fields=["reviewer", "reviewer_name", "reviewed_at", "status", "updated_at"]
    )
    article_index(translation.article)
    return translation


def translation_mark_current(*, translation: ArticleTranslation, by: Any) -> ArticleTranslation:
    """An editor checked an out-of-date translation against the changed original."""
    require_editor(by)
    translation.source_revision = translation.article.revision
    translation.save(update_fields=["source_revision", "updated_at"])
    return translation
