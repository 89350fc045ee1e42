"""Reading rules applied to the analyser's tokens: general Japanese, never a list of one text.

Each rule looks at a token and its neighbours and may change ``Tok.reading`` (hiragana) or set
``Tok.parts``; the comment at each rule or table says why it holds for Japanese in general.
Numbers and counters live in ``_numbers``.
"""

from __future__ import annotations

from ._kana import is_voiced_start, to_hiragana, unvoiced, voiced
from ._numbers import (
    COUNTERS,
    apply_counter,
    is_counter_like,
    is_numeral,
    numeral_counter_parts,
)
from ._tagger import Tok

# Learner-standard readings where the dictionary prefers a formal or rarer one. The textbook
# (and everyday) reading is the one a beginner must learn first.
LEARNER_STANDARD: dict[tuple[str, str], str] = {
    ("私", "わたくし"): "わたし",  # わたくし is the formal variant
    ("日本", "にっぽん"): "にほん",  # にほん is the everyday reading
    # こんにち only in set phrases (the greeting is written こんにちは)
    ("今日", "こんにち"): "きょう",
    ("明日", "あす"): "あした",  # あした is everyday speech
    ("昨夜", "さくや"): "ゆうべ",  # ゆうべ is everyday speech
    ("昨晩", "さくばん"): "ゆうべ",
    ("一昨日", "いっさくじつ"): "おととい",
    ("明後日", "みょうごにち"): "あさって",
    ("昨日", "さくじつ"): "きのう",
}

# Verbs whose dictionary-preferred reading is literary: (kanji, reading of the kanji) -> the
# everyday one. 抱く is だく "hold in the arms"; いだく "cherish (a hope)" is written style.
VERB_STANDARD: dict[tuple[str, str], str] = {("抱", "いだ"): "だ"}

# Kinship terms in お…さん form use shortened readings: お母さん おかあさん, not おははさん.
# The short stems also appear without お (母さん かあさん) and before さま/ちゃん.
KINSHIP: dict[str, str] = {"母": "かあ", "父": "とう", "兄": "にい", "姉": "ねえ"}
HONORIFIC_SUFFIXES = frozenset({"さん", "さま", "様", "ちゃん"})

# Diminutive suffixes after a given name; a one-kanji name before them is clipped to two morae
# (Japanese hypocoristics are bimoraic: たけし -> たけちゃん, きよし -> きよちゃん).
DIMINUTIVES = frozenset({"ちゃん", "ちゃあん", "ちゃま", "坊"})

# 音 is read ね for the sound of instruments, bells and singing insects (笛の音 ふえのね,
# 鐘の音, 虫の音); plain noise is おと.
NE_SOUND_SOURCES = (
    "笛",
    "鐘",
    "琴",
    "鈴",
    "三味線",
    "琵琶",
    "胡弓",
    "尺八",
    "虫",
    "鈴虫",
    "松虫",
    "ハーモニカ",
    "オルゴール",
    "マンドリン",
    "バイオリン",
    "ヴァイオリン",
    "ギター",
)

# 中 after a span of time or a place means "throughout" and is read じゅう (一日中, 一年中,
# 世界中); after an activity it means "during" and stays ちゅう (授業中, 電話中).
JUU_AFTER = frozenset({"世界", "日本", "国", "町", "村", "家", "体", "部屋", "学校", "会社", "夜"})

# Tokens after which a noun may continue a compound (so a voiced first mora can be rendaku).
_COMPOUNDING = frozenset({"名詞", "接頭辞", "代名詞", "形状詞", "接尾辞"})

_PARTICLE_POS = frozenset({"助詞", "補助記号", "空白", "助動詞", "連体詞", "接続詞", "感動詞"})

# Kana whose consonant is d, t or n (何 is なん before them, e.g. 何だ, 何て, 何の, 何と).
_DTN = frozenset("だぢづでどたちつてとなにぬねの")


def _nani(toks: list[Tok], i: int) -> None:
    """何: なん before a counter or a d/t/n-row sound (何の, 何だ, 何と), else なに (何を, 何が).

    Exception: 何に (なにに, "for what") keeps なに.
    """
    t = toks[i]
    if i + 1 >= len(toks) or toks[i + 1].start != t.start + 1:
        t.reading = "なに"
        return
    nxt = toks[i + 1]
    # Before a counter, a Sino-Japanese noun (何種類, 何試合) or ら (何ら) it is なん.
    if (
        nxt.pos3 in ("助数詞", "助数詞可能")
        or is_counter_like(nxt.surface)
        or (nxt.goshu == "漢" and nxt.pos1 == "名詞")
        or nxt.surface.startswith("ら")
    ):
        t.reading = "なん"
        return
    first = to_hiragana(nxt.reading or nxt.surface)[:1]
    t.reading = "なん" if first in _DTN and nxt.surface != "に" else "なに"


def _prev(toks: list[Tok], i: int) -> Tok | None:
    """The token right before ``toks[i]`` when nothing separates them, else None."""
    if i == 0:
        return None
    p = toks[i - 1]
    return p if p.start + len(p.surface) == toks[i].start else None


def _next(toks: list[Tok], i: int) -> Tok | None:
    if i + 1 >= len(toks):
        return None
    n = toks[i + 1]
    t = toks[i]
    return n if t.start + len(t.surface) == n.start else None


def _repeat_mark(toks: list[Tok], i: int) -> None:
    """々 the analyser left unread: a run of k marks repeats the k kanji before it
    (谷々 たにだに, 部屋々々 へやへや). A repeated one-kanji native word voices its first mora
    (rendaku, as in 人々 ひとびと); a Sino-Japanese one does not (代々 だいだい)."""
    j = i
    while (
        j < len(toks)
        and toks[j].surface == "々"
        and toks[j].reading is None
        and (j == i or toks[j].start == toks[j - 1].start + 1)
    ):
        j += 1
    k = j - i
    p = _prev(toks, i)
    if p is None or p.reading is None or len(p.surface) != k or p.parts is not None:
        return
    r = p.reading
    if k == 1 and p.goshu == "和":
        r = voiced(r)
    toks[i].parts = [("々" * k, r)]
    for t in toks[i + 1 : j]:
        t.parts = []


_KST_START = frozenset("かきくけこさしすせそたちつてと")
_CASE_STOPS = frozenset("。、，,．！？!?「」")


def _object_before(toks: list[Tok], i: int) -> bool:
    """True when the nearest case particle before ``toks[i]`` in its clause is を."""
    for t in reversed(toks[max(0, i - 6) : i]):
        if t.surface in _CASE_STOPS:
            return False
        if t.pos2 == "格助詞":
            return t.surface == "を"
    return False


def _destination_before(toks: list[Tok], i: int) -> bool:
    """True when に, へ or まで marks a goal in the clause before ``toks[i]``."""
    for t in reversed(toks[max(0, i - 8) : i]):
        if t.surface in _CASE_STOPS:
            return False
        if t.pos1 == "助詞" and t.surface in ("に", "へ", "まで"):
            return True
    return False


def apply_rules(toks: list[Tok]) -> None:
    """Apply every reading rule in place, left to right."""
    for i, t in enumerate(toks):
        r = t.reading
        if r is None:
            if t.surface == "々" and t.parts is None:
                _repeat_mark(toks, i)
            continue
        s = t.surface
        # Numbers and counters: sound changes at the boundary (一本 いっぽん, 三匹 さんびき).
        if i and (t.pos3 in ("助数詞", "助数詞可能") or is_counter_like(s)):
            p = _prev(toks, i)
            if p is not None and is_numeral(p):
                apply_counter(toks, i)
                continue
            # 幾 (how many) causes no sound change: 幾本 いくほん, 幾日 いくにち.
            if p is not None and p.surface == "幾" and s in COUNTERS:
                t.reading = COUNTERS[s][0]
                continue
        # 人 after a country or place name is the nationality suffix じん (日本人 にほんじん).
        if s == "人" and t.pos1 == "接尾辞" and r == "にん":
            p = _prev(toks, i)
            if p is not None and p.pos3 == "地名":
                t.reading = "じん"
                continue
        # 君 after a native common noun is the honorific ぎみ (姫君 ひめぎみ, 母君 ははぎみ);
        # after a name it is くん (田中君).
        if s == "君" and r == "くん" and t.pos1 == "接尾辞":
            p = _prev(toks, i)
            if p is not None and p.goshu == "和" and p.pos2 == "普通名詞":
                t.reading = "ぎみ"
                continue
        # 者 after a quality noun (a na-adjective stem: 臆病者, 乱暴者) names a person by that
        # quality and is もの; after an action noun it is しゃ (研究者, 参加者).
        if s == "者" and r == "しゃ" and t.pos1 == "接尾辞":
            p = _prev(toks, i)
            if p is not None and "形状詞" in p.pos3:
                t.reading = "もの"
                continue
        # 中 "throughout": 一日中 いちにちじゅう, 世界中 せかいじゅう.
        if s == "中" and r == "ちゅう" and t.pos1 == "接尾辞":
            p = _prev(toks, i)
            if p is not None and (
                p.pos3 in ("助数詞", "助数詞可能")
                or p.surface in JUU_AFTER
                or p.surface == "一日"
                or (i >= 2 and is_numeral(toks[i - 2]))  # 一晩中, 一週間中: a counted span
            ):
                t.reading = "じゅう"
                continue
        # A numeral + counter taken for a person's name (三本 みもと) is read as a count.
        if t.pos3 == "人名" and len(s) == 2:
            parts = numeral_counter_parts(t)
            if parts is not None:
                t.parts = parts
                continue
        std = LEARNER_STANDARD.get((s, r))
        if std is not None:
            t.reading = std
            continue
        if s == "何":
            _nani(toks, i)
            continue
        if t.pos1 == "動詞" and (s[0], r[:2]) in VERB_STANDARD:
            t.reading = VERB_STANDARD[(s[0], r[:2])] + r[2:]
            continue
        nxt = _next(toks, i)
        nsurf = nxt.surface if nxt is not None else ""
        # Kinship terms: (お)母さん おかあさん, お兄さん おにいさん.
        if s in KINSHIP and nsurf in HONORIFIC_SUFFIXES:
            t.reading = KINSHIP[s]
            continue
        # 坊ちゃん: the diminutive geminates the stem (ぼっちゃん), as in お坊ちゃま.
        if s == "坊" and nsurf.startswith("ちゃ"):
            t.reading = "ぼっ"
            continue
        # お家 is おうち: the honorific お attaches to the everyday word うち, not to いえ.
        if s == "家" and r == "いえ":
            p = _prev(toks, i)
            if p is not None and p.surface == "お" and p.pos1 == "接頭辞":
                t.reading = "うち"
                continue
        # Hypocoristic: one-kanji given name + ちゃん is clipped to two morae.
        if nsurf in DIMINUTIVES and t.pos3 == "人名" and len(s) == 1 and len(r) > 2:
            t.reading = r[:2]
            continue
        # 一日 is ついたち only as a date (after 月); otherwise いちにち, "one day".
        if s in ("一日", "１日", "1日") and r == "ついたち":
            p = _prev(toks, i)
            if p is None or p.surface != "月":
                num = ("一", "いち") if s == "一日" else (s[:-1], None)  # digits carry no ruby
                t.parts = [num, ("日", "にち")]
            continue
        # 夜が明ける (the night breaks) is よがあける.
        if (
            s == "夜"
            and nsurf == "が"
            and i + 2 < len(toks)
            and toks[i + 2].surface.startswith("明")
        ):
            t.reading = "よ"
            continue
        # 音 after 笛の / 鐘の ...: ね.
        if (
            s == "音"
            and r == "おと"
            and i >= 2
            and toks[i - 1].surface == "の"
            and toks[i - 2].surface.endswith(NE_SOUND_SOURCES)
        ):
            t.reading = "ね"
            continue
        # 実 (fruit, berry) is み as a bare noun before a case particle; じつ is "truth" in
        # set phrases (実は, 実に, 実の) which the analyser tags differently.
        if s == "実" and r == "じつ" and nsurf in ("が", "を", "も"):
            t.reading = "み"
            continue
        p = _prev(toks, i)
        # 言う is いう in writing; UniDic's ゆう is the spoken form.
        if t.lemma == "言う" and r.startswith("ゆ"):
            t.reading = "い" + r[1:]
            continue
        # 人 after a noun: the agent of an action is にん (管理人, 案内人), a member of a group
        # or place is じん (外国人, 社会人).
        if s == "人" and t.pos1 == "接尾辞" and r == "にん" and p is not None:
            if p.pos1 == "名詞" and p.pos2 != "数詞" and "サ変" not in p.pos3:
                t.reading = "じん"
            continue
        # 方 as a noun after a verb, an auxiliary, an adjective or a Sino-Japanese noun or
        # suffix + の is "person" (かた: 受験生の方, 参加される方); it stays ほう in comparisons
        # (〜の方が, 〜た方がいい), for a direction (〜の方へ, 山の方, その方: native nouns of
        # place and demonstratives).
        if (
            s == "方"
            and r == "ほう"
            and t.pos1 == "名詞"
            and p is not None
            and nsurf not in ("が", "へ")
        ):
            pp = toks[i - 2] if i >= 2 else None
            if p.pos1 in ("動詞", "助動詞", "形容詞") or (
                p.surface == "の"
                and pp is not None
                and (
                    pp.pos1 in ("接尾辞", "動詞", "副詞")  # お持ちの方, 初めての方
                    or (pp.pos1 == "名詞" and pp.goshu == "漢")
                )
                and pp.pos2 not in ("代名詞", "数詞")
                and pp.pos3 != "地名"
            ):
                t.reading = "かた"
            continue
        # 日 after a day of the week and in noun compounds UniDic marks as voicing: 土曜日 どようび.
        if s == "日" and r == "ひ" and p is not None and p.surface.endswith("曜"):
            t.reading = "び"
            continue
        # 上 right after a Sino-Japanese noun or a loanword, with no particle between, is the
        # suffix "in terms of, on" じょう (法律上, インターネット上).
        if (
            s == "上"
            and r == "うえ"
            and p is not None
            and p.pos1 == "名詞"
            and p.pos2 == "普通名詞"
            and p.goshu in ("漢", "外")
        ):
            t.reading = "じょう"
            continue
        # 町 right after a place or family name is the administrative unit ちょう (大和町); the
        # bare noun "town" is まち.
        if s == "町" and r == "まち" and p is not None and p.pos3 in ("地名", "人名"):
            t.reading = "ちょう"
            continue
        # 他 as a determiner before の ("other": 他の店) is た in writing; "besides" after a
        # noun + の (〜の他に) is ほか.
        if s == "他" and p is not None and p.surface == "の" and r == "た":
            t.reading = "ほか"
            continue
        if s == "他" and r == "ほか" and nsurf == "の" and (p is None or p.surface != "の"):
            t.reading = "た"
            continue
        # 一 before a Sino-Japanese noun starting with k, s or t geminates (一周 いっしゅう,
        # 一戦 いっせん), as it does before counters.
        if (
            s == "一"
            and r == "いち"
            and t.pos2 == "数詞"
            and (p is None or not is_numeral(p))
            and nxt is not None
            and nxt.goshu == "漢"
            and nxt.pos1 == "名詞"
            and nxt.reading is not None
            and nxt.reading[:1] in _KST_START
            and not is_counter_like(nsurf)
        ):
            t.reading = "いっ"
            continue
        # 家 after a surname is the family (田中家 たなかけ); after other nouns a person of a
        # trade or trait (専門家 せんもんか).
        if s == "家" and r == "か" and t.pos1 == "接尾辞" and p is not None and p.pos3 == "人名":
            t.reading = "け"
            continue
        # 後 after a span or an event is ご (３日後, 終了後); UniDic's あと fits a bare noun.
        if (
            s == "後"
            and r == "あと"
            and p is not None
            and (p.pos3 in ("助数詞", "助数詞可能") or ("サ変" in p.pos3 and p.goshu == "漢"))
        ):
            t.reading = "ご"
            continue
        # 行っ + て/た + いる without a destination is 行う (行っています おこなっています);
        # after を it is 行う too (説明を行った). Going (行く) takes a destination with に/へ.
        if t.lemma == "行く" and s.startswith("行っ"):
            if _object_before(toks, i) or (
                i + 2 < len(toks)
                and toks[i + 1].surface == "て"
                and toks[i + 2].lemma in ("いる", "居る")
                and not _destination_before(toks, i)
            ):
                t.reading = "おこなっ"
                continue
        # 気に入る (to like) is きにいる; 入る alone is はいる.
        if t.lemma == "入る" and r.startswith("はい") and i >= 2:
            if toks[i - 1].surface == "に" and toks[i - 2].surface == "気":
                t.reading = r[1:]
                continue
        # Rendaku in a noun compound: UniDic marks words that have a voiced compound form with
        # the initial form 基本形; right after a content noun they take it (映画会社 がいしゃ,
        # 相談所 じょ, 公約通り どおり, 露天風呂 ぶろ). One-kanji Sino-Japanese suffixes rarely
        # voice (研究者 しゃ, 作品 ひん); 所 after an activity noun does (相談所 そうだんじょ).
        if (
            t.iform == "基本形"
            and t.pos1 in ("名詞", "接尾辞")
            and p is not None
            and p.pos1 == "名詞"
            and p.pos2 in ("普通名詞", "固有名詞")
            and p.reading is not None
            and (t.pos3 != "副詞可能" or s == "日")
            and not is_voiced_start(r)
            and voiced(r) != r
            and (len(s) >= 2 or t.goshu == "和" or (s == "所" and "サ変" in p.pos3))
        ):
            t.reading = voiced(r)
            continue
        # Rendaku only happens inside a compound: a voiced first mora (箱 ばこ, 深い ぶかい) on
        # a word that starts a phrase (after a particle, punctuation, a determiner, or at the
        # start) is the dictionary's compound form used by mistake; use the plain form.
        if (
            t.iform in ("濁音形", "半濁音形")
            and is_voiced_start(r)
            and t.pos3 not in ("助数詞", "助数詞可能")
        ):
            p = _prev(toks, i)
            if (
                p is None
                or p.pos1 in _PARTICLE_POS
                or (p.pos1 not in _COMPOUNDING and p.pos1 != "動詞")
            ):
                t.reading = unvoiced(r)
