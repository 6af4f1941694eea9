"""An officer in the street records an inspection round from a phone and turns a finding into a complaint
(Debian's Chromium driven by Playwright; fixtures as in tests/test_browser.py)."""

import io

import pytest
from PIL import Image

from tests.conftest import PASSWORD
from tests.test_browser import ARTIFACTS, CHROMIUM, PHONE, _note_outside, browser  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
    ),
]
QENA_STREET = {"latitude": 26.1642, "longitude": 32.7267}
ROADS_ITEMS = ["surface", "drainage", "signs", "sidewalks", "debris"]


@pytest.fixture
def phone(browser, live_server):  # noqa: F811
    """A phone-sized page that knows where it is (the officer allowed location) and notes stray requests."""
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=1, geolocation=QENA_STREET, permissions=["geolocation"]
    )
    page = context.new_page()
    page.outside_requests = []
    page.console_errors = []
    page.on("request", lambda request: _note_outside(page, request.url, live_server.url))
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    yield page
    context.close()


def _screenshot(page, name: str):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _pothole_png() -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 80, 70)).save(buffer, format="PNG")
    return {"name": "pothole.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def _sign_in(page, url: str, username: str):
    page.goto(f"{url}/ar/accounts/login/")
    page.get_by_label("اسم المستخدم").fill(username)
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    page.get_by_role("button", name="دخول").click()
    page.wait_for_url(f"{url}/ar/workspace/")


@pytest.mark.django_db(transaction=True)
def test_officer_records_an_inspection_on_a_phone_and_files_a_finding_as_a_complaint(
    phone, live_server, qena_officer
):
    from complaints.models import Attachment, Complaint
    from initiatives.models import Inspection

    page = phone
    _sign_in(page, live_server.url, "qena.officer")
    page.goto(f"{live_server.url}/ar/initiatives/inspections/new/")
    assert page.locator("#id_district").input_value()  # the officer's own district, preselected
    page.locator("#id_kind").select_option("roads")
    assert page.locator('fieldset[data-kind="markets"]').is_hidden()
    page.locator("#id_place").fill("طريق قنا - سفاجا أمام مدرسة الشهيد")
    page.locator(".inspection-map path.leaflet-interactive").first.wait_for()  # the governorate outlines
    page.locator("#use-location").click()
    page.wait_for_function("document.getElementById('id_latitude').value !== ''")
    for item in ROADS_ITEMS:
        answer = 1 if item == "surface" else 0  # 0 fine, 1 fault, 2 not applicable
        page.locator(f'label[for="id_check_roads_{item}_{answer}"]').click()
    assert page.locator("#fault-hint").is_visible()  # a fault asks for a finding
    page.locator("#id_findings-0-description").fill("حفرة عميقة بعرض الحارة اليمنى تعيق السيارات")
    page.locator("#id_findings-0-severity").select_option("high")
    page.locator("#id_findings-0-item").select_option("surface")
    assert page.locator("#fault-hint").is_hidden()
    page.locator("#id_photos").set_input_files(_pothole_png())
    _screenshot(page, "inspection-form-ar-phone.png")
    page.locator("#inspection-form button[type=submit]").click()

    inspection = Inspection.objects.get()
    page.wait_for_url(f"{live_server.url}/ar/initiatives/inspections/{inspection.pk}/")
    assert page.locator("img.inspection-photo").evaluate("img => img.naturalWidth") > 0
    finding = inspection.findings.get()
    form = page.locator(f'form[action$="/findings/{finding.pk}/complaint/"]')
    form.locator("select[name=category]").select_option("roads")
    form.locator("button[type=submit]").click()

    complaint = Complaint.objects.get()
    code = page.locator(".complaint-code").inner_text().strip()
    assert code == complaint.tracking_code
    assert page.locator(".complaint-code").get_attribute("href") == f"/ar/complaints/inbox/{code}/"
    _screenshot(page, "inspection-detail-ar-phone.png")
    assert (complaint.district.code, complaint.channel, complaint.category.code) == (
        "EG2702",
        "inspection",
        "roads",
    )
    assert float(complaint.latitude) == pytest.approx(QENA_STREET["latitude"], abs=1e-4)
    assert Attachment.objects.filter(complaint=complaint).count() == 1
    page.set_viewport_size({"width": 1280, "height": 900})
    _screenshot(page, "inspection-detail-ar-desktop.png")
    assert page.outside_requests == []
    assert page.console_errors == []


@pytest.mark.django_db(transaction=True)
def test_the_governor_sees_overdue_directives_first_and_highlighted(
    phone, live_server, qena_governor, geography
):
    from datetime import timedelta

    from django.utils import timezone

    from initiatives.services.field import directive_issue

    today = timezone.localdate()
    for title, deadline in (("صيانة الكشافات بالكورنيش", 20), ("إزالة الإشغالات من شارع الجمهورية", -3)):
        directive_issue(
            actor=qena_governor, governorate_id=geography["qena"].pk, title=title, meeting="اجتماع المحافظ",
            meeting_on=today - timedelta(days=30), deadline=today + timedelta(days=deadline),
            districts=[geography["EG2702"]], departments=["مديرية الطرق"],
        )  # fmt: skip
    page = phone
    _sign_in(page, live_server.url, "qena.governor")

    page.goto(f"{live_server.url}/ar/initiatives/directives/")

    assert page.locator("#count-overdue").inner_text() == "2"
    first = page.locator("tbody tr").first
    assert "إزالة الإشغالات" in first.inner_text() and "directive-overdue" in first.get_attribute("class")
    _screenshot(page, "directives-ar-phone.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    _screenshot(page, "directives-ar-desktop.png")
    assert page.console_errors == [] and page.outside_requests == []
