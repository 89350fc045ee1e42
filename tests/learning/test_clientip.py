"""One client address for the lock-out, the API throttles and the page limits (issue 19, points
1 and 2): `X-Forwarded-For` counts only behind configured proxies, and only as far as their
number."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from learning.clientip import client_address
from learning.ratelimit import rate_limit_hit
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def _request(remote="203.0.113.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxy_config_a_made_up_header_changes_nothing(settings):
    settings.PROXY_COUNT = 0
    assert client_address(_request(forwarded="198.51.100.77")) == "203.0.113.1"
    assert client_address(_request(forwarded="1.2.3.4, 5.6.7.8")) == "203.0.113.1"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("198.51.100.9", "198.51.100.9"),
        # Whatever the client wrote before our proxy's entry is ignored.
        ("1.2.3.4, 198.51.100.9", "198.51.100.9"),
        ('", 198.51.100.9', "198.51.100.9"),
        ("for=unknown, junk, 198.51.100.9", "198.51.100.9"),
        ("2001:db8::1", "2001:db8::1"),
        # A request that did not pass the proxy (no header) is its own socket address.
        ("", PROXY),
    ],
)
def test_behind_one_proxy_the_last_entry_is_the_client(settings, forwarded, expected):
    settings.PROXY_COUNT = 1
    assert client_address(_request(PROXY, forwarded)) == expected


def test_behind_two_proxies_the_second_last_entry_is_the_client(settings):
    settings.PROXY_COUNT = 2
    assert client_address(_request(PROXY, "6.6.6.6, 198.51.100.9, 10.0.0.1")) == "198.51.100.9"
    # Fewer entries than proxies: not through our proxies, so the socket address.
    assert client_address(_request(PROXY, "198.51.100.9")) == PROXY


def _login(client, username, password, client_ip):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_ip,
    )


def test_behind_a_proxy_one_clients_wrong_passwords_do_not_lock_out_another(settings):
    settings.PROXY_COUNT = 1
    user = UserFactory(username="demo-learner")
    attacker = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(attacker, "demo-learner", "wrong password", "198.51.100.66")
    assert _login(attacker, "demo-learner", PASSWORD, "198.51.100.66").status_code == 429
    victim = Client()
    response = _login(victim, "demo-learner", PASSWORD, "203.0.113.20")
    assert response.status_code == 302
    assert victim.session["_auth_user_id"] == str(user.pk)


def test_without_proxy_config_a_made_up_header_does_not_escape_the_lock_out(settings):
    settings.PROXY_COUNT = 0
    UserFactory(username="demo-learner")
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "demo-learner", "password": "wrong password"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}",
        )
    response = client.post(
        reverse("login"),
        {"username": "demo-learner", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="198.51.100.200",
    )
    assert response.status_code == 429


def _throttled(settings, rate, headers):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": rate}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    client = Client()
    return [
        client.get(
            "/api/v1/letters/programmes/", REMOTE_ADDR="203.0.113.5", **headers(i)
        ).status_code
        for i in range(5)
    ]


def test_api_throttle_ignores_a_made_up_header_without_proxy_config(settings):
    settings.PROXY_COUNT = 0
    codes = _throttled(settings, "3/min", headers=lambda i: {"HTTP_X_FORWARDED_FOR": f"1.1.1.{i}"})
    assert codes == [200, 200, 200, 429, 429]


def test_api_throttle_counts_per_client_behind_a_proxy(settings):
    settings.PROXY_COUNT = 1
    # Five clients behind one proxy each get their own budget.
    codes = _throttled(
        settings, "1/min", headers=lambda i: {"HTTP_X_FORWARDED_FOR": f"198.51.100.{i}"}
    )
    assert codes == [200] * 5


def test_page_limits_count_per_client_behind_a_proxy_and_ignore_made_up_headers(settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "proposal": "1/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    settings.PROXY_COUNT = 1
    assert rate_limit_hit(_request(PROXY, "198.51.100.1"), "proposal") is False
    assert rate_limit_hit(_request(PROXY, "198.51.100.2"), "proposal") is False
    assert rate_limit_hit(_request(PROXY, "9.9.9.9, 198.51.100.1"), "proposal") is True
    settings.PROXY_COUNT = 0
    assert rate_limit_hit(_request(forwarded="198.51.100.3"), "proposal") is False
    assert rate_limit_hit(_request(forwarded="198.51.100.4"), "proposal") is True
