"""The home page in a real browser: renders, switches language, fits a 360 px phone."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def _horizontal_overflow(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_home_renders_with_navigation_and_styles(phone):
    phone.goto("/")
    assert phone.locator("h1").inner_text() == "Kasumi Refugee Support Youth"
    nav = phone.get_by_role("navigation", name="Main")
    for name in ("Learn", "News", "Partners", "Letters"):
        assert nav.get_by_role("link", name=name).is_visible()
    # The stylesheet arrived (served by the app, no CDN): the skip link is off-screen.
    assert phone.locator(".skip-link").bounding_box()["y"] < 0


def test_language_switcher_changes_the_page_to_japanese(phone):
    phone.goto("/news/")
    phone.select_option("#language-select", "ja")
    phone.get_by_role("button", name="Change").click()
    phone.wait_for_url("**/news/")
    assert phone.locator("html").get_attribute("lang") == "ja"
    assert phone.get_by_role("link", name="ニュース").is_visible()
    phone.goto("/")
    assert phone.locator("html").get_attribute("lang") == "ja"


@pytest.mark.parametrize("path", ["/", "/accounts/signup/", "/accounts/login/", "/courses/"])
def test_pages_have_no_horizontal_scroll_at_360_px(phone, path):
    phone.goto(path)
    assert _horizontal_overflow(phone) <= 0


def test_skip_link_appears_on_keyboard_focus_and_moves_to_main(phone):
    phone.goto("/")
    phone.keyboard.press("Tab")
    skip = phone.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0
    phone.keyboard.press("Enter")
    assert phone.evaluate("() => location.hash") == "#main"


def test_sign_up_and_log_out_in_the_browser(phone):
    phone.goto("/accounts/signup/")
    phone.fill("#id_username", "browser-learner")
    phone.fill("#id_password1", "a long enough passphrase 9")
    phone.fill("#id_password2", "a long enough passphrase 9")
    phone.get_by_role("button", name="Sign up").click()
    assert phone.get_by_text("Signed in as browser-learner").is_visible()
    phone.get_by_role("button", name="Log out").click()
    assert phone.get_by_role("link", name="Log in").first.is_visible()
