"""Sign-up, log-in, roles and preferences: pages, API and services."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning.models import User
from learning.roles import Role, user_has_role
from learning.services import user_signup, user_update_preferences
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_roles_exist_as_groups_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Tutor", "Moderator", "Editor"}


def test_role_membership_and_superuser_hold_roles():
    tutor = UserFactory(roles=[Role.TUTOR])
    learner = UserFactory()
    admin = UserFactory(is_superuser=True)
    assert user_has_role(tutor, Role.TUTOR)
    assert not user_has_role(tutor, Role.MODERATOR)
    assert not user_has_role(learner, Role.TUTOR)
    assert user_has_role(admin, Role.EDITOR)


def test_inactive_member_holds_no_role():
    assert not user_has_role(UserFactory(roles=[Role.TUTOR], is_active=False), Role.TUTOR)


def test_signup_page_creates_an_account_and_logs_in(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "amina",
            "email": "",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="amina")
    assert user.check_password(PASSWORD)
    assert user.furigana == User.Furigana.ALWAYS
    assert client.get(reverse("home")).context["user"] == user


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"username": "bo", "password1": "short", "password2": "short"}, "password1"),
        ({"username": "bo", "password1": "12345678901", "password2": "12345678901"}, "password1"),
        ({"username": "bo", "password1": PASSWORD, "password2": PASSWORD + "x"}, "password2"),
        ({"username": "bad name!", "password1": PASSWORD, "password2": PASSWORD}, "username"),
    ],
)
def test_signup_rejects_bad_input_with_a_form_error(client, data, field):
    response = client.post(reverse("signup"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not User.objects.filter(username=data["username"]).exists()


def test_signup_refuses_a_taken_username_case_insensitively():
    UserFactory(username="Amina")
    with pytest.raises(ValidationError) as exc:
        user_signup(username="amina", password=PASSWORD)
    assert "username" in exc.value.message_dict


def test_login_and_logout(client):
    user = UserFactory()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_password_reset_mail_goes_out_with_a_working_link(client):
    user = UserFactory(email="reset@example.org")
    client.post(reverse("password_reset"), {"email": "reset@example.org"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    new = "a new and long passphrase 42"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_change_requires_the_old_password(client):
    user = UserFactory()
    client.force_login(user)
    new = "another long passphrase 7"
    bad = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": new, "new_password2": new},
    )
    assert bad.status_code == 200
    good = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert good.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_preferences_page_saves_ordered_meaning_languages(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("preferences"),
        {
            "interface_language": "ja",
            "meaning_1": "my",
            "meaning_2": "ar",
            "meaning_3": "",
            "furigana": "hide",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.meaning_languages == ["my", "ar"]
    assert user.meaning_language_order() == ["my", "ar", "en"]
    assert user.furigana == "hide"
    assert user.interface_language == "ja"


def test_preferences_refuse_a_language_chosen_twice(client):
    user = UserFactory(meaning_languages=["fa"])
    client.force_login(user)
    response = client.post(
        reverse("preferences"), {"meaning_1": "my", "meaning_2": "my", "furigana": "always"}
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.meaning_languages == ["fa"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"meaning_languages": ["xx"]}, "meaning_languages"),
        ({"meaning_languages": ["en", "en"]}, "meaning_languages"),
        ({"furigana": "sometimes"}, "furigana"),
        ({"interface_language": "klingon"}, "interface_language"),
    ],
)
def test_preference_service_rejects_unknown_values(change, field):
    user = UserFactory()
    with pytest.raises(ValidationError) as exc:
        user_update_preferences(user=user, **change)
    assert field in exc.value.message_dict


def test_preferences_api_reads_and_updates_through_the_service(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("api:learning:me-detail")
    assert client.get(url).json()["furigana"] == "always"
    response = client.patch(
        url,
        {"meaning_languages": ["ne", "en"], "furigana": "hide"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["meaning_languages"] == ["ne", "en"]
    user.refresh_from_db()
    assert user.furigana == "hide"


def test_preferences_api_answers_400_saying_what_is_wrong(client):
    client.force_login(UserFactory())
    response = client.patch(
        reverse("api:learning:me-detail"),
        {"meaning_languages": ["zz"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "meaning_languages" in response.json()


def test_preferences_api_needs_a_signed_in_user(client):
    assert client.get(reverse("api:learning:me-detail")).status_code in {401, 403}


def test_token_api_gives_a_token_that_authenticates(client):
    user = UserFactory()
    response = client.post(
        reverse("api:learning:token-obtain"),
        {"username": user.username, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get(reverse("api:learning:me-detail"), HTTP_AUTHORIZATION=f"Token {token}")
    assert me.json()["username"] == user.username


def _signup(client, username, **extra):
    data = {"username": username, "email": "", "password1": PASSWORD, "password2": PASSWORD}
    return client.post(reverse("signup"), data | extra)


def test_signup_keeps_the_display_switches_chosen_before_it(client):
    client.post(
        reverse("lessons:display-set"),
        {"furigana": "0", "romaji": "1", "translations": "0", "meaning_language": "ar"},
    )
    _signup(client, "amina")
    user = User.objects.get(username="amina")
    assert user.furigana == User.Furigana.HIDE
    assert user.show_romaji is True
    assert user.show_translations is False
    assert user.meaning_languages[0] == "ar"


def test_signup_returns_to_the_page_the_learner_came_from(client):
    page = "/courses/survival-japanese/city-hall/"
    form = client.get(reverse("signup"), {"next": page}).content.decode()
    assert f'name="next" value="{page}"' in form
    response = _signup(client, "amina", next=page)
    assert response.status_code == 302
    assert response["Location"] == page


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/courses/", "javascript:alert(1)"]
)
def test_signup_never_sends_the_learner_to_another_site(client, target):
    response = _signup(client, "amina", next=target)
    assert response["Location"] == reverse("home")


def test_the_header_links_to_sign_up_with_the_page_to_return_to(client):
    html = client.get("/courses/?topic=work").content.decode()
    assert 'href="/accounts/signup/?next=/courses/%3Ftopic%3Dwork"' in html
