"""Every language list of the site, and the right-to-left set, in one place. Pure data (no
Django), so settings, models, forms and the pure engines all read the same lists."""

# Who has checked each interface catalogue: "drafted" (written by the group's volunteers, not yet
# read by a native speaker) or "reviewed" (read and corrected by a native speaker). Shown on the
# public translations page, which invites corrections.
CATALOGUE_STATUS: dict[str, str] = {
    code: "drafted" for code in ("ja", "my", "ne", "fa", "ar", "si", "tr", "uk", "fr", "kmr")
}

# Interface languages: English (the source), Japanese, and the languages our learners read,
# each with a complete catalogue. Kurdish is Kurmanji (`kmr`, Latin letters): the Kurdish
# community in Japan (Kawaguchi and Warabi, Saitama) comes from south-eastern Turkey and speaks
# and writes Kurmanji; few Sorani speakers live here.
INTERFACE_LANGUAGES: list[tuple[str, str]] = [
    ("en", "English"),
    ("ja", "日本語"),
    ("my", "မြန်မာ"),
    ("ne", "नेपाली"),
    ("si", "සිංහල"),
    ("tr", "Türkçe"),
    ("fa", "فارسی"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("fr", "Français"),
    ("kmr", "Kurdî (Kurmancî)"),
]

# Languages Django has no locale data for: what `get_language_info` needs (settings adds them).
EXTRA_LANG_INFO: dict[str, dict[str, object]] = {
    "si": {"bidi": False, "code": "si", "name": "Sinhala", "name_local": "සිංහල"},
    "kmr": {"bidi": False, "code": "kmr", "name": "Kurdish (Kurmanji)", "name_local": "Kurdî"},
}

# An interface language whose meanings are stored under another code: Kurmanji meanings are
# stored as `ku` (Kurdish), the code letters, voices and organisations' languages use.
INTERFACE_MEANING_LANGUAGE: dict[str, str] = {"kmr": "ku"}

# The longest text in one language of a texts-by-language field (a translation, a meaning).
MAX_TRANSLATION = 4000

# Languages written right to left: their text gets dir="rtl" wherever it is shown.
RTL_LANGUAGES = frozenset({"ar", "fa", "prs", "ur", "he", "ckb", "ps"})

# Languages a learner may want meanings in (ordered by the learner); English is the fallback.
MEANING_LANGUAGES: list[tuple[str, str]] = [
    ("en", "English"),
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("prs", "دری"),
    ("fr", "Français"),
    ("ku", "Kurdî"),
    ("my", "မြန်မာ"),
    ("ne", "नेपाली"),
    ("si", "සිංහල"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
    ("vi", "Tiếng Việt"),
    ("zh-hans", "简体中文"),
]
FALLBACK_MEANING_LANGUAGE = "en"

# Languages a letter, a translation of one, or a voice may be in.
LETTER_LANGUAGES: list[tuple[str, str]] = [("ja", "日本語"), *MEANING_LANGUAGES]

# Languages an article, a translation or an organisation's staff may use: Japanese, the
# meaning languages, and a few more spoken by people seeking asylum in Japan.
CONTENT_LANGUAGES: list[tuple[str, str]] = [
    *LETTER_LANGUAGES,
    ("zh-hant", "繁體中文"),
    ("ko", "한국어"),
    ("es", "Español"),
    ("pt", "Português"),
    ("ru", "Русский"),
    ("tl", "Tagalog"),
    ("ur", "اردو"),
    ("bn", "বাংলা"),
    ("ta", "தமிழ்"),
    ("ps", "پښتو"),
    ("am", "አማርኛ"),
    ("ti", "ትግርኛ"),
]


def _(text: str) -> str:
    """Marks a name for the translation catalogues (makemessages); the interface translates
    it where it is shown (gettext), as this module imports no Django."""
    return text


# The name of each language in English; gettext gives it in every interface language.
LANGUAGE_NAMES_EN: dict[str, str] = {
    "ja": _("Japanese"),
    "en": _("English"),
    "ar": _("Arabic"),
    "fa": _("Persian (Farsi)"),
    "prs": _("Dari"),
    "fr": _("French"),
    "ku": _("Kurdish"),
    "kmr": _("Kurdish (Kurmanji)"),
    "my": _("Burmese"),
    "ne": _("Nepali"),
    "si": _("Sinhala"),
    "tr": _("Turkish"),
    "uk": _("Ukrainian"),
    "vi": _("Vietnamese"),
    "zh-hans": _("Chinese (simplified)"),
    "zh-hant": _("Chinese (traditional)"),
    "ko": _("Korean"),
    "es": _("Spanish"),
    "pt": _("Portuguese"),
    "ru": _("Russian"),
    "tl": _("Tagalog"),
    "ur": _("Urdu"),
    "bn": _("Bengali"),
    "ta": _("Tamil"),
    "ps": _("Pashto"),
    "am": _("Amharic"),
    "ti": _("Tigrinya"),
}


def meaning_language_for(interface_code: str) -> str:
    """The meaning language that goes with an interface language ("" when there is none:
    Japanese, or a language without meanings)."""
    code = INTERFACE_MEANING_LANGUAGE.get(interface_code, interface_code)
    return code if code in dict(MEANING_LANGUAGES) else ""


def text_direction(code: str) -> str:
    """`rtl` for a language written right to left (by its primary subtag), else `ltr`."""
    return "rtl" if code.split("-")[0].lower() in RTL_LANGUAGES else "ltr"
