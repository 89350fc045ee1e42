"""Hub pages, feeds and sitemap: visibility, side-by-side reading, filters with counts, query
counts, bad input and escaping of what people write."""

import datetime as dt
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hub.models import Organisation, OrganisationProposal, Status
from hub.services import proposal_approve
from tests.factories import UserFactory
from tests.hub.factories import (
    ArticleFactory,
    OrganisationFactory,
    TagFactory,
    TranslationFactory,
    editor,
)
from tests.hub.safety import PAGE_TAGS, XSS_PAYLOADS, unsafe

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _xml(content):
    """Our own feeds and sitemap, parsed strictly (a malformed document raises)."""
    return ET.fromstring(content)  # noqa: S314


def _text(response):
    return response.content.decode()


# --- Reading an article -------------------------------------------------------------------------


def test_article_page_shows_original_beside_translation_with_credits_and_source(client):
    translation = TranslationFactory()
    html = _text(client.get(translation.article.get_absolute_url()))
    assert html.count('<div class="pair">') == 2  # paragraph by paragraph
    assert "<rt>なんみん</rt>" in html
    assert "You can ask for an interpreter." in html
    assert "Tara Translator" in html
    assert "Rei Reviewer" in html
    assert "Aya Author" in html
    assert 'href="https://example.org/guide"' in html
    assert 'datetime="2026-04-01"' in html
    assert 'hreflang="en"' in html
    assert 'hreflang="ja"' in html
    assert 'property="og:title"' in html


def test_paragraphs_that_do_not_align_are_shown_as_two_whole_texts(client):
    translation = TranslationFactory(body="All in one paragraph.")
    html = _text(client.get(translation.article.get_absolute_url()))
    assert html.count('<div class="pair">') == 1


def test_language_choice_among_translations(client):
    translation = TranslationFactory()
    TranslationFactory(
        article=translation.article,
        language="ar",
        title="دليل",
        body="أ\n\nب",
        translator_name="Lina",
    )
    url = translation.article.get_absolute_url()
    html = _text(client.get(url + "?lang=ar"))
    assert '<h1 lang="ar" dir="rtl">دليل</h1>' in html
    assert _text(client.get(url + "?lang=xx")).count('class="translated" lang="en"') == 2


def test_furigana_switch_uses_the_lesson_preference(client):
    article = TranslationFactory().article
    assert "furigana-off" not in _text(client.get(article.get_absolute_url()))
    client.post(
        reverse("lessons:display-set"), {"furigana": "0", "next": article.get_absolute_url()}
    )
    assert 'class="hub-article furigana-off"' in _text(client.get(article.get_absolute_url()))


def test_outdated_translation_is_marked(client):
    translation = TranslationFactory()
    translation.article.revision = 2
    translation.article.save()
    html = _text(client.get(translation.article.get_absolute_url()))
    assert "may be out of date" in html


# --- Visibility of unpublished content ----------------------------------------------------------


@pytest.fixture
def hidden_articles():
    """Published, draft, in review, scheduled: only the first is public."""
    visible = TranslationFactory(article__title="公開記事", title="Public piece").article
    draft = ArticleFactory(title="下書き秘密", status=Status.DRAFT, published_at=None)
    review = ArticleFactory(title="審査中秘密", status=Status.REVIEW, published_at=None)
    scheduled = ArticleFactory(title="予約秘密", published_at=timezone.now() + dt.timedelta(days=3))
    # A translation not yet reviewed, of a published article.
    TranslationFactory(
        article=visible,
        language="fa",
        title="ترجمه‌ی بررسی‌نشده",
        status=Status.REVIEW,
        reviewer_name="",
    )
    return visible, [draft, review, scheduled]


SECRET_MARKERS = ("下書き秘密", "審査中秘密", "予約秘密", "ترجمه‌ی بررسی‌نشده")


@pytest.mark.parametrize(
    ("path", "shows_published"),
    [
        ("/news/", True),
        ("/news/?q=%E7%A7%98%E5%AF%86", False),  # 秘密
        ("/news/?lang=fa", True),  # no published Farsi: the filter is ignored on pages
        ("/news/feed/", True),
        ("/news/atom/", True),
        ("/news/feed/ja/", True),
        ("/news/atom/fa/", False),
        ("/sitemap.xml", True),
        ("/api/v1/articles/", True),
        ("/api/v1/articles/?q=%E7%A7%98%E5%AF%86", False),
        ("/api/v1/articles/?lang=fa", False),
    ],
)
def test_unpublished_articles_and_translations_never_show_in_lists(
    client, hidden_articles, path, shows_published
):
    client.force_login(editor())  # not even to an editor, outside the editor's queue
    body = _text(client.get(path))
    assert (hidden_articles[0].slug in body) is shows_published
    for marker in SECRET_MARKERS:
        assert marker not in body, (path, marker)
    for article in hidden_articles[1]:
        assert article.slug not in body, path


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_unpublished_article_pages_are_404_for_others(client, hidden_articles, who):
    if who == "stranger":
        client.force_login(UserFactory())
    for article in hidden_articles[1]:
        assert client.get(article.get_absolute_url()).status_code == 404
        assert client.get(f"/api/v1/articles/{article.slug}/").status_code == 404
    visible = hidden_articles[0]
    assert "ترجمه" not in _text(client.get(visible.get_absolute_url() + "?lang=fa"))


@pytest.mark.parametrize("who", ["author", "translator", "editor"])
def test_authors_translators_and_editors_preview_drafts(client, who):
    user = editor() if who == "editor" else UserFactory()
    article = ArticleFactory(
        title="下書き",
        status=Status.DRAFT,
        published_at=None,
        author=user if who == "author" else None,
    )
    TranslationFactory(
        article=article,
        status=Status.REVIEW,
        reviewer_name="",
        translator=user if who == "translator" else None,
    )
    client.force_login(user)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Not published" in _text(response)
    # Still out of the API, even for them.
    assert client.get(f"/api/v1/articles/{article.slug}/").status_code == 404


def test_editor_reviews_and_publishes_from_the_page(client):
    boss = editor(username="boss")
    article = ArticleFactory(status=Status.REVIEW, published_at=None)
    TranslationFactory(
        article=article, status=Status.REVIEW, reviewer_name="", translator_name="Tara"
    )
    client.force_login(boss)
    url = reverse("hub:article-action", kwargs={"slug": article.slug})
    client.post(url, {"action": "approve-translation", "language": "en"})
    client.post(url, {"action": "publish"})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.translations.get().reviewer_name == "boss"
    assert client.get(reverse("hub:editor-queue")).status_code == 200


# --- Lists, search, feeds, sitemap --------------------------------------------------------------


def test_article_list_filters_by_kind_tag_and_language(client):
    legal = TagFactory(slug="legal")
    a = TranslationFactory(article__title="法律の話", article__kind="translation").article
    a.tags.add(legal)
    ArticleFactory(title="お知らせ", kind="news")
    ArticleFactory(title="イベント", kind="event")
    assert "法律の話" in _text(client.get("/news/?kind=translation"))
    assert "お知らせ" not in _text(client.get("/news/?kind=translation"))
    html = _text(client.get("/news/?tag=legal&lang=en"))
    assert "法律の話" in html
    assert "イベント" not in html
    assert "イベント" in _text(client.get("/news/?kind=event"))


@pytest.mark.parametrize(
    ("query", "found"),
    [("interpreter", True), ("難民", True), ("Guide to asylum", True), ("zebra", False)],
)
def test_search_covers_originals_and_translations(client, query, found):
    TranslationFactory(article__title="難民申請", title="Guide to asylum")
    html = _text(client.get("/news/", {"q": query}))
    assert ("難民申請" in html) is found


def test_newest_first(client):
    older = ArticleFactory(title="古い", published_at=timezone.now() - dt.timedelta(days=5))
    newer = ArticleFactory(title="新しい", published_at=timezone.now() - dt.timedelta(days=1))
    html = _text(client.get("/news/"))
    assert html.index(newer.title) < html.index(older.title)


def test_rss_feed_is_valid_rss_2(client):
    TranslationFactory(article__title="難民申請", language="ar", title="عنوان")
    response = client.get("/news/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    root = _xml(response.content)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        assert channel.find(name).text
    item = channel.find("item")
    for name in ("title", "link", "description", "guid", "pubDate"):
        assert item.findtext(name), name
    assert item.find("title").text == "難民申請"


def test_atom_feed_per_language_is_valid_atom(client):
    TranslationFactory(title="Guide to asylum")
    response = client.get("/news/atom/en/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = _xml(response.content)
    assert root.tag == f"{ATOM}feed"
    for name in ("title", "id", "updated"):
        assert root.find(ATOM + name).text
    entry = root.find(f"{ATOM}entry")
    for name in ("title", "id", "updated"):
        assert entry.find(ATOM + name).text, name
    assert entry.find(f"{ATOM}title").text == "Guide to asylum"
    assert entry.find(f"{ATOM}link").get("href").endswith("?lang=en")


def test_feed_for_an_unknown_language_is_404(client):
    assert client.get("/news/feed/klingon/").status_code == 404


def test_sitemap_lists_published_articles_and_organisations(client):
    article = ArticleFactory()
    organisation = OrganisationFactory()
    root = _xml(client.get("/sitemap.xml").content)
    locations = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith(article.get_absolute_url()) for loc in locations)
    assert any(loc.endswith(organisation.get_absolute_url()) for loc in locations)
    assert any(loc.endswith("/partners/") for loc in locations)


# --- Directory ----------------------------------------------------------------------------------


@pytest.fixture
def directory():
    OrganisationFactory(
        name_en="Tokyo Legal Farsi",
        prefectures=["tokyo"],
        help_kinds=["legal"],
        languages=["ja"],
        interpreter_languages=["fa"],
    )
    OrganisationFactory(
        name_en="Tokyo Clinic", prefectures=["tokyo"], help_kinds=["medical"], languages=["en"]
    )
    OrganisationFactory(
        name_en="Osaka Legal", prefectures=["osaka"], help_kinds=["legal"], languages=["en"]
    )
    OrganisationFactory(
        name_en="Nationwide Hotline",
        prefectures=["nationwide"],
        help_kinds=["asylum"],
        languages=["fa"],
    )


NAMES = ("Tokyo Legal Farsi", "Tokyo Clinic", "Osaka Legal", "Nationwide Hotline")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, set(NAMES)),
        ({"prefecture": "tokyo"}, {"Tokyo Legal Farsi", "Tokyo Clinic", "Nationwide Hotline"}),
        ({"prefecture": "tokyo", "help": "legal"}, {"Tokyo Legal Farsi"}),
        ({"prefecture": "tokyo", "lang": "fa"}, {"Tokyo Legal Farsi", "Nationwide Hotline"}),
        ({"prefecture": "tokyo", "help": "legal", "lang": "fa"}, {"Tokyo Legal Farsi"}),
        ({"prefecture": "osaka", "help": "medical"}, set()),
        ({"help": "legal", "lang": "en"}, {"Osaka Legal"}),
        ({"q": "clinic"}, {"Tokyo Clinic"}),
        ({"prefecture": "mars", "help": "??", "lang": "zz"}, set(NAMES)),  # unknown: ignored
    ],
)
def test_directory_filters_combine_in_pages_and_api(client, directory, query, expected):
    html = _text(client.get("/partners/", query))
    assert {n for n in NAMES if f">{n}</a>" in html} == expected
    assert f"{len(expected)} organisation" in html
    api = client.get("/api/v1/organisations/", query)
    if any(v in ("mars", "??", "zz") for v in query.values()):
        assert api.status_code == 400
    else:
        assert {o["name_en"] for o in api.json()["results"]} == expected


def test_directory_counts_per_filter(client, directory):
    html = _text(client.get("/partners/", {"lang": "fa"}))
    # Under "Farsi": Tokyo has two (one nationwide), Osaka one (the nationwide hotline).
    assert ">Tokyo (2)</option>" in html
    assert ">Osaka (1)</option>" in html
    assert ">Legal advice (1)</option>" in html
    assert ">Medical care (0)</option>" in html


def test_an_entry_not_verified_for_a_year_is_marked(client):
    stale = OrganisationFactory(last_verified=timezone.localdate() - dt.timedelta(days=400))
    fresh = OrganisationFactory()
    assert "not been verified for over a year" in _text(client.get(stale.get_absolute_url()))
    assert "not been verified" not in _text(client.get(fresh.get_absolute_url()))
    assert _text(client.get("/partners/")).count("Not verified for over a year") == 1


def test_proposal_waits_for_an_editor_then_appears(client):
    response = client.post(
        "/partners/propose/",
        {
            "name_en": "Harbour Help",
            "prefectures": ["osaka"],
            "help_kinds": ["food"],
            "message": "hi",
        },
    )
    assert response.status_code == 302
    assert "Harbour Help" not in _text(client.get("/partners/"))
    assert "Harbour Help" not in _text(client.get("/api/v1/organisations/"))
    assert "Harbour Help" not in _text(client.get("/sitemap.xml"))
    proposal = OrganisationProposal.objects.get()
    client.force_login(editor())
    review = client.get(reverse("hub:proposal-review", kwargs={"pk": proposal.pk}))
    assert 'value="Harbour Help"' in _text(review)
    client.post(
        reverse("hub:proposal-review", kwargs={"pk": proposal.pk}),
        {
            "name_en": "Harbour Help Osaka",
            "prefectures": ["osaka"],
            "help_kinds": ["food"],
            "state": "active",
        },
    )
    client.logout()
    assert "Harbour Help Osaka" in _text(client.get("/partners/", {"prefecture": "osaka"}))


def test_report_of_outdated_information_changes_nothing_until_approved(client):
    organisation = OrganisationFactory(phone="000-1111-2222")
    response = client.post(
        reverse("hub:organisation-report", kwargs={"slug": organisation.slug}),
        {"message": "The phone number changed to 000-3333-4444."},
    )
    assert response.status_code == 302
    assert OrganisationProposal.objects.get().organisation == organisation
    assert "000-1111-2222" in _text(client.get(organisation.get_absolute_url()))


def test_proposals_are_rate_limited(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "proposal": "2/hour",
        },
    }
    codes = [
        client.post("/partners/propose/", {"name_en": f"Group {n}"}).status_code for n in range(3)
    ]
    assert codes == [302, 302, 429]
    assert OrganisationProposal.objects.count() == 2


def test_only_editors_open_the_proposal_review(client):
    proposal = OrganisationProposal.objects.create(kind="new", data={"name_en": "X"})
    url = reverse("hub:proposal-review", kwargs={"pk": proposal.pk})
    assert client.get(url).status_code == 302  # to the log-in page
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


# --- Escaping what people write -----------------------------------------------------------------


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_titles_with_markup_are_harmless_on_pages_and_feeds(client, payload):
    translation = TranslationFactory(
        article__title=f"記事 {payload}",
        article__summary=payload,
        title=f"T {payload}",
        summary=payload,
    )
    TagFactory(slug="x", name=payload).articles.add(translation.article)
    for url in ("/news/", translation.article.get_absolute_url(), translation.get_absolute_url()):
        assert unsafe(_text(client.get(url)), PAGE_TAGS) == [], url
    for url in ("/news/feed/", "/news/atom/"):
        root = _xml(client.get(url).content)
        for element in root.iter():
            if element.text and element.tag.rsplit("}", 1)[-1] in (
                "description",
                "summary",
                "content",
            ):
                assert unsafe(element.text) == [], url


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markup_in_a_proposal_is_harmless_for_visitors_and_editors(client, payload):
    response = client.post(
        "/partners/propose/",
        {
            "name_en": f"Group {payload}",
            "description": payload,
            "address": payload,
            "opening_hours": payload,
            "message": payload,
            "prefectures": ["tokyo"],
        },
    )
    assert response.status_code == 302
    proposal = OrganisationProposal.objects.get()
    boss = editor()
    client.force_login(boss)
    review = client.get(reverse("hub:proposal-review", kwargs={"pk": proposal.pk}))
    assert unsafe(_text(review), PAGE_TAGS) == []
    organisation = proposal_approve(proposal=proposal, by=boss)
    for url in (organisation.get_absolute_url(), "/partners/", "/partners/?prefecture=tokyo"):
        assert unsafe(_text(client.get(url)), PAGE_TAGS) == [], url
    assert Organisation.objects.get().description == payload.strip()


# --- Query counts and bad input -----------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url", ["/news/", "/news/feed/", "/news/atom/", "/sitemap.xml", "/api/v1/articles/"]
)
def test_article_lists_do_not_grow_queries_with_size(client, django_assert_max_num_queries, url):
    tag = TagFactory(slug="t")
    for _ in range(3):
        TranslationFactory().article.tags.add(tag)
    few = _queries(client, url)
    for _ in range(27):
        TranslationFactory().article.tags.add(tag)
    with django_assert_max_num_queries(few):
        client.get(url)


@pytest.mark.parametrize(
    "url", ["/partners/", "/partners/?prefecture=tokyo&lang=en", "/api/v1/organisations/"]
)
def test_directory_does_not_grow_queries_with_size(client, django_assert_max_num_queries, url):
    OrganisationFactory.create_batch(3)
    few = _queries(client, url)
    OrganisationFactory.create_batch(27)
    with django_assert_max_num_queries(few):
        client.get(url)


@pytest.mark.parametrize(
    "url",
    [
        "/news/?page=999",
        "/news/?page=-1",
        "/news/?page=abc",
        "/news/?kind=nonsense&tag=nope&lang=xx",
        "/news/?q=" + "x" * 5000,
        "/news/?q=%E7%A7%98",
        "/partners/?page=999&prefecture=atlantis",
        "/partners/?q=%27%22%3C",
    ],
)
def test_bad_page_input_is_harmless(client, url):
    ArticleFactory()
    OrganisationFactory()
    # A control character in the address is refused with a clear 400 (the input policy).
    expected = 400 if "%00" in url else 200
    assert client.get(url).status_code == expected


@pytest.mark.parametrize(
    "url",
    [
        "/news/?q=%00",
        "/news/?tag=%00&kind=%00",
        "/partners/?q=%00x",
        "/api/v1/articles/?q=%00&tag=%00",
        "/api/v1/organisations/?q=%00",
    ],
)
def test_a_control_character_in_a_filter_is_a_400_saying_so(client, url):
    # The input policy (learning.text) refuses it before any view reads it.
    ArticleFactory()
    response = client.get(url)
    assert response.status_code == 400
    assert b"control character" in response.content


def test_a_two_megabyte_form_post_is_a_400(client):
    response = client.post(
        "/partners/propose/", {"name_en": "x", "description": "x" * (2 * 1024 * 1024)}
    )
    assert response.status_code == 400
    assert not OrganisationProposal.objects.exists()


def test_the_demo_fixture_has_what_the_issue_asks_for(client):
    from pathlib import Path

    from django.core.management import call_command

    from hub.models import Article, ArticleTranslation

    call_command(
        "loaddata",
        str(Path(__file__).resolve().parents[2] / "fixtures" / "hub_demo.json"),
        verbosity=0,
    )
    assert Article.objects.count() >= 8
    translated = Article.objects.filter(
        kind="translation", status="published", translations__status="published"
    ).distinct()
    assert translated.count() >= 5
    assert set(ArticleTranslation.objects.values_list("language", flat=True)) >= {
        "en",
        "my",
        "ar",
        "fa",
    }
    assert all(
        t.translator_name and t.reviewer_name
        for t in ArticleTranslation.objects.filter(status="published")
    )
    organisations = Organisation.objects.all()
    assert organisations.count() >= 15
    assert all(o.is_sample for o in organisations)
    assert len({p for o in organisations for p in o.prefectures}) >= 12
    assert all(
        o.email.endswith("@example.org") and o.phone.startswith("000-") for o in organisations
    )
    # Rendered in the fixture, so the pages show it at once; `render_articles` redoes it
    # when the Markdown or furigana engine changes.
    assert all(a.paragraphs for a in Article.objects.all())
    call_command("render_articles", verbosity=0)
    html = _text(client.get("/news/asylum-application-steps/?lang=my"))
    assert "<rt>" in html
    assert 'class="translated" lang="my"' in html


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rels = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href", "").startswith("https://example.org/x"):
            self.rels.append(dict(attrs).get("rel"))


def test_links_in_bodies_get_noopener(client):
    translation = TranslationFactory(body="See [this](https://example.org/x).\n\nSecond.")
    parser = _Links()
    parser.feed(_text(client.get(translation.get_absolute_url())))
    assert parser.rels == ["noopener"]


# --- Writing ------------------------------------------------------------------------------------


def test_editors_write_translate_review_and_publish_in_the_pages(client):
    writer = editor(username="writer")
    client.force_login(writer)
    response = client.post(
        reverse("hub:article-create"),
        {
            "kind": "translation",
            "slug": "health-check",
            "original_language": "ja",
            "title": "健康診断のお知らせ",
            "body": "無料の健康診断があります。\n\n予約はいりません。",
            "source_url": "https://example.org/health",
            "tags": "Health, City hall",
        },
    )
    assert response.status_code == 302
    url = reverse("hub:translation-edit", kwargs={"slug": "health-check", "language": "en"})
    assert "無料" in _text(client.get(url))
    client.post(
        url,
        {
            "title": "Free health check",
            "body": "There is a free check.\n\nNo booking.",
            "translator_name": "writer",
        },
    )
    action = reverse("hub:article-action", kwargs={"slug": "health-check"})
    # The translator cannot review their own work.
    client.post(action, {"action": "approve-translation", "language": "en"})
    client.post(action, {"action": "publish"})
    assert client.get("/news/").content.decode().count("Free health check") == 0
    client.force_login(editor(username="second"))
    client.post(action, {"action": "approve-translation", "language": "en"})
    client.post(action, {"action": "publish"})
    client.logout()
    html = _text(client.get("/news/health-check/"))
    assert "Free health check" in html
    assert '<dd class="credit-translator">writer</dd>' in html
    assert '<dd class="credit-reviewer">second</dd>' in html
    assert html.count('<div class="pair">') == 2


@pytest.mark.parametrize(
    "url",
    ["/news/write/", "/news/{slug}/edit/", "/news/{slug}/translations/en/edit/"],
)
def test_visitors_and_strangers_cannot_write(client, url):
    article = ArticleFactory()
    url = url.format(slug=article.slug)
    assert client.get(url).status_code == 302  # to log in
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "x"}).status_code == 403
