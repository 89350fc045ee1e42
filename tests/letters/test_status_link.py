"""No writer loses their letter: the private status link is on the status page with a copy
button, e-mailed at submission and in every later e-mail, and a lost link can be sent again to
the e-mail on file without revealing whether an address exists (issue 16, point 6)."""

import re

import pytest
from django.urls import reverse

from learning.roles import Role
from letters.services import letter_decide, letter_submit, status_url
from tests.factories import UserFactory
from tests.letters.factories import RecipientFactory

pytestmark = pytest.mark.django_db
BODY = "Dear friend, the cherry trees are blooming and I thought of you today."
LOST = reverse("letters:letter-link")


def _submit(email="hana@example.org", recipient=None, **overrides):
    recipient = recipient or RecipientFactory()
    fields = {
        "programme": recipient.programme,
        "recipient": recipient,
        "writer_name": "Hana",
        "writer_email": email,
        "language": "en",
        "body": BODY,
    }
    return letter_submit(**{**fields, **overrides})


def test_the_status_page_shows_the_link_as_plain_text_with_a_copy_button(client):
    result = _submit(email="")
    page = client.get(reverse("letters:letter-status", kwargs={"token": result.token}))
    html = page.content.decode()
    link = re.search(r'<code id="status-link"[^>]*>([^<]+)</code>', html).group(1)
    assert link == f"http://testserver/letters/status/{result.token}/"
    assert "Save this link" in html
    # The button waits for JavaScript (copy.js shows it); without it the link is selectable text.
    assert re.search(
        r'<button type="button" class="js-copy" data-copy-target="status-link" hidden>', html
    )
    assert "letters/js/copy.js" in html


def test_the_link_is_emailed_at_submission_when_the_writer_gave_an_email(
    mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://kasumi.example.org"
    recipient = RecipientFactory()
    with django_capture_on_commit_callbacks(execute=True):
        result = _submit(recipient=recipient, idempotency_key="key-123456")
        _submit(email="")
        again = _submit(recipient=recipient, idempotency_key="key-123456")  # no second e-mail
    assert again.token == result.token
    [mail] = mailoutbox
    assert mail.to == ["hana@example.org"]
    assert mail.subject == "Kasumi: Your letter was received"
    assert f"https://kasumi.example.org/letters/status/{result.token}/" in mail.body
    assert BODY not in mail.body


def test_every_later_email_carries_the_link(mailoutbox, django_capture_on_commit_callbacks):
    moderator = UserFactory(roles=[Role.MODERATOR])
    result = _submit()
    with django_capture_on_commit_callbacks(execute=True):
        letter_decide(letter=result.letter, moderator=moderator, action="approve")
    [mail] = mailoutbox
    assert mail.subject == "Kasumi: Your letter was approved"
    assert status_url(result.letter) in mail.body
    assert result.token in mail.body


def _without_csrf(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_lost_link_is_sent_again_and_the_answer_never_says_if_the_address_exists(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    result = _submit(email="Hana@Example.org")
    mailoutbox.clear()
    assert client.get(LOST).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(LOST, {"email": "hana@example.org"})
    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post(LOST, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert _without_csrf(known.content.decode()) == _without_csrf(unknown.content.decode())
    assert 'id="link-request-answer"' in known.content.decode()
    [mail] = mailoutbox
    assert mail.to == ["Hana@Example.org"]
    assert status_url(result.letter) in mail.body
    assert BODY not in mail.body


def test_a_bad_address_is_a_form_error_and_keeps_what_was_typed(client):
    response = client.post(LOST, {"email": "not an address"})
    assert response.status_code == 400
    assert 'value="not an address"' in response.content.decode()


def test_lost_link_requests_are_rate_limited_per_connection(client, settings, mailoutbox):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "letter-link": "2/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    codes = [client.post(LOST, {"email": f"someone{i}@example.org"}).status_code for i in range(3)]
    assert codes == [200, 200, 429]
    limited = client.post(LOST, {"email": "kept@example.org"})
    assert 'value="kept@example.org"' in limited.content.decode()


def test_one_mailbox_gets_few_link_emails_whatever_the_connection(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    from django.test import Client

    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "letter-link": "2/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    _submit()
    mailoutbox.clear()
    answers = []
    for i in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            response = Client(REMOTE_ADDR=f"10.0.0.{i}").post(LOST, {"email": "hana@example.org"})
        answers.append(response.status_code)
    assert answers == [200, 200, 200, 200]
    assert len(mailoutbox) == 2
