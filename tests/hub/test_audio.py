"""Japanese articles read aloud paragraph by paragraph: the clips are asked for when an editor
saves or publishes (made by the queue's job, never in the request), shared by identical
paragraphs, renewed only for a changed paragraph, and shown as players only once ready."""

import io

import pytest
import soundfile
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from hub.models import Article, Status
from hub.selectors import paragraph_speech
from hub.services import article_publish, article_save, articles, translation_save
from learning.audio.services import audio_synthesize
from learning.audio.tasks import audio_make
from learning.models import Audio
from lessons.japanese import speech
from tests.hub.factories import ArticleFactory, editor

pytestmark = pytest.mark.django_db

BODY = "仮放免中は働くことができません。\n\n住所が変わるときは届け出ます。"
JOB = "learning.audio.tasks.audio_make"


@pytest.fixture(autouse=True)
def _database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _save(capture, *, by=None, article=None, **fields):
    """article_save as an editor's page does it, running what waits for the commit."""
    with capture(execute=True):
        return article_save(by=by or editor(), article=article, **fields)


def _draft(capture, body=BODY, slug="release", **fields):
    fields = {"kind": "translation", "title": "仮放免のしおり", **fields}
    return _save(capture, slug=slug, body=body, **fields)


def _queued():
    return sorted(j.args_kwargs["args"][0] for j in DBTaskResult.objects.filter(task_path=JOB))


def _keys(readings):
    return [s.key for s in paragraph_speech(readings)]


def _ready(key):
    """The clip *key* as a worker leaves it, without synthesising (a few bytes of file)."""
    storages["audio"].save(f"audio/{key[:2]}/{key}.mp3", ContentFile(b"ID3"))
    Audio.objects.filter(key=key).update(
        status=Audio.Status.READY, file=f"audio/{key[:2]}/{key}.mp3"
    )


def test_saving_asks_for_one_clip_per_paragraph_and_queues_it_without_synthesising(
    django_capture_on_commit_callbacks,
):
    article = _draft(django_capture_on_commit_callbacks)
    # The reading shown (furigana in place of the kanji) is what is spoken.
    assert article.paragraph_readings == [
        "かりほうめんちゅうははたらくことができません。",
        "じゅうしょがかわるときはとどけでます。",
    ]
    keys = _keys(article.paragraph_readings)
    assert set(Audio.objects.values_list("key", flat=True)) == set(keys)
    assert set(Audio.objects.values_list("status", flat=True)) == {Audio.Status.PENDING}
    assert not Audio.objects.exclude(file="").exists()
    assert _queued() == sorted(keys)


def test_a_changed_paragraph_gets_a_new_clip_and_an_unchanged_one_keeps_its_own(
    django_capture_on_commit_callbacks,
):
    boss = editor()
    article = _draft(django_capture_on_commit_callbacks, by=boss)
    first, second = _keys(article.paragraph_readings)
    _ready(first)
    DBTaskResult.objects.all().delete()

    changed = _save(
        django_capture_on_commit_callbacks,
        by=boss,
        article=Article.objects.get(pk=article.pk),
        body="仮放免中は働くことができません。\n\n住所が変わるときは、すぐに届け出ます。",
    )
    kept, new = _keys(changed.paragraph_readings)
    assert kept == first
    assert new != second
    assert _queued() == [new]  # only the changed paragraph is made again
    assert Audio.objects.get(key=first).status == Audio.Status.READY


def test_identical_paragraphs_share_one_clip(django_capture_on_commit_callbacks):
    one = _draft(django_capture_on_commit_callbacks, slug="one")
    two = _draft(django_capture_on_commit_callbacks, slug="two", body=BODY + "\n\nまた来ます。")
    assert _keys(two.paragraph_readings)[:2] == _keys(one.paragraph_readings)
    assert Audio.objects.count() == 3
    assert len(_queued()) == 3


def test_publishing_asks_for_clips_that_were_never_asked_for(django_capture_on_commit_callbacks):
    boss = editor()
    article = _draft(django_capture_on_commit_callbacks, by=boss, kind="news")
    Audio.objects.all().delete()  # e.g. an article loaded as data
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=article, by=boss)
    assert _queued() == sorted(_keys(article.paragraph_readings))


def test_the_job_makes_the_paragraphs_clip(django_capture_on_commit_callbacks):
    article = _draft(django_capture_on_commit_callbacks)
    key = _keys(article.paragraph_readings)[1]
    assert audio_make.call(key) is True
    audio = Audio.objects.get(key=key)
    assert audio.reading == "じゅうしょがかわるときはとどけでます。"
    frames, rate = soundfile.read(io.BytesIO(storages["audio"].open(audio.file.name).read()))
    assert len(frames) / rate > 1


def test_a_japanese_translation_of_an_english_article_is_read_aloud(
    django_capture_on_commit_callbacks,
):
    boss = editor()
    article = _save(
        django_capture_on_commit_callbacks,
        by=boss,
        kind="news",
        slug="report",
        original_language="en",
        title="Annual report",
        body="We met every week.\n\nThank you.",
    )
    assert article.paragraph_readings == []
    assert not Audio.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        translation = translation_save(
            article=article,
            language="ja",
            title="年次報告",
            body="毎週会いました。\n\nありがとうございます。",
            translator_name="Tomo",
            by=boss,
        )
    assert translation.paragraph_readings == ["まいしゅうあいました。", "ありがとうございます。"]
    assert _queued() == sorted(_keys(translation.paragraph_readings))


@pytest.mark.parametrize(
    ("body", "readings"),
    [
        # Code and Latin text only: nothing the engine speaks.
        ("`manage.py`\n\n- one\n- two", ["", ""]),
        # Longer than the engine speaks at once: no clip, no failed row.
        ("あ" * (speech.MAX_READING_CHARS + 1), [""]),
        ("# 手続き\n\n1. 申請\n2. 面接", ["てつづき", "しんせい\nめんせつ"]),
    ],
)
def test_what_a_paragraph_speaks(django_capture_on_commit_callbacks, body, readings):
    article = _draft(django_capture_on_commit_callbacks, body=body)
    assert [r.strip() for r in article.paragraph_readings] == readings
    assert Audio.objects.count() == len([r for r in readings if r])


def test_a_long_text_has_audio_for_its_first_paragraphs_only(
    django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(articles, "MAX_SPOKEN_PARAGRAPHS", 2)
    article = _draft(django_capture_on_commit_callbacks, body="はい。\n\nいいえ。\n\nまた。")
    assert article.paragraph_readings == ["はい。", "いいえ。", ""]
    assert Audio.objects.count() == 2


def test_the_page_shows_players_only_for_ready_clips(client, django_capture_on_commit_callbacks):
    article = ArticleFactory(body=BODY)
    first, second = _keys(article.paragraph_readings)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<audio" not in page
    assert "data-play-all" not in page
    assert "player.js" not in page

    audio_synthesize(key=first)
    page = client.get(article.get_absolute_url()).content.decode()
    url = storages["audio"].url(Audio.objects.get(key=first).file.name)
    assert page.count("<audio") == 1
    assert f'<audio controls preload="none" src="{url}" aria-label="paragraph 1">' in page
    assert 'aria-label="Listen slowly: paragraph 1"' in page
    assert "data-play-all" in page
    assert "learning/js/player.js" in page
    assert client.get(url).status_code == 200

    _ready(second)
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.count("<audio") == 2


def test_a_clip_whose_file_is_missing_breaks_nothing(client):
    article = ArticleFactory(body=BODY)
    key = _keys(article.paragraph_readings)[0]
    _ready(key)
    name = Audio.objects.get(key=key).file.name
    storages["audio"].delete(name)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    url = storages["audio"].url(name)
    assert url in response.content.decode()
    # The player says "could not be played" (player.js); the file's address answers 404.
    assert client.get(url).status_code == 404


def test_a_draft_with_clips_shows_its_players_to_its_editor(client):
    article = ArticleFactory(body=BODY, status=Status.DRAFT, published_at=None)
    for key in _keys(article.paragraph_readings):
        _ready(key)
    assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(editor())
    assert client.get(article.get_absolute_url()).content.decode().count("<audio") == 2


def test_synthesize_audio_asks_for_the_articles_clips_too(django_capture_on_commit_callbacks):
    article = ArticleFactory(body=BODY)
    Audio.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("synthesize_audio", stdout=io.StringIO())
    assert set(Audio.objects.values_list("key", flat=True)) == set(
        _keys(article.paragraph_readings)
    )
