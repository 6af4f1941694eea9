"""An investor filters the Arabic investment map and sends an expression of interest (Debian's Chromium
driven by Playwright; fixtures as in tests/test_browser.py)."""

import re

import pytest

from tests.test_browser import ARTIFACTS, CHROMIUM, PHONE, _note_outside, browser  # noqa: F401
from tests.test_investment_records import TITLES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
    ),
]
LAPTOP = {"width": 1280, "height": 900}


def _page(browser, live_server, viewport):  # noqa: F811
    context = browser.new_context(viewport=viewport, device_scale_factor=1, locale="ar-EG")
    page = context.new_page()
    page.outside_requests = []
    page.console_errors = []
    page.on("request", lambda request: _note_outside(page, request.url, live_server.url))
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    return context, page


def _screenshot(page, name: str):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _points(page) -> int:
    return page.locator("path.asset-point").count()


def _map_drawn(page):
    """The assets' points, and the governorate outlines under them (served by the portal, no tile server)."""
    page.locator(".assets-map path.asset-point").first.wait_for()
    page.locator(".assets-map path.leaflet-interactive").nth(20).wait_for(state="attached")
    _settled(page)


def _settled(page):
    """Leaflet has finished zooming to the points (mid-animation, its layers are scaled up)."""
    page.locator(".leaflet-zoom-anim").wait_for(state="detached")
    page.wait_for_timeout(400)


@pytest.mark.django_db(transaction=True)
def test_investor_filters_the_arabic_map_and_sends_interest(browser, live_server, asset_world):  # noqa: F811
    from investments.models import Lead

    context, page = _page(browser, live_server, LAPTOP)
    page.goto(f"{live_server.url}/ar/investments/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    _map_drawn(page)
    assert _points(page) == 3  # only the published assets
    # Right to left: the list reads first, on the right; the map is on the left.
    map_box = page.locator(".assets-map").bounding_box()
    list_box = page.locator(".asset-card").first.bounding_box()
    assert map_box["x"] < list_box["x"]

    page.locator("#id_governorate").select_option("EG27")
    page.locator("#id_use").select_option("commercial")
    page.locator("#id_area_min").fill("1000")
    page.get_by_role("button", name="تصفية").click()
    page.wait_for_url("**/ar/investments/?*governorate=EG27*")
    _map_drawn(page)
    assert _points(page) == 1
    assert page.locator(".asset-card").count() == 1
    assert "1 أصل على الخريطة" in page.locator("#assets-on-map").inner_text()
    _screenshot(page, "investments-map-filtered-ar.png")

    page.get_by_role("link", name=TITLES["nagh_published"]).click()
    page.wait_for_url("**/ar/investments/*/")
    assert "6,500" in page.locator(".asset-details").inner_text()
    page.get_by_label("الاسم").first.fill("م. أحمد عبد الرحيم")
    page.get_by_label("الشركة").fill("شركة الصعيد للصناعات الغذائية")
    page.get_by_label("رقم المحمول").fill("01001234567")
    page.get_by_label("الاستخدام المقترح").fill("سوق جملة للخضر والفاكهة بنظام حق الانتفاع")
    page.locator("#id_captcha_1").fill("PASSED")
    page.locator(".asset-map path.asset-point").wait_for()
    _settled(page)
    _screenshot(page, "investments-interest-form-ar.png")
    page.get_by_role("button", name="أرسل طلب الاهتمام").click()
    page.wait_for_url(re.compile(r"/interest/sent/"))
    assert "أُرسل طلب اهتمامك" in page.locator("h1").inner_text()

    lead = Lead.objects.get(name="م. أحمد عبد الرحيم")
    assert (lead.asset_id, lead.phone, lead.status) == (asset_world["assets"]["nagh_published"].pk,
                                                        "+201001234567", "new")  # fmt: skip
    assert page.outside_requests == [] and page.console_errors == []
    context.close()


@pytest.mark.django_db(transaction=True)
def test_the_map_fits_a_phone_without_sideways_scrolling(browser, live_server, asset_world):  # noqa: F811
    context, page = _page(browser, live_server, PHONE)
    page.goto(f"{live_server.url}/ar/investments/")
    _map_drawn(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    _screenshot(page, "investments-map-phone-ar.png")
    asset = asset_world["assets"]["qena_published"]
    page.goto(f"{live_server.url}/ar/investments/{asset.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.outside_requests == [] and page.console_errors == []
    context.close()
