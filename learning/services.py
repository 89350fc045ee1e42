"""Account use cases: sign-up and preference changes, shared by pages, API and admin."""

import uuid
from collections.abc import Iterable
from typing import Any

from confusable_homoglyphs import categories, confusables
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from learning.models import User, validate_meaning_languages


def username_check_confusable(username: str) -> None:
    """Refuse a name that mixes scripts with characters that look like another script's, such
    as a Cyrillic "е" in "dеmo-tutor": beside "demo-tutor" nobody could tell them apart.

    Names in one script ("демо", "山田") and scripts that cannot be mistaken for each other
    ("yamada山田", "ahmad_علي") are fine; the Unicode confusables data comes from
    confusable_homoglyphs.
    """
    scripts = _scripts(username)
    # Each script in turn: are the other scripts' letters look-alikes of this one's?
    if len(scripts) > 1 and any(
        confusables.is_confusable(username, preferred_aliases=[script]) for script in scripts
    ):
        raise ValidationError(
            {
                "username": _(
                    "This username mixes alphabets with letters that look alike (such as a "
                    "Cyrillic е for a Latin e). Write it in one alphabet."
                )
            },
            code="confusable",
        )


def _scripts(text: str) -> set[str]:
    """The scripts (Unicode aliases such as LATIN, CYRILLIC) of the letters in *text*."""
    return {
        categories.alias(char).lower()
        for char in text
        if categories.alias(char) not in {"COMMON", "INHERITED"}
    }


@transaction.atomic
def user_signup(
    *, username: str, password: str, email: str = "", interface_language: str = ""
) -> User:
    """Create a learner account; raises ValidationError for a taken, look-alike or mixed-script
    name or a weak password."""
    username = User.normalize_username(username)  # NFKC: "Ｄemo" is "Demo"
    username_check_confusable(username)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("That username is taken.")})
    if interface_language and interface_language not in dict(settings.LANGUAGES):
        interface_language = ""
    user = User(username=username, email=email, interface_language=interface_language)
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_update_preferences(
    *,
    user: User,
    interface_language: str | None = None,
    meaning_languages: list[str] | None = None,
    furigana: str | None = None,
) -> User:
    """Change the given preferences (None leaves one as it is) and save them together."""
    changed = []
    if interface_language is not None:
        if interface_language and interface_language not in dict(settings.LANGUAGES):
            raise ValidationError({"interface_language": _("Unknown interface language.")})
        user.interface_language = interface_language
        changed.append("interface_language")
    if meaning_languages is not None:
        try:
            validate_meaning_languages(meaning_languages)
        except ValidationError as exc:
            raise ValidationError({"meaning_languages": exc.messages}) from exc
        user.meaning_languages = list(meaning_languages)
        changed.append("meaning_languages")
    if furigana is not None:
        if furigana not in User.Furigana.values:
            raise ValidationError({"furigana": _("Choose 'always' or 'hide'.")})
        user.furigana = furigana
        changed.append("furigana")
    if changed:
        user.save(update_fields=changed)
    return user


def pages_mark_renew(*, learner_ids: Iterable[int] | QuerySet[Any]) -> str:
    """Give the learners a new `pages_mark`: every page kept for them is stale from now (see
    lessons.review.kept). *learner_ids* may be a query of ids (one UPDATE with a subquery)."""
    mark = uuid.uuid4().hex
    ids = learner_ids if isinstance(learner_ids, QuerySet) else list(learner_ids)
    User.objects.filter(pk__in=ids).update(pages_mark=mark)
    return mark
