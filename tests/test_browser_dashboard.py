"""The governor's dashboard as a person sees it: districts ranked right to left in Arabic, a district's own
page, Egypt's governorates on a map for a national administrator, and recomputation on demand
(Debian's Chromium driven by Playwright; fixtures as in tests/test_browser.py)."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from tests.conftest import PASSWORD
from tests.test_browser import ARTIFACTS, CHROMIUM, PHONE, _note_outside, browser  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
    ),
]
DESKTOP = {"width": 1366, "height": 900}
BETTER, WORSE = "EG2708", "EG2702"  # the better one sorts second by code: only its score puts it first
LIGHT_FILLS = {"#198754", "#e0a800", "#dc3545"}
ARABIC = re.compile(r"[\u0600-\u06ff]")
MONTHS_OF_DATA = 4  # last month and the three before it


@pytest.fixture
def desktop(browser, live_server):  # noqa: F811
    """A desktop-sized page that notes console errors and any request leaving the live server."""
    context = browser.new_context(viewport=DESKTOP, device_scale_factor=1)
    page = context.new_page()
    page.outside_requests = []
    page.console_errors = []
    page.on("request", lambda request: _note_outside(page, request.url, live_server.url))
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    yield page
    context.close()


@pytest.fixture
def scored_qena(geography):
    """Four months of complaints in Qena's two districts, computed: Nag Hammadi resolves every complaint
    within hours to delighted citizens; Markaz Qena leaves most open past their due time."""
    from complaints.models import Category, Complaint
    from indicators.defaults import default_indicators_ensure
    from indicators.engine.periods import month_of, previous_month
    from indicators.models import Indicator, Target
    from indicators.services import full_run_in_process

    default_indicators_ensure(Indicator, Target)  # a transactional test before this one flushed them
    category = Category.objects.get(code="roads")
    period = previous_month(month_of(timezone.now()))
    complaints = []
    for _month in range(MONTHS_OF_DATA):
        for day in (3, 10, 17):
            filed = timezone.make_aware(datetime.combine(period.replace(day=day), time(10)))
            for code, outcome in ((BETTER, "fast"), (WORSE, "late" if day == 3 else "open")):
                complaints.append(_complaint(len(complaints), geography, code, category, filed, outcome))
        period = previous_month(period)
    Complaint.objects.bulk_create(complaints)
    full_run_in_process()
    return geography


def _complaint(number: int, geography, code: str, category, filed: datetime, outcome: str):
    from complaints.models import Complaint

    district = geography[code]
    fields = {
        "fast": {"status": "closed", "resolved_at": filed + timedelta(hours=6), "satisfaction": 5},
        "late": {"status": "resolved", "resolved_at": filed + timedelta(hours=96), "satisfaction": 2},
        "open": {"status": "new"},
    }[outcome]
    return Complaint(
        tracking_code=f"DSH-{number:04d}", governorate=geography["qena"], district=district,
        category=category, description="تراكم القمامة أمام مدرسة الشهيد", name="هبة درويش",
        phone="+201001234567",
        created_at=filed, due_at=filed + timedelta(hours=48), **fields,
    )  # fmt: skip


def _sign_in(page, url: str, username: str):
    page.goto(f"{url}/ar/accounts/login/")
    page.get_by_label("اسم المستخدم").fill(username)
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    page.get_by_role("button", name="دخول").click()
    page.wait_for_url(f"{url}/ar/workspace/")


def _screenshot(page, name: str):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _scorecard_order(page) -> list[str]:
    return page.locator("#scorecard tbody tr").evaluate_all("rows => rows.map(row => row.dataset.district)")


@pytest.mark.django_db(transaction=True)
def test_governor_sees_districts_ranked_right_to_left_in_arabic(
    desktop, live_server, qena_governor, scored_qena
):
    page = desktop
    _sign_in(page, live_server.url, "qena.governor")

    page.goto(f"{live_server.url}/ar/dashboard/")

    assert page.locator("html").get_attribute("dir") == "rtl"
    heading = page.locator("h1").inner_text()
    assert "لوحة متابعة الأداء" in heading and "قنا" in heading
    headers = [text.strip() for text in page.locator("#scorecard thead th").all_inner_texts()]
    assert headers[:5] == ["الترتيب", "المركز أو المدينة", "التقييم", "التغير", "12 شهرًا"]
    assert "نسبة حل الشكاوى" in headers
    assert all(ARABIC.search(text) for text in headers), headers  # no header left in English
    # The district built to do better is first, and the rank column counts 1, 2.
    assert _scorecard_order(page) == [BETTER, WORSE]
    ranks = page.locator("#scorecard tbody tr td:first-child").all_inner_texts()
    assert [rank.strip() for rank in ranks] == ["1", "2"]
    tiles = page.locator("#district-map .district-tile")
    assert sorted(tiles.evaluate_all("tiles => tiles.map(tile => tile.dataset.district)")) == [WORSE, BETTER]
    for tile in tiles.all():
        assert re.search(r"\blight-bg-(green|amber|red)\b", tile.get_attribute("class"))
    better_tile = page.locator(f'.district-tile[data-district="{BETTER}"]')
    assert "light-bg-green" in better_tile.get_attribute("class")
    # Right to left: the rank column is the table's rightmost.
    first_row = page.locator("#scorecard tbody tr").first
    rank_box = first_row.locator("td").nth(0).bounding_box()
    district_box = first_row.locator("td").nth(1).bounding_box()
    assert rank_box["x"] > district_box["x"]
    # The trend runs right to left: the latest month's point lies left of the oldest one.
    dots = page.locator('section[aria-labelledby="trend-title"] svg.line-chart circle.dot')
    xs = [float(x) for x in dots.evaluate_all("dots => dots.map(dot => dot.getAttribute('cx'))")]
    assert len(xs) == MONTHS_OF_DATA
    assert xs[-1] < xs[0] and xs == sorted(xs, reverse=True)
    # Every coordinate on the page is a plain number (an Arabic decimal comma would break the SVG).
    coordinates = page.locator("svg.line-chart circle.dot").evaluate_all(
        "dots => dots.flatMap(dot => [dot.getAttribute('cx'), dot.getAttribute('cy')])"
    )
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates), coordinates
    score = first_row.locator("td").nth(2).locator("strong")
    assert score.is_visible() and re.search(r"\d", score.inner_text())
    assert better_tile.locator(".tile-score").is_visible()
    _screenshot(page, "dashboard-ar.png")
    page.set_viewport_size(PHONE)
    # On a phone the sections stack, still right to left.
    assert better_tile.is_visible()
    rank_box, district_box = (first_row.locator("td").nth(index).bounding_box() for index in (0, 1))
    assert rank_box["x"] > district_box["x"]
    _screenshot(page, "dashboard-ar-phone.png")
    assert page.console_errors == []
    assert page.outside_requests == []


@pytest.mark.django_db(transaction=True)
def test_the_wide_scorecard_scrolls_in_its_box_and_the_page_never_sideways(
    desktop, live_server, qena_governor, scored_qena
):
    page = desktop
    _sign_in(page, live_server.url, "qena.governor")
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/ar/dashboard/")

    scorecard_box = page.locator("#scorecard").evaluate("table => table.parentElement.scrollWidth")
    assert scorecard_box > PHONE["width"]  # the table is wider than the phone: its box scrolls
    # Nothing lies beside the page for a sideways swipe to pan to (it panned 1,000 px into blank space).
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.django_db(transaction=True)
def test_the_overdue_backlog_counts_only_complaints_still_open_past_their_due_time(
    desktop, live_server, qena_governor, scored_qena
):
    page = desktop
    _sign_in(page, live_server.url, "qena.governor")

    page.goto(f"{live_server.url}/ar/dashboard/")

    headers = [text.strip() for text in page.locator("#scorecard thead th").all_inner_texts()]
    column = headers.index("الشكاوى المتأخرة المتراكمة")
    rows = {code: page.locator(f'#scorecard tr[data-district="{code}"]') for code in (BETTER, WORSE)}
    cells = {code: row.locator("td").nth(column) for code, row in rows.items()}
    # A cell reads: the light's hidden label, the value, then the target.
    backlog = {code: re.search(r"\d+", cell.inner_text()).group() for code, cell in cells.items()}
    # Nag Hammadi resolved all its complaints hours before they fell due; Qena left 8 open past due.
    assert backlog == {BETTER: "0", WORSE: str(2 * MONTHS_OF_DATA)}


@pytest.mark.django_db(transaction=True)
def test_clicking_a_district_tile_opens_its_indicators_in_arabic(
    desktop, live_server, qena_governor, scored_qena
):
    page = desktop
    _sign_in(page, live_server.url, "qena.governor")
    page.goto(f"{live_server.url}/ar/dashboard/")

    page.locator(f'.district-tile[data-district="{BETTER}"] a').click()

    page.wait_for_url(re.compile(rf"/ar/dashboard/districts/{BETTER}/\?period=\d{{4}}-\d{{2}}$"))
    assert page.locator("h1").inner_text().strip() == "مركز نجع حمادى"
    table = page.locator("#district-indicators")
    assert table.is_visible()
    headers = [text.strip() for text in table.locator("thead th").all_inner_texts()]
    assert headers[:3] == ["المؤشر", "هذا الشهر", "المستهدف"]
    assert all(ARABIC.search(text) for text in headers), headers
    rate = table.locator('tr[data-indicator="resolution_rate"]')
    assert "نسبة حل الشكاوى" in rate.locator("th").inner_text()
    assert "100" in rate.locator("td").first.inner_text()  # every complaint resolved
    names = table.locator("tbody th").all_inner_texts()
    assert all(ARABIC.search(name) for name in names), names
    _screenshot(page, "dashboard-district-ar.png")
    assert page.console_errors == []
    assert page.outside_requests == []


@pytest.mark.django_db(transaction=True)
def test_national_administrator_sees_governorates_coloured_on_a_map(
    desktop, live_server, national_admin, scored_qena
):
    page = desktop
    _sign_in(page, live_server.url, "national")

    page.goto(f"{live_server.url}/ar/dashboard/")

    page.locator("#score-map path.leaflet-interactive").first.wait_for()  # the outlines arrived
    fills = page.locator("#score-map path.leaflet-interactive").evaluate_all(
        "paths => paths.map(path => (path.getAttribute('fill') || '').toLowerCase())"
    )
    assert len(fills) >= 20  # Egypt's governorate outlines
    assert LIGHT_FILLS & set(fills), fills  # Qena, at least, coloured by its light
    qena = page.locator('#governorate-ranking tr[data-governorate="EG27"]')
    assert "قنا" in qena.inner_text()
    assert qena.locator("td").first.inner_text().strip() == "1"
    headers = page.locator("#governorate-ranking thead th").all_inner_texts()
    assert all(ARABIC.search(text) for text in headers), headers
    _screenshot(page, "dashboard-national-ar.png")
    assert page.console_errors == []
    assert page.outside_requests == []


@pytest.mark.django_db(transaction=True)
def test_recompute_now_follows_its_progress_and_returns_to_the_new_ranking(
    desktop, live_server, qena_governor, scored_qena
):
    from django.db.models import F

    from complaints.models import Complaint
    from indicators.models import ComputationRun
    from portal.celery import app

    page = desktop
    _sign_in(page, live_server.url, "qena.governor")
    page.goto(f"{live_server.url}/ar/dashboard/")
    assert _scorecard_order(page) == [BETTER, WORSE]
    # given: the two districts swap outcomes, which the stored scores do not know yet
    Complaint.objects.filter(district__code=BETTER).update(status="new", resolved_at=None, satisfaction=None)
    Complaint.objects.filter(district__code=WORSE).update(
        status="closed", resolved_at=F("created_at") + timedelta(hours=6), satisfaction=5
    )
    page.reload()
    assert _scorecard_order(page) == [BETTER, WORSE]
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True  # CI configures a Redis broker and runs no worker here
    try:
        # when
        with page.expect_navigation(url=re.compile(r"[?&]run=\d+"), wait_until="commit"):
            page.get_by_role("button", name="أعد الحساب الآن").click()
        page.wait_for_url(f"{live_server.url}/ar/dashboard/")
    finally:
        app.conf.task_always_eager = eager

    # then
    run = ComputationRun.objects.get(requested_by=qena_governor)
    assert run.finished_at is not None and run.governorate.code == "EG27"
    assert "run=" not in page.url
    assert page.locator("[data-run-status]").count() == 0
    assert _scorecard_order(page) == [WORSE, BETTER]
    assert page.console_errors == []
    assert page.outside_requests == []
