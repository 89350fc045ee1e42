"""Partners keep their own entries: an editor invites (Organisation role tied to one entry),
the partner's changes wait for an editor, "last verified" names who confirmed; a reporter who
left an e-mail hears the outcome."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from hub.models import Organisation, OrganisationProposal
from hub.services import (
    organisation_claim,
    organisation_invite,
    organisation_propose_change,
    proposal_approve,
    proposal_reject,
    proposal_submit,
)
from learning.roles import Role, user_has_role
from tests.factories import UserFactory
from tests.hub.factories import OrganisationFactory, editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def ours():
    return OrganisationFactory(slug="ours", name_en="Our Group", phone="03-0000-0000")


@pytest.fixture
def partner(ours, django_capture_on_commit_callbacks):
    user = UserFactory(username="partner", first_name="Pat", last_name="Partner")
    with django_capture_on_commit_callbacks(execute=True):
        _member, token = organisation_invite(
            organisation=ours, email="pat@example.org", by=editor(username="eda")
        )
    organisation_claim(token=token, user=user)
    return user


def test_invitation_is_emailed_and_accepting_gives_the_organisation_role(ours, partner):
    assert len(mail.outbox) == 1
    assert "/partners/claim/" in mail.outbox[0].body
    assert mail.outbox[0].to == ["pat@example.org"]
    assert user_has_role(partner, Role.ORGANISATION)
    assert ours.members.get().user == partner


def test_only_editors_invite(ours):
    with pytest.raises(PermissionDenied):
        organisation_invite(organisation=ours, email="x@example.org", by=UserFactory())


def test_an_invitation_link_works_for_one_person_only(ours):
    _member, token = organisation_invite(organisation=ours, email="a@example.org", by=editor())
    first, second = UserFactory(), UserFactory()
    organisation_claim(token=token, user=first)
    with pytest.raises(ValidationError, match="already accepted"):
        organisation_claim(token=token, user=second)
    with pytest.raises(ValidationError, match="not valid"):
        organisation_claim(token="guessed", user=second)
    assert not user_has_role(second, Role.ORGANISATION)


def test_partner_edits_wait_for_an_editor(ours, partner):
    proposal = organisation_propose_change(
        organisation=ours, by=partner, data={"phone": "03-1111-1111"}, message=""
    )
    ours.refresh_from_db()
    assert ours.phone == "03-0000-0000"  # nothing public changed
    assert proposal.decision == OrganisationProposal.Decision.PENDING
    assert proposal.submitted_by == partner
    proposal_approve(proposal=proposal, by=editor(first_name="Eve", last_name="Editor"))
    ours.refresh_from_db()
    assert ours.phone == "03-1111-1111"
    assert ours.verified_by == "Pat Partner / Eve Editor"


def test_partner_may_change_only_their_own_entry(ours, partner):
    other = OrganisationFactory(slug="other")
    with pytest.raises(PermissionDenied):
        organisation_propose_change(organisation=other, by=partner, data={"phone": "1"})


def test_the_role_alone_without_the_tie_is_not_enough(ours):
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=Role.ORGANISATION.value)[0])
    with pytest.raises(PermissionDenied):
        organisation_propose_change(organisation=ours, by=user, data={"phone": "1"})


def test_partner_pages_are_for_the_partner_of_that_entry_only(client, ours, partner):
    other = OrganisationFactory(slug="other")
    client.force_login(partner)
    page = client.get("/partners/ours/")
    assert 'href="/partners/ours/edit/"' in page.content.decode()
    assert client.get("/partners/other/edit/").status_code == 403
    response = client.post(
        "/partners/ours/edit/",
        {
            "name_en": "Our Group",
            "state": "active",
            "phone": "03-2222-2222",
            "help_kinds": ["legal"],
            "prefectures": ["tokyo"],
        },
    )
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.phone == "03-0000-0000"
    assert OrganisationProposal.objects.get().data["phone"] == "03-2222-2222"
    assert other.proposals.count() == 0
    client.force_login(UserFactory())
    assert client.get("/partners/ours/edit/").status_code == 403


def test_editor_invites_from_the_page_and_the_link_claims(
    client, ours, django_capture_on_commit_callbacks
):
    client.force_login(editor())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/partners/ours/invite/", {"email": "new@example.org"}, follow=True)
    assert "/partners/claim/" in response.content.decode()
    link = next(w for w in mail.outbox[-1].body.split() if "/partners/claim/" in w)
    path = link.split("localhost:8000", 1)[1]
    newcomer = UserFactory()
    client.force_login(newcomer)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    assert ours.members.filter(user=newcomer).exists()


@pytest.mark.parametrize(
    ("decide", "words"), [("approve", "was accepted"), ("reject", "did not change")]
)
def test_a_reporter_who_left_an_email_is_told_the_outcome(
    ours, decide, words, django_capture_on_commit_callbacks
):
    report = proposal_submit(
        kind=OrganisationProposal.Kind.CORRECTION,
        organisation=ours,
        data={},
        message="The phone number changed.",
        contact_email="reporter@example.org",
        language="ja" if decide == "reject" else "en",
    )
    with django_capture_on_commit_callbacks(execute=True):
        if decide == "approve":
            proposal_approve(proposal=report, by=editor())
        else:
            proposal_reject(proposal=report, by=editor(), note="internal")
    assert [m.to for m in mail.outbox] == [["reporter@example.org"]]
    body = mail.outbox[0].body
    if decide == "approve":
        assert words in mail.outbox[0].subject
    else:
        assert "internal" not in body  # the editors' note stays with the editors
        assert "Our Group" in body


def test_a_reporter_without_an_email_is_not_written_to(ours, django_capture_on_commit_callbacks):
    report = proposal_submit(
        kind=OrganisationProposal.Kind.CORRECTION, organisation=ours, data={}, message="Closed."
    )
    with django_capture_on_commit_callbacks(execute=True):
        proposal_approve(proposal=report, by=editor())
    assert mail.outbox == []
    assert Organisation.objects.get(pk=ours.pk).verified_by != ""
