"""What a person sees, in Debian's Chromium driven by Playwright (never `playwright install`)."""

import os
from pathlib import Path

import pytest

from tests.conftest import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests' own ORM calls are synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    page.outside_requests = []
    page.console_errors = []
    page.on("request", lambda request: _note_outside(page, request.url, live_server.url))
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    yield page
    context.close()


def _note_outside(page, url: str, origin: str):
    if not url.startswith((origin, "data:")):
        page.outside_requests.append(url)


def _screenshot(page, name: str):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_arabic_home_reads_right_to_left_in_the_arabic_typeface(page, live_server, geography):
    page.goto(f"{live_server.url}/ar/")

    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator("h1").inner_text() == "بوابة التنمية المحلية للمحافظات"
    assert page.evaluate("document.fonts.ready.then(() => document.fonts.check('16px \"Noto Sans Arabic\"'))")
    # The brand sits on the right edge of a right-to-left page.
    brand = page.locator(".navbar-brand").bounding_box()
    assert brand["x"] + brand["width"] > PHONE["width"] * 0.6
    _screenshot(page, "home-ar-phone.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    _screenshot(page, "home-ar-desktop.png")
    assert page.outside_requests == []
    assert page.console_errors == []  # a CSP violation or a missing asset shows up here


@pytest.mark.django_db(transaction=True)
def test_language_switch_leads_to_the_english_page_left_to_right(page, live_server, geography):
    page.goto(f"{live_server.url}/ar/")
    page.locator(".navbar-toggler").click()

    page.get_by_role("link", name="English").click()

    page.wait_for_url(f"{live_server.url}/en/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("h1").inner_text() == "Governorate Development Portal"
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"


@pytest.mark.django_db(transaction=True)
def test_staff_member_signs_in_in_arabic_and_sees_their_governorate(page, live_server, qena_staff):
    page.goto(f"{live_server.url}/ar/accounts/login/")
    page.get_by_label("اسم المستخدم").fill("qena.staff")
    page.get_by_label("كلمة المرور").fill(PASSWORD)

    page.get_by_role("button", name="دخول").click()

    page.wait_for_url(f"{live_server.url}/ar/workspace/")
    assert page.get_by_role("heading", name="مساحة عملي").is_visible()
    assert page.get_by_role("link", name="مركز نجع حمادى").is_visible()
    assert page.get_by_text("مركز أسوان").count() == 0
    _screenshot(page, "workspace-ar-phone.png")
    assert page.outside_requests == []


@pytest.mark.django_db(transaction=True)
def test_api_docs_render_under_the_strict_content_security_policy(page, live_server):
    page.goto(f"{live_server.url}/api/docs/")

    page.get_by_text("Governorate Development Portal API").first.wait_for()
    assert page.outside_requests == []
    assert [error for error in page.console_errors if "Content Security Policy" in error] == []


@pytest.mark.django_db(transaction=True)
def test_admin_is_right_to_left_and_scoped_in_the_browser(page, live_server, qena_staff, aswan_outsider):
    page.goto(f"{live_server.url}/ar/admin/login/")
    page.locator("#id_username").fill("qena.staff")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()

    page.goto(f"{live_server.url}/ar/admin/portal/staffprofile/")

    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("link", name="qena.staff").first.is_visible()
    assert page.get_by_text("aswan.staff").count() == 0
    _screenshot(page, "admin-ar-phone.png")
    assert page.console_errors == []
