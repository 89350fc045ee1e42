"""Playwright driving Debian's Chromium against the live test server."""

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
# Flags for a closed network: no background calls home, no first-run work.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("KASUMI_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright keeps an event loop in this thread, and Django then refuses database calls
    # from it; the test's own calls stay synchronous, which is safe. Subprocess tests drop the
    # variable again (deploy checks refuse it).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def phone(browser, live_server):
    """A page the size of a small phone (360 px wide), pointed at the live server."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="en-GB", base_url=live_server.url
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_without_js(browser, live_server):
    """A small phone's page (360 px) with JavaScript off: the plain HTML every page must work as."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="en-GB",
        base_url=live_server.url,
        java_script_enabled=False,
    )
    page = context.new_page()
    yield page
    context.close()
