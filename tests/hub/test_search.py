"""Article search finds what people type: Japanese by surface, reading, romaji and dictionary
form, the editors' synonyms, English with stemming; in the database's full-text index
(SQLite FTS5 here, PostgreSQL when DATABASE_URL points at it: the CI runs both)."""

import pytest
from django.db import connection

from hub.models import ArticleSearchText, SearchSynonym, Status
from hub.search_text import fts5_expression, index_terms, parse_query, synonym_table
from hub.selectors import article_list_published
from hub.services import article_index, translation_approve
from tests.hub.factories import ArticleFactory, TranslationFactory, editor

BODY = "難民認定の申請は、地方出入国在留管理局で行います。通訳を頼めます。"


def _found(query):
    return [a.slug for a in article_list_published(query=query)]


@pytest.fixture
def articles(db):
    bureau = ArticleFactory(slug="bureau", title="申請の手引き", body=BODY)
    TranslationFactory(
        article=bureau, language="en", title="Applying", body="Interviews are running late."
    )
    ArticleFactory(slug="other", title="地震のとき", body="避難所に行きましょう。")
    return bureau


@pytest.mark.django_db
def test_the_database_has_the_full_text_index_we_search():
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'hub_article_fts'")
            assert cursor.fetchone() == ("hub_article_fts",)
    else:
        assert connection.vendor == "postgresql"


@pytest.mark.parametrize(
    "query",
    [
        "出入国在留管理局",  # the surface, across word boundaries
        "在留",  # one word of it
        "しゅつにゅうこく",  # its reading
        "nanmin",  # romaji of 難民
        "なんみん",
        "頼む",  # the dictionary form of 頼めます
        "ＮＡＮＭＩＮ",  # full-width letters
        "run",  # English, stemmed: "running"
        "interviews",
    ],
)
def test_search_finds_an_article_by_surface_reading_romaji_and_stem(articles, query):
    assert _found(query) == ["bureau"]


def test_search_by_an_editors_synonym(articles):
    assert _found("入管") == []
    SearchSynonym.objects.create(terms="入管, 出入国在留管理局")
    assert _found("入管") == ["bureau"]
    assert _found("nyuukan") == []  # the romaji of a synonym is not itself a synonym


def test_words_of_a_query_must_all_match(articles):
    assert _found("難民 避難所") == []
    assert _found("難民 申請") == ["bureau"]


def test_text_that_is_not_in_any_article_finds_nothing(articles):
    assert _found("ukraine") == []
    assert _found("大阪") == []


@pytest.mark.parametrize("query", ['"', "AND", "NEAR(", "*", "'); DROP TABLE x; --", "\\'", "-"])
def test_operators_and_quotes_typed_are_searched_as_text_not_run(articles, query):
    assert _found(query) == []


def test_unpublished_translations_are_not_searchable(articles, db):
    draft = TranslationFactory(
        article=articles, language="fr", title="Demande", body="Clandestin", status=Status.DRAFT
    )
    article_index(articles)
    assert _found("clandestin") == []
    translation_approve(translation=draft, reviewer=editor(first_name="Other", last_name="Ed"))
    assert _found("clandestin") == ["bureau"]


def test_every_published_article_has_a_search_text(articles):
    assert ArticleSearchText.objects.count() == 2


def test_index_holds_surfaces_readings_and_dictionary_forms():
    terms = index_terms(["通訳を頼めます。"]).split()
    assert {"通訳", "つうやく", "頼め", "たのめ", "頼む"} <= set(terms)
    assert "。" not in terms


def test_query_words_become_phrases_of_their_words_and_readings():
    table = synonym_table(["入管, 出入国在留管理局"])
    groups = parse_query("入管", table)
    assert len(groups) == 1
    assert ("出入国", "在留", "管理", "局") in groups[0]
    assert ("にゅうかん",) in groups[0]
    assert fts5_expression(parse_query('a"b OR')) == '("a b") AND ("or")'  # no operator
