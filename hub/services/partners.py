"""Partner organisations keep their own entries: an editor invites someone from the
organisation (the Organisation role, tied to that one entry); they propose changes, which wait
for an editor like visitors' proposals; people who reported outdated information hear back."""

import hashlib
import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hub.models import Organisation, OrganisationMember, OrganisationProposal
from hub.permissions import organisation_can_propose_change, require_editor
from learning.roles import Role


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def claim_url(token: str) -> str:
    return settings.SITE_URL + reverse("hub:organisation-claim", kwargs={"token": token})


@transaction.atomic
def organisation_invite(
    *, organisation: Organisation, email: str, by: Any
) -> tuple[OrganisationMember, str]:
    """An editor invites *email* to keep *organisation*'s entry; returns the invitation and
    its token (e-mailed as a link; only its hash is stored)."""
    require_editor(by)
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": [_("Enter a valid e-mail address.")]}) from None
    token = secrets.token_urlsafe(32)
    member = OrganisationMember.objects.create(
        organisation=organisation, email=email, token_hash=_token_hash(token), invited_by=by
    )
    subject = _("Keep your organisation's entry on Kasumi")
    text = _(
        "An editor of Kasumi invites you to keep the entry of %(name)s in our directory of "
        "support groups up to date. Sign in (or create an account) and open this link:\n\n"
        "%(link)s\n\nYour changes are checked by an editor before they are shown."
    ) % {"name": organisation.name_en, "link": claim_url(token)}
    transaction.on_commit(lambda: send_mail(subject, text, None, [email], fail_silently=True))
    return member, token


@transaction.atomic
def organisation_claim(*, token: str, user: Any) -> OrganisationMember:
    """*user* accepts an invitation: they hold the Organisation role for that entry."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to accept the invitation."))
    member = (
        OrganisationMember.objects.select_for_update()
        .filter(token_hash=_token_hash(token or ""))
        .first()
    )
    if member is None:
        raise ValidationError({"token": [_("This invitation link is not valid.")]})
    if member.user_id is not None and member.user_id != user.pk:
        raise ValidationError({"token": [_("This invitation was already accepted.")]})
    if (
        member.user_id is None
        and OrganisationMember.objects.filter(organisation=member.organisation, user=user).exists()
    ):
        raise ValidationError({"token": [_("You already keep this organisation's entry.")]})
    member.user = user
    member.accepted_at = member.accepted_at or timezone.now()
    member.save(update_fields=["user", "accepted_at"])
    user.groups.add(Group.objects.get_or_create(name=Role.ORGANISATION.value)[0])
    return member


def organisation_propose_change(
    *,
    organisation: Organisation,
    by: Any,
    data: Mapping[str, Any],
    message: str = "",
    language: str = "",
) -> OrganisationProposal:
    """A partner proposes changes to their own entry (or confirms it is still right, with a
    message and no changes); nothing public changes until an editor approves."""
    from hub.services.directory import proposal_submit

    if not organisation_can_propose_change(organisation=organisation, user=by):
        raise PermissionDenied(_("You may change only your own organisation's entry."))
    return proposal_submit(
        kind=OrganisationProposal.Kind.CORRECTION,
        organisation=organisation,
        data=data,
        message=message,
        contact_email=getattr(by, "email", "") or "",
        submitted_by=by,
        language=language,
    )


def proposal_notify_outcome(proposal: OrganisationProposal) -> None:
    """Tell the person who sent *proposal* (if they left an e-mail) what the editors decided,
    in the language they wrote in; sent once the decision is committed."""
    if not proposal.contact_email:
        return
    language = proposal.language or settings.LANGUAGE_CODE
    with translation.override(language):
        name = str(proposal.organisation or proposal.data.get("name_en") or "")
        if proposal.decision == OrganisationProposal.Decision.APPROVED:
            subject = _("Your information about %(name)s was accepted") % {"name": name}
            text = _(
                "Thank you. An editor checked what you sent about %(name)s and the directory "
                "now shows it:\n\n%(link)s"
            ) % {
                "name": name,
                "link": settings.SITE_URL
                + (proposal.organisation.get_absolute_url() if proposal.organisation else ""),
            }
        else:
            subject = _("Your information about %(name)s") % {"name": name}
            text = _(
                "Thank you. An editor checked what you sent about %(name)s and did not change "
                "the entry this time."
            ) % {"name": name}
    address = proposal.contact_email
    transaction.on_commit(lambda: send_mail(subject, text, None, [address], fail_silently=True))
