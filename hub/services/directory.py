"""The partner directory: entries kept by editors, proposals sent by visitors."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hub.models import (
    Access,
    Eligibility,
    HelpKind,
    Organisation,
    OrganisationProposal,
    Prefecture,
)
from hub.permissions import require_editor
from hub.services.articles import LANGUAGE_CODES, display_name
from hub.services.partners import proposal_notify_outcome

TEXT_FIELDS = (
    "name_ja",
    "name_en",
    "description",
    "eligibility_note",
    "phone",
    "email",
    "website",
    "address",
    "opening_hours",
)
LIST_FIELDS: Mapping[str, frozenset[str]] = {
    "help_kinds": frozenset(HelpKind.values),
    "prefectures": frozenset(Prefecture.values),
    "languages": LANGUAGE_CODES,
    "interpreter_languages": LANGUAGE_CODES,
    "eligibility": frozenset(Eligibility.values),
    "access": frozenset(Access.values),
}


def _clean_list(name: str, value: Any, allowed: frozenset[str]) -> list[str]:
    if value in (None, ""):
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValidationError({name: [_("Give a list of codes.")]})
    unknown = sorted({v for v in value if v not in allowed})
    if unknown:
        raise ValidationError(
            {name: [_("Unknown value(s): %(values)s.") % {"values": ", ".join(unknown)[:200]}]}
        )
    return list(dict.fromkeys(value))


def organisation_clean_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """The directory fields of *data*, checked: known codes, lengths, e-mail, http(s) website.

    Text is kept as written; pages escape it, so HTML in it is shown as text.
    """
    clean: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        value = data.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ValidationError({name: [_("Give text.")]})
        if "\x00" in value:
            raise ValidationError({name: [_("The text contains a NUL character.")]})
        clean[name] = value.strip()
    for name, allowed in LIST_FIELDS.items():
        clean[name] = _clean_list(name, data.get(name), allowed)
    state = data.get("state") or Organisation.State.ACTIVE
    if state not in Organisation.State.values:
        raise ValidationError({"state": [_("Unknown status.")]})
    clean["state"] = state
    if not clean["name_en"] and not clean["name_ja"]:
        raise ValidationError({"name_en": [_("Give the organisation's name.")]})
    probe = Organisation(slug="probe", **{k: v for k, v in clean.items()})
    probe.name_en = probe.name_en or probe.name_ja
    probe.full_clean(exclude=["slug"], validate_unique=False)
    return clean


# Paths under /partners/ (and /api/v1/organisations/) that an organisation's slug must not take.
RESERVED_ORGANISATION_SLUGS = frozenset({"propose", "proposals", "open-data", "hsds", "claim"})


def _unique_slug(name: str) -> str:
    base = slugify(name)[:80] or "organisation"
    if base in RESERVED_ORGANISATION_SLUGS:
        base = f"{base}-organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def organisation_save(
    *, by: Any, data: Mapping[str, Any], organisation: Organisation | None = None
) -> Organisation:
    """Create or change an organisation (editors only); saving is verifying, so the entry
    is stamped as verified today by *by*."""
    require_editor(by)
    clean = organisation_clean_data(data)
    if organisation is None:
        organisation = Organisation(slug=_unique_slug(clean["name_en"] or clean["name_ja"]))
    for name, value in clean.items():
        setattr(organisation, name, value)
    organisation.name_en = organisation.name_en or organisation.name_ja
    organisation.last_verified = timezone.localdate()
    organisation.verified_by = display_name(by)
    organisation.full_clean()
    organisation.save()
    return organisation


def organisation_verify(*, organisation: Organisation, by: Any) -> Organisation:
    """An editor confirmed the entry is still right."""
    require_editor(by)
    organisation.last_verified = timezone.localdate()
    organisation.verified_by = display_name(by)
    organisation.save(update_fields=["last_verified", "verified_by", "updated_at"])
    return organisation


MAX_PROPOSAL_MESSAGE = 5_000


@transaction.atomic
def proposal_submit(
    *,
    kind: str,
    data: Mapping[str, Any],
    message: str = "",
    contact_email: str = "",
    organisation: Organisation | None = None,
    submitted_by: Any = None,
    language: str = "",
) -> OrganisationProposal:
    """Record a visitor's proposal; it waits for an editor and changes nothing public.

    A new organisation needs at least a name; a correction needs the organisation and a message
    or changed fields.
    """
    if kind not in OrganisationProposal.Kind.values:
        raise ValidationError({"kind": [_("Unknown kind of proposal.")]})
    if not isinstance(message, str) or len(message) > MAX_PROPOSAL_MESSAGE:
        raise ValidationError(
            {"message": [_("At most %(n)d characters.") % {"n": MAX_PROPOSAL_MESSAGE}]}
        )
    if kind == OrganisationProposal.Kind.NEW:
        clean = organisation_clean_data(data)
    else:
        if organisation is None:
            raise ValidationError({"organisation": [_("Say which organisation is outdated.")]})
        merged = {**_organisation_data(organisation), **{k: v for k, v in data.items() if v}}
        clean = organisation_clean_data(merged)
        before = _organisation_data(organisation)
        clean = {k: v for k, v in clean.items() if before.get(k) != v}
        if not clean and not message.strip():
            raise ValidationError({"message": [_("Tell us what is outdated.")]})
    proposal = OrganisationProposal(
        kind=kind,
        organisation=organisation if kind == OrganisationProposal.Kind.CORRECTION else None,
        data=clean,
        message=message.replace("\x00", "").strip(),
        contact_email=contact_email.strip(),
        submitted_by=submitted_by,
        language=language[:8],
    )
    proposal.full_clean()
    proposal.save()
    return proposal


def _organisation_data(organisation: Organisation) -> dict[str, Any]:
    return {name: getattr(organisation, name) for name in (*TEXT_FIELDS, *LIST_FIELDS, "state")}


def proposal_initial_data(proposal: OrganisationProposal) -> dict[str, Any]:
    """What an editor starts from: the organisation as it is with the proposed changes."""
    base = _organisation_data(proposal.organisation) if proposal.organisation else {}
    return {**base, **proposal.data}


@transaction.atomic
def proposal_approve(
    *, proposal: OrganisationProposal, by: Any, data: Mapping[str, Any] | None = None
) -> Organisation:
    """Approve a pending proposal, with the editor's edits in *data* (else as proposed):
    a new organisation is created, or the organisation is corrected."""
    require_editor(by)
    proposal = OrganisationProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.decision != OrganisationProposal.Decision.PENDING:
        raise ValidationError({"decision": [_("This proposal was already decided.")]})
    organisation = organisation_save(
        by=by,
        data=data if data is not None else proposal_initial_data(proposal),
        organisation=proposal.organisation,
    )
    if proposal.submitted_by is not None:
        # The organisation itself confirmed its details, and an editor checked them.
        organisation.verified_by = (f"{display_name(proposal.submitted_by)} / {display_name(by)}")[
            :150
        ]
        organisation.save(update_fields=["verified_by", "updated_at"])
    proposal.decision = OrganisationProposal.Decision.APPROVED
    proposal.organisation = organisation
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["decision", "organisation", "decided_by", "decided_at"])
    proposal_notify_outcome(proposal)
    return organisation


@transaction.atomic
def proposal_reject(
    *, proposal: OrganisationProposal, by: Any, note: str = ""
) -> OrganisationProposal:
    require_editor(by)
    proposal = OrganisationProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.decision != OrganisationProposal.Decision.PENDING:
        raise ValidationError({"decision": [_("This proposal was already decided.")]})
    proposal.decision = OrganisationProposal.Decision.REJECTED
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.decision_note = note[:500]
    proposal.save(update_fields=["decision", "decided_by", "decided_at", "decision_note"])
    proposal_notify_outcome(proposal)
    return proposal
