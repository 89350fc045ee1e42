"""Tables and properties for lessons.japanese.analysis: sentences, particle blanks, phrase tiles."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.japanese.analysis import MAX_TILES, particle_blanks, phrase_tiles, sentences

ROOT = Path(__file__).resolve().parents[2]

# (sentence, the particles offered as blanks, in order)
BLANKS: list[tuple[str, list[str]]] = [
    ("私は毎朝七時に起きます。", ["は", "に"]),
    ("東京から大阪まで新幹線で行きました。", ["から", "まで", "で"]),
    ("私の名前はアリです。", ["の", "は"]),
    ("友達と公園で遊びたいです！", ["と", "で"]),
    ("彼も来ますか？", ["も"]),  # the final か is not blanked
    ("これは本ですね。", ["は"]),  # nor the final ね
    ("寒いですよ", []),  # nor よ
    ("これね。", []),  # nor ね straight after a noun
    ("明日よ", []),
    ("学校には行きません", ["に", "は"]),
    ("水しか飲みません", ["しか"]),
    ("一つだけください", ["だけ"]),
    ("彼は「はい」と言いました。", ["は", "と"]),
    ("行くのが好きです", ["が"]),
    ("日本語を勉強しています。", ["を"]),  # conjunctive て is not blanked
    ("食べてから、学校へ行きます。", ["へ"]),  # てから is a construction, not a particle
    ("水を飲んではいけません。", ["を"]),  # nor ては
    ("明日は雨が降るかもしれません。", ["は", "が"]),  # nor かもしれない
    ("何か食べますか。", []),  # 何か is a word
    ("勉強したのに忘れました", []),  # のに is a conjunction
    ("では、また", []),  # a particle opening the sentence follows nothing
    ("", []),
]


@pytest.mark.parametrize(("sentence", "particles"), BLANKS)
def test_particle_blanks_offers_case_and_topic_particles(sentence, particles):
    blanks = particle_blanks(sentence)
    assert [particle for _, particle, _ in blanks] == particles
    assert all(before + particle + after == sentence for before, particle, after in blanks)


def test_particle_blanks_are_in_text_order_at_the_particles_place():
    assert particle_blanks("東京から大阪まで行きます") == [
        ("東京", "から", "大阪まで行きます"),
        ("東京から大阪", "まで", "行きます"),
    ]


# (sentence, tiles; [] when too long or empty)
TILES: list[tuple[str, list[str]]] = [
    ("私は毎朝七時に起きます。", ["私は", "毎朝", "七時に", "起きます。"]),
    ("東京から大阪まで新幹線で行きました。", ["東京から", "大阪まで", "新幹線で", "行きました。"]),
    ("日本語を勉強しています。", ["日本語を", "勉強しています。"]),
    ("雨が降っているので、家にいます。", ["雨が", "降っているので、", "家に", "います。"]),
    ("彼は「はい」と言いました。", ["彼は", "「はい」と", "言いました。"]),
    ("ここに名前を書いてください。", ["ここに", "名前を", "書いてください。"]),
    ("田中さんは 先生です。", ["田中さんは ", "先生です。"]),
    ("  学校へ行きます", ["  学校へ", "行きます"]),
    ("お茶を飲みましょうか", ["お茶を", "飲みましょうか"]),
    ("日本語学校へ行きます", ["日本語学校へ", "行きます"]),
    ("2026年4月1日に来ました", ["2026年4月1日に", "来ました"]),
    ("新幹線で行きます", ["新幹線で", "行きます"]),
    ("学生じゃないです", ["学生じゃないです"]),
    ("行かなければなりません", ["行かなければなりません"]),
    ("書き始めます", ["書き始めます"]),
    ("この本は高いです", ["この", "本は", "高いです"]),
    ("", []),
    ("   ", []),
    ("私は" * 13, []),
    ("私は" * 12, ["私は"] * 12),
]


@pytest.mark.parametrize(("sentence", "tiles"), TILES)
def test_phrase_tiles_split_into_phrases(sentence, tiles):
    assert phrase_tiles(sentence) == tiles


# (passage, sentences)
SENTENCES: list[tuple[str, list[str]]] = [
    ("おはよう。元気？はい！", ["おはよう。", "元気？", "はい！"]),
    ("一行目\n二行目\n\n三行目。", ["一行目", "二行目", "三行目。"]),
    ("先生：おはようございます。元気ですか？", ["おはようございます。", "元気ですか？"]),
    ("アリ: はい、元気です!", ["はい、元気です!"]),
    ("先生：おはよう。\nアリ：おはようございます。", ["おはよう。", "おはようございます。"]),
    ("会議は10:30からです。", ["会議は10:30からです。"]),  # a time is not a speaker
    ("彼は「はい。」と言いました。", ["彼は「はい。」と言いました。"]),
    ("「行こう。」", ["「行こう。」"]),
    ("本当？！すごい。", ["本当？！", "すごい。"]),
    ("「まだ閉じない。ね。", ["「まだ閉じない。", "ね。"]),  # an unclosed bracket is ignored
    ("　全角の空白。  ", ["全角の空白。"]),
    ("。。！\n」", []),
    ("", []),
    ("先生：\nアリ：はい。", ["はい。"]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentences_split_a_passage(text, expected):
    assert sentences(text) == expected


JAPANESEISH = st.text(
    alphabet=st.sampled_from(
        [
            *"私はがをにでへとからまでものね。、！？「」：: \n　",
            *"食べ行く学校日本語毎朝七時起きますアリ",
            *("\x00", "\ud800", "1", "a", "ｱ", "ー"),  # NUL and a lone surrogate are untaggable
        ]
    ),
    max_size=60,
)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(JAPANESEISH)
def test_phrase_tiles_join_back_to_the_sentence(sentence):
    tiles = phrase_tiles(sentence)
    assert len(tiles) <= MAX_TILES
    if tiles:
        assert "".join(tiles) == sentence
        assert all(tiles)
    else:  # [] only for text without words, or for more than MAX_TILES one-character tiles
        assert len(sentence) > MAX_TILES or not sentence.strip("\x00\ud800 \n　")


@settings(max_examples=300, derandomize=True, deadline=None)
@given(JAPANESEISH)
def test_particle_blanks_join_back_to_the_sentence(sentence):
    positions = []
    for before, particle, after in particle_blanks(sentence):
        assert before + particle + after == sentence
        assert particle
        positions.append(len(before))
    assert positions == sorted(set(positions))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(JAPANESEISH)
def test_sentences_are_stripped_pieces_of_the_text(text):
    for sentence in sentences(text):
        assert sentence == sentence.strip()
        assert sentence
        assert "\n" not in sentence
        assert sentence in text


def test_analysis_imports_no_django_in_a_fresh_interpreter():
    probe = (
        "import json, sys, lessons.japanese.analysis; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'django')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
