"""One submission is one letter with one link, and rate limits count accepted letters only
(issue 16, points 7 and 8)."""

import re

import pytest

from letters.models import Letter
from tests.factories import UserFactory
from tests.letters.factories import RecipientFactory
from tests.letters.test_views import WRITE, _form

pytestmark = pytest.mark.django_db


@pytest.fixture
def recipient():
    return RecipientFactory()


def _key_on_page(response):
    return re.search(r'name="idempotency_key" value="([^"]+)"', response.content.decode()).group(1)


def _limit(settings, scope, rate):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], scope: rate}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


def test_an_exact_resend_returns_the_first_letter_and_its_link_keeps_working(client, recipient):
    data = _form(recipient)
    first = client.post(WRITE, data)
    second = client.post(WRITE, data)
    assert Letter.objects.count() == 1
    assert first.url == second.url
    assert client.get(first.url).status_code == 200


def test_back_then_send_again_makes_no_second_letter(client, recipient):
    key = _key_on_page(client.get(WRITE))
    first = client.post(WRITE, _form(recipient, idempotency_key=key))
    # Back: the browser loads the form again, then the writer presses Send once more.
    again = _key_on_page(client.get(WRITE))
    assert again == key
    second = client.post(WRITE, _form(recipient, idempotency_key=again))
    assert Letter.objects.count() == 1
    assert second.url == first.url
    assert client.get(first.url).status_code == 200


def test_a_changed_resend_gets_a_visible_message_and_keeps_the_text(client, recipient):
    key = _key_on_page(client.get(WRITE))
    first = client.post(WRITE, _form(recipient, idempotency_key=key))
    changed = "Dear friend, a different letter, written after pressing Back."
    response = client.post(WRITE, _form(recipient, idempotency_key=key, body=changed))
    html = response.content.decode()
    assert response.status_code == 400
    assert "A letter was already sent from this form" in html
    assert first.url in html
    assert changed in html
    new_key = _key_on_page(response)
    assert new_key != key
    sent = client.post(WRITE, _form(recipient, idempotency_key=new_key, body=changed))
    assert sent.status_code == 302
    assert Letter.objects.count() == 2


def test_write_another_letter_gets_a_fresh_key(client, recipient):
    key = _key_on_page(client.get(WRITE))
    assert _key_on_page(client.get(WRITE + "?new=1")) != key


def test_failed_posts_do_not_count_against_the_limit(client, recipient, settings):
    _limit(settings, "letter-submit", "2/hour")
    for _ in range(5):
        assert client.post(WRITE, _form(recipient, body="short")).status_code == 400
    codes = [
        client.post(WRITE, _form(recipient, body=f"{n} " + "x" * 30)).status_code for n in "ab"
    ]
    assert codes == [302, 302]


def test_a_limited_writer_gets_the_form_back_with_the_text(client, recipient, settings):
    _limit(settings, "letter-submit", "1/hour")
    assert client.post(WRITE, _form(recipient)).status_code == 302
    text = "Dear friend, my second letter of the evening, please keep it."
    response = client.post(WRITE, _form(recipient, body=text))
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent many letters in the last hour" in html
    assert text in html
    assert Letter.objects.count() == 1


def test_signed_in_writers_are_limited_per_account_not_per_address(client, recipient, settings):
    _limit(settings, "letter-submit", "1/hour")
    _limit(settings, "letter-submit-user", "2/hour")
    client.force_login(UserFactory())
    codes = [
        client.post(WRITE, _form(recipient, body=f"{n} " + "y" * 30)).status_code for n in "abc"
    ]
    assert codes == [302, 302, 429]
