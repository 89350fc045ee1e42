"""Rejections carry a reason written for the writer, kept apart from the moderators' internal
note, to the status page and the e-mail, in the language the writer used for the form (issue 16,
points 9 and 10)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from learning.roles import Role
from letters.models import Decision, Letter
from letters.services import letter_decide, letter_submit
from tests.factories import UserFactory
from tests.letters.factories import LetterFactory, RecipientFactory, letter_with_token
from tests.letters.test_views import _form

pytestmark = pytest.mark.django_db
BODY = "Dear friend, the cherry trees are blooming and I thought of you today."


@pytest.fixture
def moderator():
    return UserFactory(roles=[Role.MODERATOR], username="mod-one")


def _reject_with_a_canary_note(letter, moderator):
    letter_decide(
        letter=letter,
        moderator=moderator,
        action="reject",
        reason="INTERNAL-canary",
        writer_reason="Letters cannot ask for money.",
    )


def test_a_rejection_needs_a_reason_for_the_writer_not_only_an_internal_note(moderator):
    letter = LetterFactory()
    with pytest.raises(ValidationError) as exc:
        letter_decide(letter=letter, moderator=moderator, action="reject", reason="Spam again.")
    assert "writer_reason" in exc.value.message_dict
    letter.refresh_from_db()
    assert letter.status == "submitted"


def test_a_rejection_keeps_the_internal_note_apart_from_the_writers_reason(moderator):
    letter = LetterFactory()
    letter_decide(
        letter=letter,
        moderator=moderator,
        action="reject",
        reason="Third copy from the same address.",
        writer_reason="Your letter repeats one we already have.",
    )
    decision = Decision.objects.get(letter=letter, action="reject")
    assert decision.reason == "Third copy from the same address."
    assert decision.writer_reason == "Your letter repeats one we already have."


def test_the_status_page_shows_the_writers_reason_and_never_the_internal_note(client, moderator):
    letter, token = letter_with_token()
    _reject_with_a_canary_note(letter, moderator)
    page = client.get(reverse("letters:letter-status", kwargs={"token": token}))
    text = page.content.decode()
    assert 'id="rejection-reason"' in text
    assert "Letters cannot ask for money." in text
    assert "INTERNAL-canary" not in text


def test_the_status_api_gives_the_writers_reason_and_never_the_internal_note(client, moderator):
    letter, token = letter_with_token()
    _reject_with_a_canary_note(letter, moderator)
    data = client.get(f"/api/v1/letters/status/{token}/").json()
    assert data["status"] == "rejected"
    assert data["rejection_reason"] == "Letters cannot ask for money."
    assert "INTERNAL-canary" not in str(data)


def test_the_rejection_email_carries_the_writers_reason_and_not_the_note(
    moderator, mailoutbox, django_capture_on_commit_callbacks
):
    letter = LetterFactory(writer_email="hana@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        _reject_with_a_canary_note(letter, moderator)
    [mail] = mailoutbox
    assert mail.subject == "Kasumi: Your letter could not be accepted"
    assert "Letters cannot ask for money." in mail.body
    assert "INTERNAL-canary" not in mail.body


def test_the_moderation_form_rejects_with_a_reason_for_the_writer(client, moderator):
    client.force_login(moderator)
    letter = LetterFactory()
    url = reverse("letters:letter-moderate", kwargs={"public_id": letter.public_id})
    refused = client.post(url, {"action": "reject", "reason": "note only"})
    assert refused.status_code == 400
    assert Letter.objects.get(pk=letter.pk).status == "submitted"
    done = client.post(
        url, {"action": "reject", "reason": "note", "writer_reason": "Please write again."}
    )
    assert done.status_code == 302
    assert Decision.objects.get(letter=letter, action="reject").writer_reason == (
        "Please write again."
    )


def test_the_api_rejects_with_a_reason_for_the_writer(client, moderator):
    client.force_login(moderator)
    letter = LetterFactory()
    url = f"/api/v1/moderation/letters/{letter.public_id}/decisions/"
    assert (
        client.post(
            url, {"action": "reject", "reason": "note"}, content_type="application/json"
        ).status_code
        == 400
    )
    done = client.post(
        url,
        {"action": "reject", "writer_reason": "Please write again."},
        content_type="application/json",
    )
    assert done.status_code == 200
    assert done.json()["decisions"][-1]["writer_reason"] == "Please write again."


# --- Point 10: e-mails in the writer's interface language ---------------------------------


def test_the_interface_language_is_stored_at_submission_and_unknown_ones_fall_back():
    recipient = RecipientFactory()
    fields = {
        "programme": recipient.programme,
        "recipient": recipient,
        "writer_name": "Hana",
        "writer_email": "",
        "language": "en",
        "body": BODY,
    }
    assert letter_submit(**fields, interface_language="ja").letter.interface_language == "ja"
    assert letter_submit(**fields, interface_language="xx").letter.interface_language == "en"


def test_the_form_in_japanese_stores_japanese_for_the_emails(client):
    recipient = RecipientFactory()
    client.cookies["django_language"] = "ja"
    with translation.override("en"):  # the middleware's activation must not outlive the test
        page = client.get(reverse("letters:letter-create"))
        key = page.context["form"]["idempotency_key"].value()
        client.post(reverse("letters:letter-create"), _form(recipient, idempotency_key=key))
    assert Letter.objects.get().interface_language == "ja"
