"""Reads of `hub`: published articles for everyone, drafts for the people allowed to see them,
and the partner directory with its facet counts."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext

from hub.directory import Entry, Facets, Selection, facet_counts, matches, sort_key
from hub.hours import is_open, parse_hours
from hub.hsds import Listing
from hub.hsds import document as hsds_document
from hub.models import (
    LANGUAGES,
    Article,
    ArticleSearchText,
    ArticleTranslation,
    Eligibility,
    HelpKind,
    Organisation,
    OrganisationProposal,
    Prefecture,
    SearchSynonym,
    Status,
    Tag,
)
from hub.permissions import article_can_preview, user_is_editor
from hub.search_text import (
    Query,
    fts5_expression,
    normalise,
    parse_query,
    synonym_table,
    tsquery_expression,
)
from learning.audio.selectors import Speech, audio_urls
from learning.languages import LANGUAGE_NAMES_EN
from lessons.japanese.speech import DEFAULT_VOICE, clip_key
from lessons.japanese.text import is_japanese

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


def _matching_article_ids(query: Query) -> QuerySet[Any, int] | list[int]:
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


def paragraph_speech(readings: Any) -> list[Speech | None]:
    """The clip of each paragraph from its stored reading (Article.paragraph_readings); None
    for a paragraph with nothing to speak."""
    if not isinstance(readings, list):
        return []
    return [
        Speech(reading=r, voice=DEFAULT_VOICE, key=clip_key(r))
        if isinstance(r, str) and r
        else None
        for r in readings
    ]


def article_paragraph_clips(
    *, article: Article, translation: ArticleTranslation | None
) -> tuple[list[str], list[str]]:
    """The URL of each paragraph's ready clip ("" while it has none) in the original and in
    *translation*, in one query. Only Japanese texts have readings, so only they get any."""
    original = paragraph_speech(article.paragraph_readings)
    translated = paragraph_speech(translation.paragraph_readings) if translation else []
    urls = audio_urls(keys=[s.key for s in (*original, *translated) if s])
    return (
        [urls.get(s.key, "") if s else "" for s in original],
        [urls.get(s.key, "") if s else "" for s in translated],
    )


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


MAX_DIRECTORY_WORDS = 8


def _label_names() -> dict[str, dict[str, set[str]]]:
    """The names of every language, kind of help and group of people, in every interface
    language (and natively for languages), normalised for matching what people type."""
    tables: dict[str, dict[str, set[str]]] = {
        "languages": {code: {normalise(native)} for code, native in LANGUAGES},
        "help_kinds": {code: set() for code in HelpKind.values},
        "eligibility": {code: set() for code in Eligibility.values},
    }
    for interface, _name in settings.LANGUAGES:
        with translation.override(interface):
            for code, english in LANGUAGE_NAMES_EN.items():
                tables["languages"].setdefault(code, set()).add(normalise(gettext(english)))
            for code, label in HelpKind.choices:
                tables["help_kinds"][code].add(normalise(str(label)))
            for code, label in Eligibility.choices:
                tables["eligibility"][code].add(normalise(str(label)))
    return tables


def _names_match(term: str, names: set[str]) -> bool:
    # Short Latin words (en, ar) only match a whole name: "ar" is in "Tigrinya"'s neighbours.
    if is_japanese(term) or len(term) >= 3:
        return any(term in name for name in names)
    return term in names


def _organisation_term(term: str, tables: dict[str, dict[str, set[str]]]) -> Q:
    """Organisations whose text holds *term* or whose languages, kinds of help or groups of
    people are called *term* in any interface language."""
    condition = (
        Q(name_en__icontains=term)
        | Q(name_ja__icontains=term)
        | Q(description__icontains=term)
        | Q(address__icontains=term)
        | Q(eligibility_note__icontains=term)
    )
    for code, names in tables["languages"].items():
        if _names_match(term, names | {code}):
            condition |= _coded("languages", code) | _coded("interpreter_languages", code)
    for field in ("help_kinds", "eligibility"):
        for code, names in tables[field].items():
            if _names_match(term, names | {code}):
                condition |= _coded(field, code)
    return condition


def _organisation_text(query: str) -> Q:
    """Every word of *query* (or one of its synonyms) matches the organisation."""
    query = normalise(clean_query(query)).strip()
    if not query:
        return Q()
    synonyms = synonym_groups()
    tables = _label_names()
    words = [query] if query in synonyms else query.split()[:MAX_DIRECTORY_WORDS]
    condition = Q()
    for word in words:
        either = Q(pk__in=[])
        for term in [word, *synonyms.get(word, ())]:
            either |= _organisation_term(term, tables)
        condition &= either
    return condition


def _entry(organisation: Organisation, at: datetime) -> Entry:
    return Entry(
        prefectures=frozenset(organisation.prefectures or []),
        help_kinds=frozenset(organisation.help_kinds or []),
        languages=frozenset(
            [*(organisation.languages or []), *(organisation.interpreter_languages or [])]
        ),
        eligibility=frozenset(organisation.eligibility or []),
        open_now=is_open(parse_hours(organisation.opening_hours), at),
    )


def organisation_list(
    *, selection: Selection, query: str = "", at: datetime | None = None
) -> list[Organisation]:
    """Organisations matching the text and every chosen filter (see hub.directory), verified
    and open ones first, closed or stale ones last; each with `open_now` (True, False or None
    when its hours cannot be read) at *at* (a local time; default now). The directory is
    small (hundreds), so filtering by hours and sorting happen here, in Python."""
    at = at or timezone.localtime()
    found = []
    for organisation in Organisation.objects.filter(_organisation_text(query)):
        entry = _entry(organisation, at)
        if matches(entry, selection):
            organisation.open_now = entry.open_now
            found.append(organisation)
    return sorted(
        found,
        key=lambda o: sort_key(
            active=o.state == Organisation.State.ACTIVE,
            verified=not o.needs_verification,
            open_now=o.open_now,
            name=o.name_en,
        ),
    )


def organisation_facets(
    *, selection: Selection, query: str = "", at: datetime | None = None
) -> Facets:
    """Counts per prefecture, kind of help and language under the current choices: one query."""
    at = at or timezone.localtime()
    organisations = Organisation.objects.filter(_organisation_text(query)).only(
        "prefectures",
        "help_kinds",
        "languages",
        "interpreter_languages",
        "eligibility",
        "opening_hours",
    )
    entries = [_entry(organisation, at) for organisation in organisations]
    return facet_counts(entries, selection, Prefecture.values)


def organisation_hsds(*, base_url: str) -> dict[str, Any]:
    """The whole directory as HSDS 3.0 (see hub.hsds); names and labels in English, the
    language open data is usually read in. *base_url* makes the page links absolute."""
    help_labels = dict(HelpKind.choices)
    prefecture_labels = dict(Prefecture.choices)
    eligibility_labels = dict(Eligibility.choices)
    with translation.override("en"):
        listings = [
            Listing(
                key=o.pk,
                name=o.name_en or o.name_ja,
                alternate_name=o.name_ja,
                description=o.description,
                url=base_url + o.get_absolute_url(),
                email=o.email,
                website=o.website,
                phone=o.phone,
                address=o.address,
                opening_hours=o.opening_hours,
                active=o.state == Organisation.State.ACTIVE,
                help_kinds=[(c, str(help_labels.get(c, c))) for c in o.help_kinds],
                languages=[(c, LANGUAGE_NAMES_EN.get(c, c)) for c in o.languages],
                interpreter_languages=[
                    (c, LANGUAGE_NAMES_EN.get(c, c)) for c in o.interpreter_languages
                ],
                prefectures=[(c, str(prefecture_labels.get(c, c))) for c in o.prefectures],
                eligibility=[str(eligibility_labels.get(c, c)) for c in o.eligibility],
                eligibility_note=o.eligibility_note,
                last_verified=o.last_verified,
                updated=o.updated_at,
            )
            for o in Organisation.objects.order_by("pk")
        ]
    return hsds_document(listings)


def organisation_get(*, slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def proposal_list_pending() -> QuerySet[OrganisationProposal]:
    return OrganisationProposal.objects.filter(
        decision=OrganisationProposal.Decision.PENDING
    ).select_related("organisation")
