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


@pytest.mark.django_db(transaction=True)
def test_citizen_files_on_a_phone_an_officer_resolves_and_the_citizen_rates(browser, live_server, qena_staff):
    from complaints.models import Complaint

    citizen = browser.new_context(viewport=PHONE, locale="ar-EG")
    page = citizen.new_page()
    page.goto(f"{live_server.url}/ar/complaints/new/")
    page.get_by_label("ما نوع المشكلة؟").select_option("waste")
    page.get_by_label("ابحث عن مركزك أو مدينتك").fill("نجع حمادي")  # the list spells it حمادى
    assert page.locator("#id_district").input_value() == "EG2708"
    page.get_by_label("صف المشكلة").fill("تراكم القمامة أمام مدرسة الشهيد منذ عشرة أيام")
    page.locator("#id_photos").set_input_files(
        str(Path(__file__).parent / "fixtures" / "photo_with_exif.jpg")
    )
    page.get_by_label("اسمك").fill("هبة درويش")
    page.get_by_label("رقم الهاتف المحمول").fill("٠١٠٠١٢٣٤٥٦٧")
    page.locator("#id_captcha_1").fill("PASSED")
    page.locator(".complaint-map path.leaflet-interactive").first.wait_for()  # the governorate outlines
    page.locator(".complaint-map").click(position={"x": 200, "y": 120})
    assert page.locator("#id_latitude").input_value() and page.locator("#id_longitude").input_value()
    _screenshot(page, "complaint-form-ar-phone.png")
    page.get_by_role("button", name="إرسال الشكوى").click()

    code = page.locator("#tracking-code").inner_text().strip()
    assert code.startswith("EG27-")
    _screenshot(page, "complaint-submitted-ar-phone.png")

    officer = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    officer.goto(f"{live_server.url}/ar/accounts/login/")
    officer.get_by_label("اسم المستخدم").fill("qena.staff")
    officer.get_by_label("كلمة المرور").fill(PASSWORD)
    officer.get_by_role("button", name="دخول").click()
    officer.goto(f"{live_server.url}/ar/complaints/inbox/")
    assert officer.locator(".inbox-map path.complaint-point").count() == 1  # the complaint, where it was put
    _screenshot(officer, "inbox-ar-desktop.png")
    officer.get_by_role("link", name=code).first.click()
    officer.get_by_role("button", name="قبول").click()
    officer.get_by_role("button", name="بدء العمل").click()
    officer.get_by_label("رسالة إلى المواطن").fill("رُفعت المخلفات وخُصصت سيارة يومية للمنطقة")
    officer.get_by_role("button", name="الحل بهذا الرد").click()
    assert officer.get_by_text("تم الحل").first.is_visible()
    _screenshot(officer, "complaint-officer-ar-desktop.png")

    page.goto(f"{live_server.url}/ar/complaints/track/")
    page.get_by_label("رقم المتابعة").fill(code)
    page.get_by_label("رقم المحمول المستخدم عند التقديم").fill("01001234567")
    page.get_by_role("button", name="عرض شكواي").click()
    assert "رُفعت المخلفات" in page.locator("#answer").inner_text()
    assert page.locator("img.complaint-photo").evaluate("img => img.naturalWidth") > 0
    page.get_by_label("5").check()
    page.get_by_role("button", name="إرسال التقييم").click()
    _screenshot(page, "complaint-rated-ar-phone.png")

    complaint = Complaint.objects.get(tracking_code=code)
    assert (complaint.status, complaint.satisfaction, complaint.district.code) == ("closed", 5, "EG2708")
    assert complaint.latitude is not None
    citizen.close()


@pytest.mark.django_db(transaction=True)
def test_an_ngo_registers_in_arabic_staff_verify_it_and_it_appears_publicly(
    browser, live_server, aswan_outsider
):
    from programs.demo import seed_programs

    seed_programs()
    ngo = browser.new_context(viewport=PHONE).new_page()
    ngo.goto(f"{live_server.url}/ar/partners/register/")
    ngo.get_by_label("الاسم بالعربية").fill("جمعية شباب إدفو للتنمية")
    ngo.get_by_label("رقم الإشهار").fill("ASW-3310")
    ngo.get_by_label("المحافظات التي تخدمها").select_option(label="أسوان")
    ngo.get_by_label("الاحتياجات والتحديات").fill("تدريب المتطوعين على إدارة المشروعات")
    ngo.get_by_label("مسؤول التواصل").fill("كريم النجار")
    ngo.get_by_label("هاتف التواصل").fill("01112223334")
    ngo.get_by_label("اسم المستخدم لمحرر بيانات الجمعية").fill("edfu.youth")
    ngo.get_by_label("البريد الإلكتروني للمحرر").fill("edfu@example.org")
    ngo.get_by_label("كلمة المرور").fill("edfu-youth-2026")
    ngo.locator("#id_captcha_1").fill("PASSED")
    ngo.get_by_role("button", name="تسجيل", exact=True).click()
    assert ngo.get_by_text("تم استلام طلب التسجيل").is_visible()
    _screenshot(ngo, "ngo-registered-ar-phone.png")

    staff = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    staff.goto(f"{live_server.url}/ar/accounts/login/")
    staff.get_by_label("اسم المستخدم").fill("aswan.staff")
    staff.get_by_label("كلمة المرور").fill(PASSWORD)
    staff.get_by_role("button", name="دخول").click()
    staff.goto(f"{live_server.url}/ar/partners/review/")
    staff.get_by_role("button", name="اعتماد").click()
    assert staff.get_by_text("لا توجد تسجيلات في الانتظار.").is_visible()

    staff.goto(f"{live_server.url}/ar/programs/manage/aswan-civil-work-2040/")
    new_row = staff.locator(".partnership-row").nth(1)  # the first empty row after the seeded partner
    new_row.locator("select[name$='-organization']").select_option(label="جمعية شباب إدفو للتنمية")
    new_row.locator("select[name$='-role']").select_option("4")
    staff.get_by_role("button", name="حفظ البرنامج").click()
    assert staff.get_by_text("تم الحفظ.").is_visible()

    ngo.goto(f"{live_server.url}/ar/programs/aswan-civil-work-2040/")
    ngo.get_by_role("link", name="جمعية شباب إدفو للتنمية").click()
    assert ngo.locator("h1").inner_text().startswith("جمعية شباب إدفو للتنمية")
    assert ngo.get_by_text("منفذ").first.is_visible()
    _screenshot(ngo, "ngo-public-ar-phone.png")
