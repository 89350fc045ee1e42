"""Choosing the version of an article a reader sees, by the reader's languages (engine table),
and the pages that show lists of articles choosing it the same way."""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hub.reading import choose_translation, reader_languages
from tests.factories import UserFactory
from tests.hub.factories import ArticleFactory, TranslationFactory


@dataclass(frozen=True)
class T:
    language: str


@pytest.mark.parametrize(
    ("available", "languages", "original", "expected"),
    [
        (["ar", "en", "my"], ("en",), "ja", "en"),  # not the first alphabetically
        (["ar", "en", "my"], ("my", "en"), "ja", "my"),
        (["ar", "en"], ("my", "en"), "ja", "en"),  # English before the original
        (["ar"], ("my", "en"), "ja", None),  # then the original
        (["en", "my"], ("ja", "my", "en"), "ja", None),  # a Japanese reader gets the original
        (["zh-hans", "zh-hant"], ("zh-hant",), "ja", "zh-hant"),
        (["zh-hans"], ("zh-hant", "en"), "ja", "zh-hans"),  # same primary language
        ([], ("en",), "ja", None),
    ],
)
def test_translation_is_chosen_by_the_readers_languages_in_order(
    available, languages, original, expected
):
    chosen = choose_translation([T(code) for code in available], languages, original)
    assert (chosen.language if chosen else None) == expected


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"interface": "en", "meaning": ("my", "en")}, ("en", "my")),
        ({"interface": "en", "interface_chosen": False, "meaning": ("my", "en")}, ("my", "en")),
        ({"interface": "ja", "interface_chosen": False, "meaning": ("en",)}, ("ja", "en")),
        ({"chosen": "fa", "interface": "en", "meaning": ("my",)}, ("fa", "en", "my")),
    ],
)
def test_reader_languages_put_a_chosen_interface_before_meaning_languages(kwargs, expected):
    assert reader_languages(**kwargs) == expected


def _with_translations(*languages, title="難民申請"):
    article = ArticleFactory(title=title, summary="日本語の要約")
    for code in languages:
        TranslationFactory(article=article, language=code, title=f"title-{code}", summary="")
    return article


@pytest.mark.django_db
def test_english_visitor_sees_the_english_title_not_the_first_alphabetically(client):
    _with_translations("ar", "en")
    html = client.get(reverse("hub:article-list")).content.decode()
    assert '<span lang="en" dir="ltr">title-en</span>' in html
    assert '<span lang="ar" dir="rtl">title-ar</span>' not in html


@pytest.mark.django_db
def test_burmese_first_learner_sees_burmese_where_it_exists(client):
    article = _with_translations("en", "my")
    client.force_login(UserFactory(meaning_languages=["my", "en"], interface_language=""))
    html = client.get(reverse("hub:article-list")).content.decode()
    assert '<span lang="my" dir="ltr">title-my</span>' in html
    detail = client.get(article.get_absolute_url()).content.decode()
    assert '<h1 lang="my" dir="ltr">title-my</h1>' in detail


@pytest.mark.django_db
def test_japanese_summary_shown_as_fallback_carries_lang(client):
    _with_translations("ar")
    html = client.get(reverse("hub:article-list")).content.decode()
    assert '<span lang="ja" dir="ltr">日本語の要約</span>' in html


@pytest.mark.django_db
def test_japanese_interface_reader_gets_the_original_on_the_article_page(client):
    article = _with_translations("en")
    client.cookies["django_language"] = "ja"
    with translation.override("en"):  # the request activates Japanese in this thread
        html = client.get(article.get_absolute_url()).content.decode()
    assert "?lang=en" in html  # offered as a choice...
    assert "You can ask for an interpreter." not in html  # ...but the original is shown alone


@pytest.mark.django_db
def test_a_kept_news_page_is_never_served_to_a_reader_of_other_languages(client):
    _with_translations("en", "my")
    english = client.get(reverse("hub:article-list")).content.decode()
    assert "title-en" in english
    burmese = Client()
    session = burmese.session
    session["display"] = {"meaning_languages": ["my"]}
    session.save()
    html = burmese.get(reverse("hub:article-list")).content.decode()
    assert '<span lang="my" dir="ltr">title-my</span>' in html
