"""Courses, lessons, passages, vocabulary, exercises, attempts and progress.

Japanese text is rendered to ruby HTML when it is saved (services.py), with the furigana engine's
version stored beside it so `manage.py refresh_furigana` can redo stale rows.
"""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    A1 = "A1", _("A1 (JLPT N5)")
    A2 = "A2", _("A2 (JLPT N4)")
    B1 = "B1", _("B1 (JLPT N3)")


class Topic(models.TextChoices):
    BASICS = "basics", _("Greetings and basics")
    CITY_HALL = "city-hall", _("City hall and paperwork")
    HEALTH = "health", _("Hospital and health")
    SHOPPING = "shopping", _("Shopping and money")
    TRANSPORT = "transport", _("Trains and buses")
    DISASTER = "disaster", _("Earthquakes and disasters")
    WORK = "work", _("Work")
    IMMIGRATION = "immigration", _("Immigration bureau")


class RenderedText(models.Model):
    """What every row with Japanese text keeps once rendered (by `services.*_render`).

    `ruby` maps each Japanese string of the row (as written, markup included) to
    `{"html": ruby HTML, "romaji": ..., "anki": bracket syntax}`; `furigana_version` is the
    engine version plus a digest of the course's reading list, so either change marks the row
    stale.
    """

    ruby = models.JSONField(default=dict, blank=True, editable=False)
    furigana_version = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        abstract = True


class Course(RenderedText):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_ja = models.CharField(_("Japanese title"), max_length=200, blank=True, default="")
    description = models.TextField(_("description"), blank=True, default="", max_length=4000)
    title_translations = models.JSONField(
        default=dict, blank=True, help_text=_("Language code -> title.")
    )
    description_translations = models.JSONField(
        default=dict, blank=True, help_text=_("Language code -> description.")
    )
    level = models.CharField(_("level"), max_length=2, choices=Level.choices, default=Level.A1)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, default=Topic.BASICS)
    published = models.BooleanField(_("published"), default=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_courses",
    )
    readings = models.JSONField(
        _("reading list"),
        default=dict,
        blank=True,
        help_text=_("Word -> reading (kana) used for every text of the course."),
    )

    class Nihon(models.TextChoices):
        NIHON = "にほん", "にほん"
        NIPPON = "にっぽん", "にっぽん"

    class Ashita(models.TextChoices):
        ASHITA = "あした", "あした"
        ASU = "あす", "あす"

    class RomajiStyle(models.TextChoices):
        HEPBURN = "hepburn", _("Hepburn with macrons (tōkyō)")
        WAPURO = "wapuro", _("as typed (toukyou)")

    reading_nihon = models.CharField(
        _("reading of 日本"), max_length=8, choices=Nihon.choices, default=Nihon.NIHON
    )
    reading_ashita = models.CharField(
        _("reading of 明日"), max_length=8, choices=Ashita.choices, default=Ashita.ASHITA
    )
    romaji_style = models.CharField(
        _("romaji style"), max_length=10, choices=RomajiStyle.choices, default=RomajiStyle.HEPBURN
    )
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="shared_courses",
        verbose_name=_("shared with"),
        help_text=_("Tutors who may edit this course besides its owner."),
    )
    # Incremented on every change through the services; a stale edit is refused (issue 19).
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Annotated by the selectors, not stored.
    completed_lessons: int

    class Meta:
        ordering = ["level", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("lessons:course-detail", kwargs={"course": self.slug})


class Lesson(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    order = models.PositiveIntegerField(_("order"), default=0)
    slug = models.SlugField(_("slug"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    title_ja = models.CharField(_("Japanese title"), max_length=200, blank=True, default="")
    can_do = models.CharField(
        _("can-do goal"),
        max_length=300,
        blank=True,
        default="",
        help_text=_("e.g. I can tell the reception desk at a hospital what hurts."),
    )
    # A course spans topics (city hall, hospital, work...): the topic filter finds a course by
    # its own topic or by any of its published lessons'.
    topic = models.CharField(
        _("topic"),
        max_length=20,
        choices=Topic.choices,
        blank=True,
        default="",
        help_text=_("What the lesson is about, when it is not the course's topic."),
    )
    title_translations = models.JSONField(
        default=dict, blank=True, help_text=_("Language code -> title.")
    )
    can_do_translations = models.JSONField(
        default=dict, blank=True, help_text=_("Language code -> can-do goal.")
    )
    published = models.BooleanField(_("published"), default=False)
    # Incremented on every save through the services; a stale edit is refused (issue 5).
    version = models.PositiveIntegerField(default=1, editable=False)
    ruby = models.JSONField(default=dict, blank=True, editable=False)
    furigana_version = models.CharField(max_length=64, blank=True, default="", editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    # Filled in by the course page from the learner's progress, not stored.
    my_progress: Any

    class Meta:
        ordering = ["course", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="lesson_unique_slug_in_course"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "lessons:lesson-detail", kwargs={"course": self.course.slug, "lesson": self.slug}
        )


class Passage(RenderedText):
    MAX_TEXT = 20_000

    class Kind(models.TextChoices):
        READING = "reading", _("Reading")
        DIALOGUE = "dialogue", _("Dialogue")
        GRAMMAR = "grammar", _("Grammar note")

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="passages")
    order = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.READING)
    title = models.CharField(_("title"), max_length=200, blank=True, default="")
    title_translations = models.JSONField(
        default=dict, blank=True, help_text=_("Language code -> the heading.")
    )
    text = models.TextField(
        _("Japanese text"),
        max_length=MAX_TEXT,
        help_text=_(
            "One line per sentence; a dialogue line starts with the speaker and a colon "
            "(先生：こんにちは). {漢字|かんじ} forces a reading."
        ),
    )
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_("Language code -> the translation, line by line like the Japanese."),
    )
    # The text split into lines, each {"speaker": str, "text": str} (markup kept), at save.
    lines = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = ["lesson", "order", "pk"]

    def __str__(self) -> str:
        return self.title or self.text[:40]


class VocabularyItem(RenderedText):
    class PartOfSpeech(models.TextChoices):
        NOUN = "noun", _("noun")
        VERB = "verb", _("verb")
        I_ADJECTIVE = "i-adj", _("i-adjective")
        NA_ADJECTIVE = "na-adj", _("na-adjective")
        ADVERB = "adverb", _("adverb")
        EXPRESSION = "expression", _("expression")
        PARTICLE = "particle", _("particle")
        COUNTER = "counter", _("counter")
        OTHER = "other", _("other")

    # Stable identity across exports: Anki note GUIDs derive from it.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="vocabulary")
    order = models.PositiveIntegerField(_("order"), default=0)
    expression = models.CharField(_("expression"), max_length=100)
    reading = models.CharField(
        _("reading"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("Filled in from the engine; correct it if wrong."),
    )
    reading_is_override = models.BooleanField(default=False, editable=False)
    part_of_speech = models.CharField(
        _("part of speech"), max_length=12, choices=PartOfSpeech.choices, default=PartOfSpeech.NOUN
    )
    meanings = models.JSONField(
        _("meanings"), default=dict, blank=True, help_text=_("Language code -> meaning.")
    )
    also_accept = models.JSONField(
        _("also accept"),
        default=list,
        blank=True,
        help_text=_("Other readings a learner may type (明日: あす), in kana."),
    )
    example = models.CharField(_("example sentence"), max_length=500, blank=True, default="")
    example_translations = models.JSONField(_("example translations"), default=dict, blank=True)
    # Anki bracket syntax of the expression and the example, rendered with the same readings
    # as `ruby` (kept apart so a deck of thousands of words need not read the ruby maps).
    anki_reading = models.TextField(blank=True, default="", editable=False)
    anki_sentence = models.TextField(blank=True, default="", editable=False)
    # Keys of the word's and the example's audio clips (speech.clip_key of the readings shown),
    # set with the rendering so a deck of thousands of words need not read the ruby maps.
    word_audio = models.CharField(max_length=64, blank=True, default="", editable=False)
    sentence_audio = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["lesson", "order", "pk"]
        verbose_name_plural = _("vocabulary items")

    def __str__(self) -> str:
        return self.expression


class Exercise(RenderedText):
    class Kind(models.TextChoices):
        CHOICE = "choice", _("Multiple choice")
        READING = "reading", _("Type the reading")
        CLOZE = "cloze", _("Fill the blank")
        ORDERING = "ordering", _("Put the words in order")
        MATCHING = "matching", _("Match the pairs")
        LISTENING = "listening", _("Listen and choose")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        READY = "ready", _("Ready")

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="exercises")
    order = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    prompt = models.CharField(
        _("prompt"),
        max_length=500,
        blank=True,
        default="",
        help_text=_("The question, in English or Japanese."),
    )
    prompt_translations = models.JSONField(default=dict, blank=True)
    data = models.JSONField(
        _("data"), default=dict, help_text=_("The kind's content, checked against its schema.")
    )
    explanation = models.TextField(_("explanation"), blank=True, default="", max_length=2000)
    explanation_translations = models.JSONField(default=dict, blank=True)
    # Language code -> the kind's texts in that language (choices, the meanings of matching
    # pairs, an ordering's translation): exercises.validate_data_translations.
    data_translations = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.READY)
    generated = models.BooleanField(default=False, editable=False)
    # What a drafted exercise was made from ("reading:<word key>", "cloze:<sentence>"), so that
    # drafting again makes only what is new, whatever the tutor edited or accepted since.
    generated_from = models.CharField(max_length=300, blank=True, default="", editable=False)

    class Meta:
        ordering = ["lesson", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.prompt[:40]}"


class Attempt(models.Model):
    """One graded answer. Anonymous attempts carry a hash of the session, never the session."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="attempts")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attempts",
    )
    session_hash = models.CharField(max_length=64, blank=True, default="")
    answer = models.JSONField()
    correct = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["exercise", "correct"], name="attempt_exercise_correct")]

    def __str__(self) -> str:
        return f"{self.exercise_id}: {'correct' if self.correct else 'wrong'}"


class LessonProgress(models.Model):
    """A learner's standing in a lesson: the latest verdict per exercise, keyed by its id, so
    answering again never counts twice."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    results = models.JSONField(default=dict, help_text="Exercise id (str) -> answered correctly.")
    started_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "lesson"], name="progress_one_per_lesson"),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} in {self.lesson_id}"


class Classroom(models.Model):
    """A tutor's class following a course; learners join with its code (or the link holding it)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="classrooms")
    name = models.CharField(_("name"), max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_classrooms",
    )
    join_code = models.CharField(_("join code"), max_length=12, unique=True)
    members: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ClassMembership",
        related_name="classrooms",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["course", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class ClassMembership(models.Model):
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="memberships")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="class_memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["classroom", "joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["classroom", "learner"], name="membership_one_per_learner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} in {self.classroom_id}"
