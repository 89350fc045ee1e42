"""Who may do what in the hub: editors hold the whole editorial workflow; authors and
translators keep their own work until it is published."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from hub.models import Article, ArticleTranslation, Organisation, Status
from learning.roles import Role, user_has_role


def user_is_editor(user: Any) -> bool:
    return user_has_role(user, Role.EDITOR)


def require_editor(user: Any) -> None:
    if not user_is_editor(user):
        raise PermissionDenied(_("Only editors may do this."))


def article_can_edit(*, article: Article, user: Any) -> bool:
    """Editors, and the article's author while it is not published."""
    if user_is_editor(user):
        return True
    return bool(
        getattr(user, "is_authenticated", False)
        and article.author_id == user.pk
        and article.status != Status.PUBLISHED
    )


def translation_can_add(*, article: Article, user: Any) -> bool:
    """Editors, and the article's author, start a translation."""
    return user_is_editor(user) or article.author_id == getattr(user, "pk", None)


def translation_can_edit(*, translation: ArticleTranslation, user: Any) -> bool:
    if user_is_editor(user):
        return True
    return bool(
        getattr(user, "is_authenticated", False)
        and translation.translator_id == user.pk
        and translation.status != Status.PUBLISHED
    )


def article_can_preview(*, article: Article, user: Any) -> bool:
    """Editors, the author, and the article's translators see it before publication."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user_is_editor(user) or article.author_id == user.pk:
        return True
    return article.translations.filter(translator=user).exists()


def organisation_can_propose_change(*, organisation: Organisation, user: Any) -> bool:
    """Holders of the Organisation role who accepted an invitation for this very entry."""
    if not user_has_role(user, Role.ORGANISATION):
        return False
    return organisation.members.filter(user=user).exists()
