"""A letter's whole journey in a real browser: a writer on a phone writes and sends it, a
moderator approves and translates it, gathers it into a batch, prints and delivers it, and the
writer's private status page then says delivered."""

import io
import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import expect

from learning.roles import Role
from letters.models import Letter, Programme, Voice
from tests.factories import PASSWORD, UserFactory
from tests.letters.factories import LetterFactory, RecipientFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
BODY = "Dear Olena, the autumn leaves in Kyoto are red and gold. I hope you find a quiet moment."
WELCOME = "welcome-letters"
OLENA = "d3a00000-0000-4000-8000-000000000004"  # fixtures/letters_demo.json: learns Japanese


def _horizontal_overflow(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.fixture
def demo_letters(db):
    call_command("loaddata", str(ROOT / "fixtures" / "letters_demo.json"), verbosity=0)


@pytest.fixture
def moderator_page(browser, live_server):
    # An earlier transactional test's flush empties auth_group, roles included (migration 0002).
    Group.objects.get_or_create(name=Role.MODERATOR.value)
    user = UserFactory(username="browser-moderator", roles=[Role.MODERATOR])
    context = browser.new_context(
        viewport={"width": 1024, "height": 900}, locale="en-GB", base_url=live_server.url
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text(f"Signed in as {user.username}")).to_be_visible()
    yield page
    context.close()


def test_write_moderate_translate_batch_print_deliver(phone, moderator_page, demo_letters):
    # The writer, on a phone: guidelines first, then the letter, a preview, and send.
    phone.goto("/letters/")
    phone.get_by_role("link", name="Write a letter").click()
    expect(phone.get_by_role("heading", name="Before you write")).to_be_visible()
    assert _horizontal_overflow(phone) <= 0
    expect(phone.locator("#id_website")).not_to_be_in_viewport()
    phone.get_by_label("I have read the guidelines above.").check()
    phone.get_by_label("Programme").select_option(label="Welcome letters")
    phone.get_by_label("Write to (optional)").select_option(OLENA)
    phone.get_by_label("Your letter", exact=True).fill(BODY + " My number is 090-1234-5678.")
    phone.get_by_label("Sign your letter as").fill("Hana")
    phone.get_by_label("Your e-mail for status news (optional)").fill("hana@example.org")
    phone.get_by_role("button", name="Preview").click()
    expect(phone.get_by_role("heading", name="Preview")).to_be_visible()
    expect(phone.get_by_text("a phone number")).to_be_visible()
    assert _horizontal_overflow(phone) <= 0
    # The writer takes the hint and removes the number before sending.
    phone.get_by_label("Your letter", exact=True).fill(BODY)
    phone.get_by_role("button", name="Send my letter").click()
    phone.wait_for_url(re.compile(r"/letters/status/[\w-]{43}/$"))
    status_url = phone.url
    expect(phone.locator("#letter-status")).to_have_attribute("data-status", "submitted")
    expect(phone.get_by_text("Keep the address of this page")).to_be_visible()
    assert _horizontal_overflow(phone) <= 0

    # The moderator: queue -> letter -> approve.
    mod = moderator_page
    mod.goto("/letters/moderation/")
    mod.get_by_role("link", name="From Hana").click()
    expect(mod.locator(".letter-body").first).to_contain_text("autumn leaves")
    mod.get_by_label("Approve").check()
    mod.get_by_role("button", name="Record decision").click()
    expect(mod.get_by_text("Your decision was recorded.")).to_be_visible()
    expect(mod.locator("#letter-status")).to_have_attribute("data-status", "approved")

    # Translate into Japanese: shown with furigana.
    mod.get_by_label("Translate into").select_option("ja")
    mod.get_by_label("Translation", exact=True).fill("オレナさん、京都の紅葉は赤と金色です。")
    mod.get_by_role("button", name="Save translation").click()
    expect(mod.get_by_text("The translation was saved.")).to_be_visible()
    expect(mod.locator(".translation-box rt").first).to_have_text("きょうと")

    # Another writer's letter was approved earlier, to someone who reads English; the batch
    # gathers both (a batch takes only letters with a recipient who can read them).
    welcome = Programme.objects.get(slug=WELCOME)
    LetterFactory(
        programme=welcome,
        recipient=RecipientFactory(programme=welcome, languages=["en"]),
        status="approved",
        writer_name="Ken",
        body="Welcome to Japan! I hope your first winter here is a warm one.",
    )

    # Batch the approved letters of the programme.
    mod.goto("/letters/moderation/batches/")
    mod.get_by_label("Programme").select_option(label="Welcome letters")
    mod.get_by_role("button", name="Create batch").click()
    expect(mod.get_by_text("The batch was created.")).to_be_visible()
    batch_url = mod.url

    # Print view: one sheet per letter, furigana, the sign-off and never the e-mail.
    mod.get_by_role("link", name="Print view").click()
    sheets = mod.locator("article.letter-sheet")
    expect(sheets).to_have_count(2)
    hana = sheets.filter(has_text="autumn leaves")
    expect(hana.locator("rt").first).to_have_text("きょうと")
    expect(hana.locator(".signoff")).to_have_text("— Hana")
    assert "hana@example.org" not in mod.content()
    expect(mod.get_by_role("button", name="Print")).to_be_visible()  # print.js ran under CSP
    mod.emulate_media(media="print")
    expect(mod.locator(".site-header")).to_be_hidden()
    assert sheets.first.evaluate("el => getComputedStyle(el).breakAfter") == "page"
    assert sheets.last.evaluate("el => getComputedStyle(el).breakAfter") == "auto"
    mod.emulate_media(media="screen")

    # Delivered.
    mod.goto(batch_url)
    mod.get_by_role("link", name="Mark the batch delivered…").click()
    expect(mod.get_by_text("This cannot be undone.")).to_be_visible()
    mod.get_by_label("The letters of this batch were handed over.").check()
    mod.get_by_role("button", name="Mark the batch delivered").click()
    expect(mod.get_by_text("2 letters were marked delivered.")).to_be_visible()

    # The writer's status page says delivered.
    phone.goto(status_url)
    expect(phone.locator("#letter-status")).to_have_attribute("data-status", "delivered")
    expect(phone.locator("#letter-status")).to_have_text(re.compile("Delivered"))


def test_a_rejected_letter_shows_the_writer_the_reason_on_a_phone(phone, moderator_page, tmp_path):
    from letters.services import letter_decide
    from tests.letters.factories import letter_with_token

    moderator = UserFactory(username="rejecting-moderator", roles=[Role.MODERATOR])
    letter, token = letter_with_token()
    # The moderator's form offers a reason for the writer next to the internal note.
    moderator_page.set_viewport_size({"width": 360, "height": 740})
    moderator_page.goto(f"/letters/moderation/letters/{letter.public_id}/")
    expect(moderator_page.get_by_label("Reason for the writer (needed to reject)")).to_be_visible()
    assert _horizontal_overflow(moderator_page) <= 0
    moderator_page.get_by_label(
        "Reason for the writer (needed to reject)"
    ).scroll_into_view_if_needed()
    moderator_page.screenshot(path=tmp_path / "letters-moderate-reject-360.png")
    letter_decide(
        letter=letter,
        moderator=moderator,
        action="reject",
        reason="INTERNAL-canary",
        writer_reason="Letters cannot ask the recipient for money. Please write again.",
    )
    phone.goto(f"/letters/status/{token}/")
    expect(phone.get_by_role("heading", name="Why your letter was not accepted")).to_be_visible()
    expect(phone.locator("#rejection-reason")).to_contain_text("cannot ask the recipient")
    expect(phone.get_by_text("INTERNAL-canary")).to_have_count(0)
    assert _horizontal_overflow(phone) <= 0
    phone.screenshot(path=tmp_path / "letters-rejected-360.png", full_page=True)


def test_a_flagged_voice_waits_until_its_flag_is_resolved_on_a_phone(moderator_page, tmp_path):
    letter = LetterFactory(status="delivered", writer_name="Hana")
    page = moderator_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/letters/moderation/voices/new/")
    page.get_by_label("Programme").select_option(str(letter.programme.pk))
    reply_to = page.get_by_label("In reply to letter (optional)")
    assert reply_to.evaluate("el => el.tagName") == "SELECT"
    expect(reply_to.locator(f'option[value="{letter.public_id}"]')).to_have_count(1)
    # Not a reply here (a reply waits for its translation too: see the whole-way journey).
    page.get_by_label("What they want to say").fill("Thank you. Call me on 090-1234-5678.")
    page.get_by_label("Publish on the Voices page").check()
    page.get_by_label("I have removed every name (theirs, family, officers, places).").check()
    assert _horizontal_overflow(page) <= 0
    page.screenshot(path=tmp_path / "voice-form-360.png", full_page=True)
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_role("heading", name="A voice before publishing")).to_be_visible()
    assert _horizontal_overflow(page) <= 0
    page.screenshot(path=tmp_path / "voice-moderate-360.png", full_page=True)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("alert")).to_contain_text("Resolve the 1 screening flag")
    page.get_by_label("Why this is not personal data").fill("The centre's public number.")
    page.get_by_role("button", name="Not personal data").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("#voice-status")).to_have_attribute("data-published", "1")
    page.goto("/letters/voices/")
    expect(page.get_by_text("Thank you. Call me on")).to_be_visible()


def test_the_status_link_can_be_copied_and_a_lost_link_asked_for_on_a_phone(
    browser, live_server, tmp_path
):
    from letters.services import letter_submit

    recipient = RecipientFactory()
    result = letter_submit(
        programme=recipient.programme,
        recipient=recipient,
        writer_name="Hana",
        writer_email="hana@example.org",
        language="en",
        body=BODY,
    )
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="en-GB", base_url=live_server.url
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    phone = context.new_page()
    phone.goto(f"/letters/status/{result.token}/")
    link = phone.locator("#status-link")
    expect(link).to_have_text(f"{live_server.url}/letters/status/{result.token}/")
    expect(phone.get_by_role("heading", name="Save this link")).to_be_visible()
    phone.get_by_role("button", name="Copy the link").click()
    expect(phone.get_by_text("Copied.")).to_be_visible()
    assert phone.evaluate("navigator.clipboard.readText()") == link.text_content()
    assert _horizontal_overflow(phone) <= 0
    phone.screenshot(path=tmp_path / "status-link-360.png", full_page=True)

    phone.goto("/letters/")
    assert _horizontal_overflow(phone) <= 0
    phone.screenshot(path=tmp_path / "letters-index-360.png", full_page=True)
    phone.get_by_role("link", name="Lost the link to your letter's status page?").click()
    phone.get_by_label("The e-mail address you gave with your letter").fill("hana@example.org")
    assert _horizontal_overflow(phone) <= 0
    phone.screenshot(path=tmp_path / "lost-link-360.png", full_page=True)
    phone.get_by_role("button", name="Send me my links").click()
    expect(phone.locator("#link-request-answer")).to_be_visible()
    context.close()

    # Without JavaScript the link is plain text and no dead button is shown.
    plain = browser.new_context(
        viewport={"width": 360, "height": 740}, base_url=live_server.url, java_script_enabled=False
    )
    page = plain.new_page()
    page.goto(f"/letters/status/{result.token}/")
    expect(page.locator("#status-link")).to_contain_text(result.token)
    expect(page.get_by_role("button", name="Copy the link")).to_be_hidden()
    plain.close()


SHOTS = Path(os.environ.get("KASUMI_SHOTS", "")) if os.environ.get("KASUMI_SHOTS") else None
PUBLIC_LINE = "03-5320-1111"
FIRST = (
    "Dear Olena, the autumn leaves in Kyoto are red and gold. The free Japanese class of the "
    f"city hall answers on {PUBLIC_LINE} if you ever need it."
)
REPLY_UK = "Дорога Хано, дякую за лист про Кіото. Дні тут довгі, але ваші слова зі мною."
REPLY_EN = "Dear Hana, thank you for the letter about Kyoto. The days are long, but not today."
ANSWER = "Dear Olena, I am so glad you wrote back. Spring is near, and I will write again soon."


def _shot(page, name, tmp_path):
    page.screenshot(path=(SHOTS or tmp_path) / f"{name}.png", full_page=True)


def _signed_in(browser, live_server, username, role, *, width):
    Group.objects.get_or_create(name=role.value)
    user = UserFactory(username=username, roles=[role])
    context = browser.new_context(
        viewport={"width": width, "height": 800}, locale="en-GB", base_url=live_server.url
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text(f"Signed in as {user.username}")).to_be_visible()
    return context, page


def _page_photo():
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (35.0, 41.0, 22.0)}  # a GPS position, to be removed
    Image.new("RGB", (300, 420), (245, 240, 225)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_a_letter_and_its_reply_go_the_whole_way_on_a_phone(
    browser, live_server, moderator_page, demo_letters, mailoutbox, tmp_path, settings, monkeypatch
):
    """write -> lose the tab -> recover the link by e-mail -> revise -> approve with a flag
    resolved -> batch -> print with furigana -> deliver -> a reply recorded -> the writer
    reads it and answers."""
    scans = FileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(Voice._meta.get_field("scan"), "storage", scans)
    writer = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="en-GB", base_url=live_server.url
    )
    phone = writer.new_page()
    phone.goto("/letters/write/")
    phone.get_by_label("I have read the guidelines above.").check()
    phone.get_by_label("Programme").select_option(label="Welcome letters")
    phone.get_by_label("Write to (optional)").select_option(OLENA)
    phone.get_by_label("Your letter", exact=True).fill(FIRST)
    phone.get_by_label("Sign your letter as").fill("Hana")
    phone.get_by_label("Your e-mail for status news (optional)").fill("hana@example.org")
    phone.get_by_role("button", name="Send my letter").click()
    phone.wait_for_url(re.compile(r"/letters/status/[\w-]{43}/$"))
    status_url = phone.url
    # The tab is lost: the browser is closed and nothing of it is kept.
    writer.close()

    # The moderator asks for a change; the writer will need the link to see it.
    mod = moderator_page
    mod.goto("/letters/moderation/")
    mod.get_by_role("link", name="From Hana").click()
    letter_page = mod.url
    mod.get_by_role("radio", name="Ask for changes").check()
    mod.get_by_label("Reason (the writer sees it when you ask for changes)").fill(
        "Please add a word about the season where you live."
    )
    mod.get_by_role("button", name="Record decision").click()
    expect(mod.locator("#letter-status")).to_have_attribute("data-status", "changes_requested")

    # Recover the link by e-mail, on a fresh phone.
    writer = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="en-GB", base_url=live_server.url
    )
    phone = writer.new_page()
    phone.goto("/letters/lost-link/")
    phone.get_by_label("The e-mail address you gave with your letter").fill("hana@example.org")
    phone.get_by_role("button", name="Send me my links").click()
    expect(phone.locator("#link-request-answer")).to_be_visible()
    (links_mail,) = [m for m in mailoutbox if "status links" in m.subject]
    recovered = re.search(r"https?://\S+/letters/status/[\w-]{43}/", links_mail.body).group(0)
    assert recovered.endswith(status_url.split(live_server.url)[1])
    phone.goto(recovered.replace(settings.SITE_URL, live_server.url))

    # Revise.
    expect(phone.get_by_text("Please add a word about the season")).to_be_visible()
    phone.get_by_label("Your revised letter").fill(FIRST + " Here in Osaka it is still warm.")
    phone.get_by_role("button", name="Send the revised letter").click()
    expect(phone.locator("#letter-status")).to_have_attribute("data-status", "submitted")

    # Approve with the flag resolved: the approval is refused until it is.
    mod.goto(letter_page)
    mod.get_by_label("Approve").check()
    mod.get_by_role("button", name="Record decision").click()
    expect(mod.get_by_role("alert").first).to_contain_text("Resolve the 1 screening flag")
    mod.get_by_label("Why this is not personal data").fill("The city hall's public line.")
    mod.get_by_role("button", name="Not personal data").click()
    mod.get_by_label("Approve").check()
    mod.get_by_role("button", name="Record decision").click()
    expect(mod.locator("#letter-status")).to_have_attribute("data-status", "approved")
    mod.get_by_label("Translate into").select_option("ja")
    mod.get_by_label("Translation", exact=True).fill("オレナさん、京都の紅葉は赤と金色です。")
    mod.get_by_role("button", name="Save translation").click()

    # Batch, print with furigana, deliver.
    mod.goto("/letters/moderation/batches/")
    mod.get_by_label("Programme").select_option(label="Welcome letters")
    mod.get_by_role("button", name="Create batch").click()
    expect(mod.get_by_text("The batch was created.")).to_be_visible()
    batch_url = mod.url
    mod.get_by_role("link", name="Print view").click()
    sheet = mod.locator("article.letter-sheet").filter(has_text="autumn leaves")
    expect(sheet.locator("ruby").first).to_be_visible()
    expect(sheet.locator("rt").first).to_have_text("きょうと")
    mod.goto(batch_url)
    mod.get_by_role("link", name="Mark the batch delivered…").click()
    mod.get_by_label("The letters of this batch were handed over.").check()
    mod.get_by_role("button", name="Mark the batch delivered").click()
    expect(mod.get_by_text("1 letter was marked delivered.")).to_be_visible()

    # A volunteer visits Olena and records her handwritten reply, on a phone.
    volunteer, vol = _signed_in(
        browser, live_server, "visiting-volunteer", Role.VOLUNTEER, width=360
    )
    vol.goto("/letters/")
    vol.get_by_role("link", name="Record a reply").click()
    vol.get_by_label("The letter they answer").select_option(index=1)
    vol.get_by_label("Language of the reply").select_option("uk")
    vol.get_by_label("A photo or scan of the handwritten page (optional)").set_input_files(
        {"name": "IMG_0042.jpg", "mimeType": "image/jpeg", "buffer": _page_photo()}
    )
    vol.get_by_label("Share with the writer only").check()
    vol.get_by_label("I have removed every name (theirs, family, officers, places).").check()
    assert _horizontal_overflow(vol) <= 0
    _shot(vol, "reply-form-360", tmp_path)
    vol.get_by_role("button", name="Record the reply").click()
    expect(vol.get_by_text("The reply was recorded.")).to_be_visible()
    expect(vol.get_by_role("heading", name="Replies you recorded")).to_be_visible()
    vol.get_by_role("link", name="the photo").click()
    assert vol.evaluate("document.images[0].naturalWidth") == 300
    volunteer.close()

    # The moderator finds it in the thread, transcribes, translates and approves it.
    mod.goto(letter_page)
    expect(mod.get_by_role("heading", name="The whole correspondence")).to_be_visible()
    mod.locator(".thread-list").get_by_role("link", name=re.compile("Reply of")).click()
    photo = mod.locator("img.scan-photo")
    expect(photo).to_be_visible()
    # Visible is not yet decoded: wait for the image itself.
    loaded = (
        "el => el.complete ? el.naturalWidth"
        " : new Promise(r => { el.onload = () => r(el.naturalWidth); })"
    )
    assert photo.evaluate(loaded) == 300
    mod.get_by_label("The text, with the personal data taken out").fill(REPLY_UK)
    mod.get_by_role("button", name="Save the text and screen it again").click()
    expect(mod.get_by_text("The text was changed and screened again.")).to_be_visible()
    mod.get_by_role("button", name="Approve the reply").click()
    expect(mod.get_by_role("alert")).to_contain_text("a translation into English")
    mod.get_by_label("Translate into").select_option("en")
    mod.get_by_label("Translation", exact=True).fill(REPLY_EN)
    mod.get_by_role("button", name="Save the translation").click()
    mod.set_viewport_size({"width": 360, "height": 800})
    assert _horizontal_overflow(mod) <= 0
    _shot(mod, "reply-moderate-360", tmp_path)
    mod.set_viewport_size({"width": 1024, "height": 900})
    mod.get_by_role("button", name="Approve the reply").click()
    expect(mod.locator("#voice-status")).to_have_attribute("data-published", "1")
    notice = [m for m in mailoutbox if "reply" in m.subject]
    assert len(notice) == 1
    assert REPLY_EN not in notice[0].body
    assert "/letters/status/" in notice[0].body

    # The writer reads the reply (the translation, never the photo) and answers it.
    phone.goto(recovered.replace(settings.SITE_URL, live_server.url))
    expect(phone.get_by_role("heading", name="A reply for you")).to_be_visible()
    expect(phone.get_by_text(REPLY_EN)).to_be_visible()
    expect(phone.get_by_text(REPLY_UK)).to_have_count(0)
    expect(phone.locator("img")).to_have_count(0)
    assert _horizontal_overflow(phone) <= 0
    _shot(phone, "status-with-reply-360", tmp_path)
    phone.get_by_role("link", name="Answer this reply").click()
    expect(phone.get_by_role("heading", name="Answer the reply")).to_be_visible()
    phone.get_by_label("Your answer").fill(ANSWER)
    assert _horizontal_overflow(phone) <= 0
    _shot(phone, "answer-360", tmp_path)
    phone.get_by_role("button", name="Send my answer").click()
    phone.wait_for_url(re.compile(r"/letters/status/[\w-]{43}/$"))
    assert phone.url != status_url
    expect(phone.locator("#letter-status")).to_have_attribute("data-status", "submitted")
    writer.close()

    # The moderator sees the whole thread on the answer's page.
    answer = Letter.objects.get(body=ANSWER)
    mod.goto(f"/letters/moderation/letters/{answer.public_id}/")
    thread = mod.locator(".thread-list")
    expect(thread.get_by_role("link", name=re.compile("Letter from Hana"))).to_have_count(2)
    expect(thread.get_by_role("link", name=re.compile("Reply of"))).to_have_count(1)
