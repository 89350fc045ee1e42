"""Sign-up and password reset are limited per client address and per e-mail address (issue 19,
point 7), with the same client-address rule as the lock-out."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from learning.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    def set_rates(**scopes):
        merged = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **scopes}
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": merged}

    return set_rates


def _signup(name, email="", address="203.0.113.30", **extra):
    return Client().post(
        reverse("signup"),
        {"username": name, "email": email, "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR=address,
        **extra,
    )


def test_signups_are_limited_per_address(rates):
    rates(signup="3/hour")
    codes = [_signup(f"learner{i}").status_code for i in range(5)]
    assert codes == [302, 302, 302, 429, 429]
    assert User.objects.count() == 3
    # Another network still signs up.
    assert _signup("elsewhere", address="198.51.100.30").status_code == 302


def test_a_refused_signup_keeps_the_form_and_says_why(rates):
    rates(signup="1/hour")
    _signup("first")
    response = _signup("second")
    assert response.status_code == 429
    assert "Many accounts were made from your connection" in response.content.decode()
    assert response.context["form"]["username"].value() == "second"


def test_mistyped_signups_cost_nothing(rates):
    rates(signup="2/hour")
    for _attempt in range(4):
        bad = Client().post(
            reverse("signup"),
            {"username": "x", "password1": "short", "password2": "short"},
            REMOTE_ADDR="203.0.113.30",
        )
        assert bad.status_code == 200
    assert [_signup(f"ok{i}").status_code for i in range(3)] == [302, 302, 429]


def test_signups_are_limited_per_email_address_from_any_network(rates):
    rates(**{"signup-email": "2/day"})
    codes = [
        _signup(f"same{i}", email="Same@Example.org", address=f"198.51.100.{i}").status_code
        for i in range(3)
    ]
    assert codes == [302, 302, 429]


def test_a_made_up_forwarded_header_does_not_escape_the_signup_limit(rates, settings):
    settings.PROXY_COUNT = 0
    rates(signup="1/hour")
    _signup("first", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert _signup("second", HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 429


def _reset(email, address="203.0.113.40"):
    return Client().post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_reset_mails_are_limited_per_email_address(rates):
    rates(**{"password-reset-email": "3/hour"})
    UserFactory(email="reset@example.org")
    responses = [_reset("reset@example.org", address=f"198.51.100.{i}") for i in range(20)]
    # The same answer every time, whether or not a mail went out.
    assert {r.status_code for r in responses} == {302}
    assert len(mail.outbox) == 3


def test_reset_requests_are_limited_per_address(rates):
    rates(**{"password-reset": "2/hour"})
    for i in range(2):
        UserFactory(email=f"user{i}@example.org")
    codes = [_reset(f"user{i % 2}@example.org").status_code for i in range(4)]
    assert codes == [302, 302, 429, 429]
    assert len(mail.outbox) == 2
    refused = _reset("user0@example.org")
    assert "Too many requests came from your connection" in refused.content.decode()
