"""Articles (translated documents, news, events) with their translations, and the directory of
partner organisations with the proposals visitors send about it.

Bodies are Markdown; their sanitised HTML (and furigana for Japanese) is rendered when they are
saved through `hub.services`, with `render_version` beside it so `manage.py render_articles`
can redo stale rows. Credits are names as printed (a translator may have no account), with an
optional link to the account that the workflow rules (reviewer != translator, who sees drafts)
use.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.languages import CONTENT_LANGUAGES, text_direction

LANGUAGES = CONTENT_LANGUAGES
LANGUAGE_NAMES = dict(LANGUAGES)
# An organisation's details older than this are flagged on its page and in the list.
VERIFICATION_MAX_AGE = timedelta(days=365)


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class Tag(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    class Kind(models.TextChoices):
        TRANSLATION = "translation", _("Translated document")
        NEWS = "news", _("News")
        EVENT = "event", _("Event")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.NEWS)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    original_language = models.CharField(
        _("original language"), max_length=8, choices=LANGUAGES, default="ja"
    )
    title = models.CharField(_("original title"), max_length=300)
    summary = models.CharField(_("summary"), max_length=500, blank=True, default="")
    body = models.TextField(_("original body (Markdown)"), max_length=100_000)
    author_name = models.CharField(
        _("author"), max_length=150, blank=True, default="", help_text=_("As credited.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hub_articles",
    )
    source_publisher = models.CharField(_("source publisher"), max_length=200, blank=True)
    source_title = models.CharField(_("source title"), max_length=300, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    source_date = models.DateField(_("date of the original"), null=True, blank=True)
    event_date = models.DateTimeField(_("event date"), null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("publication date"), null=True, blank=True)
    # Goes up whenever the original's title or body changes; a translation made from an older
    # revision is marked as possibly out of date.
    revision = models.PositiveIntegerField(default=1, editable=False)
    # Rendered at save: sanitised HTML of each top-level block (with ruby for Japanese), the
    # whole body without ruby (feeds), the title's ruby map.
    paragraphs = models.JSONField(default=list, blank=True, editable=False)
    # Japanese only: what each block speaks (its text with the furigana shown in place of the
    # kanji; "" when it has nothing the engine can speak). Its clip is named by this reading.
    paragraph_readings = models.JSONField(default=list, blank=True, editable=False)
    body_html = models.TextField(blank=True, default="", editable=False)
    ruby = models.JSONField(default=dict, blank=True, editable=False)
    render_version = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Set by the selectors (prefetches into attributes), not stored.
    visible_translations: list["ArticleTranslation"]
    feed_translation: "ArticleTranslation | None"

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at"], name="hub_article_listing")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("hub:article-detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class ArticleTranslation(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    title = models.CharField(_("title"), max_length=300)
    summary = models.CharField(_("summary"), max_length=500, blank=True, default="")
    body = models.TextField(
        _("body (Markdown)"),
        max_length=100_000,
        help_text=_("Keep the original's paragraphs so they can be shown side by side."),
    )
    translator_name = models.CharField(_("translator"), max_length=150)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("translator account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hub_translations",
    )
    reviewer_name = models.CharField(_("reviewer"), max_length=150, blank=True, default="")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hub_reviews",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # The article's revision this translation was made from (see Article.revision).
    source_revision = models.PositiveIntegerField(default=1, editable=False)
    paragraphs = models.JSONField(default=list, blank=True, editable=False)
    # A Japanese translation's readings, as Article.paragraph_readings.
    paragraph_readings = models.JSONField(default=list, blank=True, editable=False)
    body_html = models.TextField(blank=True, default="", editable=False)
    render_version = models.CharField(max_length=64, blank=True, default="", editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"], name="hub_translation_one_per_language"
            ),
            # The service compares names case-insensitively too; this is the floor.
            models.CheckConstraint(
                condition=Q(reviewer__isnull=True)
                | Q(translator__isnull=True)
                | ~Q(reviewer=F("translator")),
                name="hub_reviewer_is_not_translator",
            ),
            models.CheckConstraint(
                condition=Q(reviewer_name="") | ~Q(reviewer_name=F("translator_name")),
                name="hub_reviewer_name_is_not_translator_name",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}?lang={self.language}"

    @property
    def is_outdated(self) -> bool:
        """The original changed after this translation was made."""
        return self.source_revision < self.article.revision

    @property
    def direction(self) -> str:
        return text_direction(self.language)


class Prefecture(models.TextChoices):
    NATIONWIDE = "nationwide", _("Nationwide")
    HOKKAIDO = "hokkaido", _("Hokkaido")
    AOMORI = "aomori", _("Aomori")
    IWATE = "iwate", _("Iwate")
    MIYAGI = "miyagi", _("Miyagi")
    AKITA = "akita", _("Akita")
    YAMAGATA = "yamagata", _("Yamagata")
    FUKUSHIMA = "fukushima", _("Fukushima")
    IBARAKI = "ibaraki", _("Ibaraki")
    TOCHIGI = "tochigi", _("Tochigi")
    GUNMA = "gunma", _("Gunma")
    SAITAMA = "saitama", _("Saitama")
    CHIBA = "chiba", _("Chiba")
    TOKYO = "tokyo", _("Tokyo")
    KANAGAWA = "kanagawa", _("Kanagawa")
    NIIGATA = "niigata", _("Niigata")
    TOYAMA = "toyama", _("Toyama")
    ISHIKAWA = "ishikawa", _("Ishikawa")
    FUKUI = "fukui", _("Fukui")
    YAMANASHI = "yamanashi", _("Yamanashi")
    NAGANO = "nagano", _("Nagano")
    GIFU = "gifu", _("Gifu")
    SHIZUOKA = "shizuoka", _("Shizuoka")
    AICHI = "aichi", _("Aichi")
    MIE = "mie", _("Mie")
    SHIGA = "shiga", _("Shiga")
    KYOTO = "kyoto", _("Kyoto")
    OSAKA = "osaka", _("Osaka")
    HYOGO = "hyogo", _("Hyogo")
    NARA = "nara", _("Nara")
    WAKAYAMA = "wakayama", _("Wakayama")
    TOTTORI = "tottori", _("Tottori")
    SHIMANE = "shimane", _("Shimane")
    OKAYAMA = "okayama", _("Okayama")
    HIROSHIMA = "hiroshima", _("Hiroshima")
    YAMAGUCHI = "yamaguchi", _("Yamaguchi")
    TOKUSHIMA = "tokushima", _("Tokushima")
    KAGAWA = "kagawa", _("Kagawa")
    EHIME = "ehime", _("Ehime")
    KOCHI = "kochi", _("Kochi")
    FUKUOKA = "fukuoka", _("Fukuoka")
    SAGA = "saga", _("Saga")
    NAGASAKI = "nagasaki", _("Nagasaki")
    KUMAMOTO = "kumamoto", _("Kumamoto")
    OITA = "oita", _("Oita")
    MIYAZAKI = "miyazaki", _("Miyazaki")
    KAGOSHIMA = "kagoshima", _("Kagoshima")
    OKINAWA = "okinawa", _("Okinawa")


class HelpKind(models.TextChoices):
    LEGAL = "legal", _("Legal advice")
    ASYLUM = "asylum", _("Asylum procedure")
    DETENTION = "detention", _("Detention visits")
    MEDICAL = "medical", _("Medical care")
    MENTAL_HEALTH = "mental-health", _("Mental health")
    HOUSING = "housing", _("Housing")
    FOOD = "food", _("Food and goods")
    JAPANESE = "japanese", _("Japanese classes")
    EMPLOYMENT = "employment", _("Employment")
    CHILDREN = "children", _("Children and education")
    OTHER = "other", _("Other")


class Eligibility(models.TextChoices):
    ANYONE = "anyone", _("Anyone")
    ASYLUM_SEEKERS = "asylum-seekers", _("People applying for refugee status")
    NO_STATUS = "no-status", _("People without residence status")
    PROVISIONAL_RELEASE = "provisional-release", _("People on provisional release")
    DETAINED = "detained", _("People in immigration detention")
    RECOGNISED = "recognised", _("Recognised refugees and complementary protection")
    WOMEN = "women", _("Women")
    CHILDREN = "children", _("Children and families")


class Access(models.TextChoices):
    WALK_IN = "walk-in", _("Walk-in")
    APPOINTMENT = "appointment", _("By appointment")
    REFERRAL = "referral", _("By referral")
    HOTLINE = "hotline", _("Hotline")


class Organisation(models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "temporarily-closed", _("Temporarily closed")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200, blank=True, default="")
    name_en = models.CharField(_("name (English)"), max_length=200)
    description = models.TextField(_("description"), max_length=5_000, blank=True, default="")
    # Lists of choice codes (validated by the services and forms). Filtering matches the
    # quoted code in the JSON text, which works on SQLite and PostgreSQL alike.
    help_kinds = models.JSONField(_("kinds of help"), default=list, blank=True)
    prefectures = models.JSONField(_("prefectures served"), default=list, blank=True)
    languages = models.JSONField(_("languages spoken by staff"), default=list, blank=True)
    interpreter_languages = models.JSONField(
        _("languages via interpreter"), default=list, blank=True
    )
    eligibility = models.JSONField(_("who is eligible"), default=list, blank=True)
    eligibility_note = models.CharField(
        _("eligibility, in words"), max_length=500, blank=True, default=""
    )
    access = models.JSONField(_("how to get help"), default=list, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, default="")
    email = models.EmailField(_("e-mail"), blank=True, default="")
    website = models.URLField(_("website"), max_length=300, blank=True, default="")
    address = models.CharField(_("postal address"), max_length=300, blank=True, default="")
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True, default="")
    state = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.ACTIVE
    )
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    verified_by = models.CharField(_("verified by"), max_length=150, blank=True, default="")
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Invented for the demo; not a real group.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Set by hub.selectors.organisation_list, not stored.
    open_now: bool | None

    class Meta:
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("hub:organisation-detail", kwargs={"slug": self.slug})

    @property
    def needs_verification(self) -> bool:
        """Not verified within a year (or never)."""
        return (
            self.last_verified is None
            or timezone.localdate() - self.last_verified > VERIFICATION_MAX_AGE
        )


class OrganisationProposal(models.Model):
    """A visitor's proposal of a new organisation or report of outdated information; it waits
    for an editor and is never shown publicly."""

    class Kind(models.TextChoices):
        NEW = "new", _("New organisation")
        CORRECTION = "correction", _("Outdated or wrong information")

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for an editor")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
        help_text=_("The organisation a correction is about."),
    )
    # The proposed fields, as plain data (names, lists of codes, contact): see services.
    data = models.JSONField(default=dict, blank=True)
    message = models.TextField(_("message"), max_length=5_000, blank=True, default="")
    contact_email = models.EmailField(_("your e-mail (optional)"), blank=True, default="")
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hub_proposal_decisions",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=500, blank=True, default="")
    # A partner's own change (Organisation role) rather than a visitor's.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hub_proposals",
    )
    # The interface language it was sent in: the outcome is e-mailed in it.
    language = models.CharField(max_length=8, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="correction") | Q(organisation__isnull=False),
                name="hub_correction_names_its_organisation",
            )
        ]

    def __str__(self) -> str:
        name = self.organisation or self.data.get("name_en") or self.data.get("name_ja") or "?"
        return f"{self.get_kind_display()}: {name}"


class SearchSynonym(models.Model):
    """A group of words that mean the same for search (入管, 出入国在留管理局, immigration
    bureau), kept by editors in the admin: a search for one finds the others."""

    terms = models.CharField(
        _("terms"),
        max_length=500,
        help_text=_("Words or phrases that mean the same, separated by commas."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self) -> str:
        return self.terms


class ArticleSearchText(models.Model):
    """The words of an article and its published translations as the full-text index holds
    them (see hub.search_text). On SQLite an FTS5 table mirrors `terms` through triggers
    (migration 0002); on PostgreSQL `terms` is searched with to_tsvector."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="search_text")
    terms = models.TextField(blank=True, default="")

    def __str__(self) -> str:
        return f"search text of {self.article_id}"


class OrganisationMember(models.Model):
    """A person who keeps an organisation's entry (the Organisation role), invited by an
    editor: the invitation's token is stored hashed; `user` is set when it is accepted."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="members")
    email = models.EmailField(_("e-mail"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hub_memberships",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hub_invitations",
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=Q(user__isnull=False),
                name="hub_member_once_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.organisation})"
