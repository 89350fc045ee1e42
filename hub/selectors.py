"""Reads of `hub`: published articles for everyone, drafts for the people allowed to see them,
and the partner directory with its facet counts."""

from typing import Any

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from hub.directory import Entry, Facets, Selection, facet_counts
from hub.models import (
    Article,
    ArticleSearchText,
    ArticleTranslation,
    Organisation,
    OrganisationProposal,
    Prefecture,
    SearchSynonym,
    Status,
    Tag,
)
from hub.permissions import article_can_preview, user_is_editor
from hub.search_text import Query, fts5_expression, parse_query, synonym_table, tsquery_expression

MAX_QUERY_CHARS = 200


def clean_query(text: str) -> str:
    """A search text or filter value without control characters (PostgreSQL refuses NUL),
    trimmed to a sane length."""
    return "".join(ch for ch in text if ch >= " " or ch in "\t")[:MAX_QUERY_CHARS].strip()


def _published_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}published_at__lte": timezone.now()})


def _published_translations() -> Prefetch:
    return Prefetch(
        "translations",
        queryset=ArticleTranslation.objects.filter(status=Status.PUBLISHED).order_by("language"),
        to_attr="visible_translations",
    )


def synonym_groups() -> dict[str, list[str]]:
    """The editors' synonym table (see hub.search_text.synonym_table)."""
    return synonym_table(SearchSynonym.objects.values_list("terms", flat=True))


def _matching_article_ids(query: Query) -> QuerySet[ArticleSearchText] | list[int]:
    """Ids of articles whose search text matches: FTS5 on SQLite, to_tsvector on PostgreSQL
    (the "simple" configuration for every language beside "english", which stems)."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        expression = tsquery_expression(query)
        vector = SearchVector("terms", config="simple") + SearchVector("terms", config="english")
        search = SearchQuery(expression, config="simple", search_type="raw") | SearchQuery(
            expression, config="english", search_type="raw"
        )
        return (
            ArticleSearchText.objects.annotate(document=vector)
            .filter(document=search)
            .values_list("article_id", flat=True)
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.article_id FROM hub_article_fts f"
            " JOIN hub_articlesearchtext s ON s.id = f.rowid"
            " WHERE hub_article_fts MATCH %s",
            [fts5_expression(query)],
        )
        return [row[0] for row in cursor.fetchall()]


def article_search(articles: QuerySet[Article], query: str) -> QuerySet[Article]:
    """*articles* whose original or published translation matches *query*: by words, by
    reading (kana or romaji), by dictionary form and through the editors' synonyms (see
    hub.search_text), in the full-text index of the database."""
    query = clean_query(query)
    if not query:
        return articles
    parsed = parse_query(query, synonym_groups())
    if not parsed:  # only punctuation: nothing to look for, so nothing found
        return articles.none()
    return articles.filter(pk__in=_matching_article_ids(parsed))


def article_list_published(
    *, kind: str = "", tag: str = "", language: str = "", query: str = ""
) -> QuerySet[Article]:
    """Published articles, newest first, with their tags and published translations
    (`visible_translations`)."""
    articles = Article.objects.filter(_published_q())
    if kind:
        articles = articles.filter(kind=kind)
    if tag:
        articles = articles.filter(tags__slug=clean_query(tag))
    if language:
        translated = ArticleTranslation.objects.filter(status=Status.PUBLISHED, language=language)
        articles = articles.filter(
            Q(original_language=language) | Q(pk__in=translated.values("article_id"))
        )
    articles = article_search(articles, query)
    return articles.prefetch_related("tags", _published_translations()).order_by(
        "-published_at", "-pk"
    )


def article_get_for_reader(*, slug: str, user: Any) -> Article:
    """The article at *slug* with `visible_translations`: published for everyone; otherwise
    only for the people who may preview it (who also see unreviewed translations)."""
    article = (
        Article.objects.filter(slug=slug)
        .prefetch_related("tags", _published_translations())
        .first()
    )
    if article is None:
        raise Http404
    if article.is_published:
        return article
    if not article_can_preview(article=article, user=user):
        raise Http404
    article.visible_translations = list(article.translations.order_by("language"))
    return article


def article_list_unpublished_for(*, user: Any) -> QuerySet[Article]:
    """Drafts and articles in review the user may see (editors: all)."""
    articles = Article.objects.exclude(_published_q())
    if not user_is_editor(user):
        if not getattr(user, "is_authenticated", False):
            return articles.none()
        articles = articles.filter(Q(author=user) | Q(translations__translator=user)).distinct()
    return articles.prefetch_related("translations").order_by("-updated_at")


def tag_list_published() -> QuerySet[Tag]:
    return Tag.objects.filter(
        articles__status=Status.PUBLISHED, articles__published_at__lte=timezone.now()
    ).distinct()


def article_languages_published() -> list[str]:
    """Languages that published articles are available in (originals and translations)."""
    originals = set(
        Article.objects.filter(_published_q()).values_list("original_language", flat=True)
    )
    translated = set(
        ArticleTranslation.objects.filter(status=Status.PUBLISHED)
        .filter(_published_q("article__"))
        .values_list("language", flat=True)
    )
    return sorted(originals | translated)


# --- Directory --------------------------------------------------------------------------------


def _coded(field: str, code: str) -> Q:
    # The lists are JSON; the quoted code matches one element exactly on SQLite and PostgreSQL.
    return Q(**{f"{field}__icontains": f'"{code}"'})


def _organisation_text(query: str) -> Q:
    query = clean_query(query)
    if not query:
        return Q()
    return (
        Q(name_en__icontains=query)
        | Q(name_ja__icontains=query)
        | Q(description__icontains=query)
        | Q(address__icontains=query)
    )


def organisation_list(*, selection: Selection, query: str = "") -> QuerySet[Organisation]:
    """Organisations matching the text and every chosen facet (see hub.directory)."""
    organisations = Organisation.objects.filter(_organisation_text(query))
    if selection.prefecture:
        organisations = organisations.filter(
            _coded("prefectures", selection.prefecture) | _coded("prefectures", "nationwide")
        )
    if selection.help_kind:
        organisations = organisations.filter(_coded("help_kinds", selection.help_kind))
    if selection.language:
        organisations = organisations.filter(
            _coded("languages", selection.language)
            | _coded("interpreter_languages", selection.language)
        )
    return organisations.order_by("name_en", "pk")


def organisation_facets(*, selection: Selection, query: str = "") -> Facets:
    """Counts per prefecture, kind of help and language under the current choices: one query."""
    rows = Organisation.objects.filter(_organisation_text(query)).values_list(
        "prefectures", "help_kinds", "languages", "interpreter_languages"
    )
    entries = [
        Entry(
            prefectures=frozenset(prefectures or []),
            help_kinds=frozenset(help_kinds or []),
            languages=frozenset([*(languages or []), *(interpreters or [])]),
        )
        for prefectures, help_kinds, languages, interpreters in rows
    ]
    return facet_counts(entries, selection, Prefecture.values)


def organisation_get(*, slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def proposal_list_pending() -> QuerySet[OrganisationProposal]:
    return OrganisationProposal.objects.filter(
        decision=OrganisationProposal.Decision.PENDING
    ).select_related("organisation")
