"""Account services: sign-up refuses look-alike usernames and normalises the rest (NFKC)."""

import pytest
from django.core.exceptions import ValidationError

from learning.services import user_signup
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "username",
    [
        "d\u0435mo-tutor",  # Cyrillic е
        "\u0440aypal",  # Cyrillic р
        "sokolov_\u0441\u043e\u043a\u043e\u043b\u043e\u0432",  # Latin and Cyrillic look-alikes
        "Ali_\u03a3",  # Greek beside Latin
    ],
)
def test_a_mixed_script_look_alike_username_is_refused(username):
    UserFactory(username="demo-tutor")
    with pytest.raises(ValidationError) as caught:
        user_signup(username=username, password=PASSWORD)
    assert "look alike" in " ".join(caught.value.message_dict["username"])


@pytest.mark.parametrize(
    "username", ["демо", "山田", "yamada山田", "ahmad_علي", "niña", "taro_タロウ"]
)
def test_names_in_one_script_or_unconfusable_scripts_are_accepted(username):
    assert user_signup(username=username, password=PASSWORD).username == username


def test_a_full_width_username_is_normalised_and_then_taken():
    UserFactory(username="Demo")
    with pytest.raises(ValidationError, match="taken"):
        user_signup(username="\uff24emo", password=PASSWORD)  # Ｄemo


def test_the_signup_page_refuses_the_cyrillic_twin_of_an_account(client):
    UserFactory(username="demo-tutor")
    response = client.post(
        "/accounts/signup/",
        {"username": "d\u0435mo-tutor", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code in {200, 400}
    assert "look alike" in response.content.decode()
    from learning.models import User

    assert not User.objects.filter(username="d\u0435mo-tutor").exists()
