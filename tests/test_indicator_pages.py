"""The indicator pages (DESIGN.md §3, §5) for every persona: who reaches which page and what it holds,
bad input, figures entered by hand, recomputation, exports, pinned query counts and the English page."""

import io
from datetime import timedelta
from urllib.parse import parse_qsl

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from complaints.models import Complaint
from indicators.defaults import default_indicators_ensure
from indicators.engine.periods import month_of, month_start, next_month, previous_month
from indicators.models import ComputationRun, Indicator, IndicatorValue, ManualEntry, Target
from indicators.services import full_run_in_process, manual_entry_submit
from portal.celery import app as celery_app
from tests.conftest import client_for

EDITORS = {"qena_staff", "qena_governor", "national_admin"}
PERSONAS = ["anonymous", "qena_officer", "qena_staff", "qena_governor", "aswan_outsider", "national_admin"]
THIS = f"{month_of(timezone.now()):%Y-%m}"
LAST = f"{previous_month(month_of(timezone.now())):%Y-%m}"
NEXT = f"{next_month(month_of(timezone.now())):%Y-%m}"
NAMES = {"EG2702": "مركز قنا", "EG2708": "مركز نجع حمادى", "EG2802": "مركز أسوان"}
BAD_MONTH = "يجب كتابة الشهر بالصيغة YYYY-MM وألا يكون في المستقبل."
HUGE = 10**20
# The status each persona ends on, in the order of PERSONAS; anonymous visitors are sent to sign in.
# fmt: off
PAGES = {
    "/ar/dashboard/?period={this}":                                   (302, 200, 200, 200, 200, 200),
    "/ar/dashboard/districts/EG2702/?period={this}":                  (302, 200, 200, 200, 404, 200),
    "/ar/dashboard/districts/EG2708/?period={this}":                  (302, 404, 200, 200, 404, 200),
    "/ar/dashboard/districts/EG2802/?period={this}":                  (302, 404, 404, 404, 200, 200),
    # A run of every governorate: its progress is the national administrators' (a governorate's staff
    # follow the runs of their own governorate).
    "/ar/dashboard/runs/{run}/":                                      (302, 404, 404, 404, 404, 200),
    "/ar/dashboard/scorecard.xlsx?governorate=EG27&period={this}":    (302, 200, 200, 200, 200, 200),
    "/ar/dashboard/scorecard.pdf?governorate=EG27&period={this}":     (302, 200, 200, 200, 200, 200),
    "/ar/dashboard/entries/":                                         (302, 200, 200, 200, 200, 200),
    "/ar/dashboard/entries/new/":                                     (302, 200, 200, 200, 200, 200),
}
# fmt: on
# The districts each persona's dashboard and scorecard export hold when asking for Qena (EG27): the
# governorate asked for is ignored outside the national scope.
QENA = {"EG2702", "EG2708"}
SEES = {"qena_officer": {"EG2702"}, "qena_staff": QENA, "qena_governor": QENA, "aswan_outsider": {"EG2802"},
        "national_admin": QENA}  # fmt: skip


@pytest.fixture(autouse=True)
def indicators(db):
    default_indicators_ensure(Indicator, Target)  # a transactional test may have flushed them


@pytest.fixture
def computed(geography, make_complaint):
    for district in ("EG2702", "EG2708", "EG2802"):
        make_complaint(district=district)
    return full_run_in_process()


@pytest.fixture
def entry(geography, qena_officer):
    streets = Indicator.objects.get(code="streets_lit_share")
    return manual_entry_submit(actor=qena_officer, indicator=streets, district=geography["EG2702"],
                               period=previous_month(month_of(timezone.now())), value=80)  # fmt: skip


def _xlsx_rows(response) -> list[tuple]:
    assert response.status_code == 200, response.content[:300]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft is True
    return list(sheet.iter_rows(values_only=True))


def _shown(body: str) -> set[str]:
    return {code for code, name in NAMES.items() if name in body}


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_answers_each_persona_as_its_scope_allows(client, personas, computed, url, persona):
    expected, user = PAGES[url][PERSONAS.index(persona)], personas[persona]

    response = client_for(client, user).get(url.format(this=THIS, run=computed.pk), follow=user is not None)

    assert response.status_code == expected
    if user is None:
        assert "/login/" in response["Location"] and "next=" in response["Location"]


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_the_dashboard_holds_only_the_districts_in_scope(client, personas, computed, persona):
    user = client_for(client, personas[persona])

    response = user.get(f"/ar/dashboard/?period={THIS}&governorate=EG27", follow=True)
    aswan = user.get(f"/ar/dashboard/?period={THIS}&governorate=EG28", follow=True)

    assert response.status_code == 200 and _shown(response.content.decode()) == SEES[persona]
    assert _shown(aswan.content.decode()) == ({"EG2802"} if persona == "national_admin" else SEES[persona])
    if persona == "qena_officer":  # the officer's dashboard is the district's page
        assert response.context["district"].code == "EG2702"


def test_a_national_administrator_sees_governorates_side_by_side(client, personas, computed):
    response = client_for(client, personas["national_admin"]).get(f"/ar/dashboard/?period={THIS}")

    codes = {summary.governorate.code for summary in response.context["summaries"]}
    assert codes == {"EG27", "EG28", "SA-03"}
    assert _shown(response.content.decode()) == set()  # governorates, not districts


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_the_scorecard_sheet_is_right_to_left_and_holds_the_scope(client, personas, computed, persona):
    url = f"/ar/dashboard/scorecard.xlsx?governorate=EG27&period={THIS}"
    response = client_for(client, personas[persona]).get(url)

    header, *rows = _xlsx_rows(response)
    assert header[:4] == ("الترتيب", "المركز أو المدينة", "الرمز", "التقييم")
    assert "نسبة حل الشكاوى" in header
    assert sorted(row[2] for row in rows) == sorted(SEES[persona])


@pytest.mark.parametrize("period", [THIS, LAST])  # LAST: no stored values, districts without scores
def test_the_pdf_report_is_a_pdf_of_the_governorate(client, personas, computed, period):
    outsider = client_for(client, personas["aswan_outsider"])
    response = outsider.get(f"/ar/dashboard/scorecard.pdf?period={period}")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and "EG28" in response["Content-Disposition"]


# Bad input ----------------------------------------------------------------------------------------

CHOOSE, SAY_WHY = "اختر اعتماد الرقم أو إعادته.", "اذكر ما يحتاج إلى تصحيح."
# fmt: off
BAD_REQUESTS = [  # persona, request, status, the Arabic message it carries
    ("qena_governor", "/ar/dashboard/?period=2026-13", 400, BAD_MONTH),
    ("qena_governor", "/ar/dashboard/?period=abcd", 400, BAD_MONTH),
    ("qena_governor", "/ar/dashboard/?period={next}", 400, BAD_MONTH),
    ("qena_governor", "/ar/dashboard/?period=0000-01", 400, BAD_MONTH),
    ("qena_governor", "/ar/dashboard/?period=1999-12", 400, BAD_MONTH),
    ("qena_officer", "/ar/dashboard/districts/EG2702/?period=2026-13", 400, BAD_MONTH),
    ("qena_governor", "/ar/dashboard/scorecard.xlsx?period=abcd", 400, BAD_MONTH),
    ("qena_governor", "/ar/dashboard/scorecard.pdf?period={next}", 400, BAD_MONTH),
    ("national_admin", "/ar/dashboard/?governorate=XX99", 404, ""),
    ("national_admin", "/ar/dashboard/scorecard.xlsx?governorate=XX99", 404, ""),
    ("national_admin", "/ar/dashboard/scorecard.xlsx", 404, ""),
    ("national_admin", "/ar/dashboard/districts/XX9999/", 404, ""),
    # No code holds a NUL byte (PostgreSQL refuses it in text): nothing is found, nothing fails.
    ("national_admin", "/ar/dashboard/?governorate=%00", 404, ""),
    ("national_admin", "/ar/dashboard/scorecard.pdf?governorate=EG%0027", 404, ""),
    ("national_admin", "/ar/dashboard/districts/EG%002702/", 404, ""),
    ("national_admin", "POST /ar/dashboard/recompute/?governorate=%00", 404, ""),
    ("national_admin", "/ar/dashboard/runs/{huge}/", 404, ""),
    ("qena_governor", "/ar/dashboard/recompute/", 405, ""),
    ("national_admin", "POST /ar/dashboard/recompute/?governorate=XX99", 404, ""),
    ("qena_staff", "POST /ar/dashboard/entries/{huge}/review/?decision=approve", 404, ""),
    ("qena_staff", "POST /ar/dashboard/entries/{entry}/review/?decision=maybe", 400, CHOOSE),
    ("qena_staff", "POST /ar/dashboard/entries/{entry}/review/?decision=", 400, CHOOSE),
    ("qena_staff", "POST /ar/dashboard/entries/{entry}/review/?decision=return", 400, SAY_WHY),
]
# fmt: on


@pytest.mark.parametrize(("persona", "url", "status", "message"), BAD_REQUESTS)
def test_bad_input_is_answered_4xx_with_a_translated_message(client, personas, entry, persona, url, status,
                                                             message):  # fmt: skip
    client, url = client_for(client, personas[persona]), url.format(next=NEXT, huge=HUGE, entry=entry.pk)

    if url.startswith("POST "):
        path, _sep, query = url.removeprefix("POST ").partition("?")
        response = client.post(path, dict(parse_qsl(query, keep_blank_values=True)))
    else:
        response = client.get(url)

    assert response.status_code == status and message in response.content.decode()
    assert not ComputationRun.objects.exists() and not IndicatorValue.objects.exists()
    assert list(ManualEntry.objects.values_list("status", flat=True)) == ["submitted"]


def _entry_form(geography, **changes) -> dict:
    streets = Indicator.objects.get(code="streets_lit_share")
    data = {"indicator": streets.pk, "district": geography["EG2702"].pk, "period": LAST, "value": "80"}
    return {**data, **changes}


# fmt: off
OUT_OF_RANGE = "يجب أن تكون القيمة بين 0 و100"
BAD_ENTRIES = [
    ({"value": "abc"}, ""), ({"value": "150"}, OUT_OF_RANGE), ({"value": "-1"}, OUT_OF_RANGE),
    ({"period": "2026-13"}, "اكتب الشهر بالصيغة YYYY-MM."), ({"period": NEXT}, ""),
    ({"district": "EG2708"}, ""), ({"indicator": "resolution_rate"}, ""), ({"indicator": str(HUGE)}, ""),
    ({"numerator": "8"}, ""), ({"numerator": "8", "denominator": "0"}, ""),
]
# fmt: on


@pytest.mark.parametrize(("changes", "message"), BAD_ENTRIES)
def test_a_malformed_figure_is_refused_and_nothing_is_saved(client, geography, personas, changes, message):
    changes = {name: geography[value].pk if value == "EG2708" else value for name, value in changes.items()}
    if changes.get("indicator") == "resolution_rate":
        changes["indicator"] = Indicator.objects.get(code="resolution_rate").pk
    officer = client_for(client, personas["qena_officer"])
    response = officer.post("/ar/dashboard/entries/new/", _entry_form(geography, **changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert ManualEntry.objects.count() == 0 and IndicatorValue.objects.count() == 0


# Figures entered by hand --------------------------------------------------------------------------


def test_an_officer_submits_staff_approve_and_the_month_locks(client, geography, personas):
    officer = client_for(client, personas["qena_officer"])
    assert officer.post("/ar/dashboard/entries/new/", _entry_form(geography)).status_code == 302
    entry = ManualEntry.objects.get()
    assert entry.status == "submitted" and not IndicatorValue.objects.exists()

    staff = client_for(type(client)(), personas["qena_staff"])
    returned = staff.post(f"/ar/dashboard/entries/{entry.pk}/review/", {"decision": "return", "note": " "})
    assert returned.status_code == 400 and "اذكر ما يحتاج إلى تصحيح." in returned.content.decode()
    approved = staff.post(f"/ar/dashboard/entries/{entry.pk}/review/", {"decision": "approve", "note": ""})
    assert approved.status_code == 302
    twice = staff.post(f"/ar/dashboard/entries/{entry.pk}/review/", {"decision": "return", "note": "خطأ"})
    assert twice.status_code == 409

    value = IndicatorValue.objects.get(indicator__code="streets_lit_share", district__code="EG2702")
    assert value.value == 80 and f"{value.period:%Y-%m}" == LAST  # written at approval, no recomputation
    again = officer.post("/ar/dashboard/entries/new/", _entry_form(geography, value="60"))
    assert again.status_code == 409
    assert "اعتُمد رقم هذا الشهر وأُغلق" in again.content.decode()
    entry.refresh_from_db()
    value.refresh_from_db()
    assert (entry.status, entry.value, value.value) == ("approved", 80, 80)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("qena_officer", 403),
        ("qena_staff", 302),
        ("qena_governor", 302),
        ("aswan_outsider", 404),
        ("national_admin", 302),
    ],
)
def test_only_the_governorates_editors_approve_a_figure(client, personas, entry, persona, status):
    reviewer = client_for(client, personas[persona])
    response = reviewer.post(f"/ar/dashboard/entries/{entry.pk}/review/", {"decision": "approve"})

    entry.refresh_from_db()
    assert response.status_code == status
    assert entry.status == ("approved" if persona in EDITORS else "submitted")
    assert IndicatorValue.objects.exists() == (entry.status == "approved")


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_the_list_of_figures_holds_only_the_scope(client, geography, personas, entry, persona):
    response = client_for(client, personas[persona]).get("/ar/dashboard/entries/")

    shown = [row for row, _can_review in response.context["entries"]]
    assert shown == ([] if persona == "aswan_outsider" else [entry])


# Recomputation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status", "governorate", "parts"),
    [("anonymous", 302, None, None), ("qena_officer", 403, None, None), ("qena_staff", 302, "EG27", 1),
     ("qena_governor", 302, "EG27", 1), ("aswan_outsider", 302, "EG28", 1), ("national_admin", 302, None, 3)],
)  # fmt: skip
def test_governorate_editors_request_a_recomputation(client, personas, persona, status, governorate, parts):
    response = client_for(client, personas[persona]).post("/ar/dashboard/recompute/")

    assert response.status_code == status
    runs = [(getattr(run.governorate, "code", None), run.parts_total, run.requested_by, run.pk)
            for run in ComputationRun.objects.all()]  # fmt: skip
    assert runs == ([] if parts is None else [(governorate, parts, personas[persona], runs[0][3])])
    assert response["Location"].endswith(f"run={runs[0][3]}") if runs else True


@pytest.fixture
def eager_tasks():
    """CI configures a broker: run the queued tasks here anyway."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = eager


def test_a_recomputation_writes_the_values_and_reports_its_progress(
    client, personas, make_complaint, eager_tasks, django_capture_on_commit_callbacks
):
    make_complaint(district="EG2708")
    governor = client_for(client, personas["qena_governor"])

    with django_capture_on_commit_callbacks(execute=True):
        governor.post("/ar/dashboard/recompute/")

    run = ComputationRun.objects.get()
    progress = governor.get(f"/ar/dashboard/runs/{run.pk}/").json()
    assert progress == {"percent": 100, "finished": True, "parts_done": 1, "parts_total": 1}
    received = IndicatorValue.objects.get(indicator__code="complaints_received", district__code="EG2708",
                                          period=month_of(timezone.now()))  # fmt: skip
    assert received.value == 1
    assert not IndicatorValue.objects.filter(governorate__code="EG28").exists()


# Query counts and language ------------------------------------------------------------------------


def test_the_dashboard_reads_stored_values_in_the_same_number_of_queries_whatever_the_complaints(
    client, personas, make_complaint
):
    governor = client_for(client, personas["qena_governor"])
    counts = []
    for total in (5, 50):
        for index in range(Complaint.objects.count(), total):
            make_complaint(district=("EG2702", "EG2708")[index % 2])
        start = month_start(month_of(timezone.now()))  # half of them overdue this month
        half = list(Complaint.objects.order_by("pk").values_list("pk", flat=True)[: total // 2])
        Complaint.objects.filter(pk__in=half).update(created_at=start, due_at=start + timedelta(minutes=1))
        full_run_in_process()
        governor.get(f"/ar/dashboard/?period={THIS}")  # the session and the scope are warm
        with CaptureQueriesContext(connection) as queries:
            response = governor.get(f"/ar/dashboard/?period={THIS}")
        assert response.status_code == 200
        assert len(response.context["overdue"]) == min(total // 2, 10)
        counts.append(len(queries))

    assert counts[0] == counts[1] <= 15


@pytest.mark.parametrize(
    ("url", "district"),
    [("/ar/dashboard/", "EG2708"), ("/ar/dashboard/?period={last}", "EG2708"),
     ("/ar/dashboard/districts/EG2708/", "EG2708"),
     ("/ar/dashboard/districts/EG2702/?period={last}", "EG2702")],
)  # fmt: skip
def test_a_month_without_values_shows_no_data_rather_than_an_error(client, personas, computed, url, district):
    governor = client_for(client, personas["qena_governor"])

    response = governor.get(url.format(last=LAST))
    export = governor.get(f"/ar/dashboard/scorecard.xlsx?period={LAST}")

    assert response.status_code == 200 and NAMES[district] in response.content.decode()
    assert [row[2:4] for row in _xlsx_rows(export)[1:]] == [("EG2702", None), ("EG2708", None)]


def test_the_english_dashboard_reads_left_to_right(client, personas, computed):
    response = client_for(client, personas["qena_governor"]).get(f"/en/dashboard/?period={THIS}")

    body = response.content.decode()
    assert response.status_code == 200
    assert 'dir="ltr"' in body and 'lang="en"' in body
    assert "Performance dashboard" in body and "لوحة متابعة الأداء" not in body
    assert "Nag Hammadi" in body and "Districts ranked by their score" in body


@pytest.mark.parametrize("run", ["abc", "-1", "1/2", "99999999999999999999", "١"])
def test_a_malformed_run_to_follow_is_ignored(client, personas, computed, run):
    response = client_for(client, personas["qena_governor"]).get("/ar/dashboard/", {"run": run})

    assert response.status_code == 200
    assert b"data-run-status" not in response.content


def test_a_national_administrators_month_picker_and_button_keep_the_governorate(client, personas, computed):
    response = client_for(client, personas["national_admin"]).get("/ar/dashboard/?governorate=EG27")

    assert response.content.count(b'name="governorate" value="EG27"') == 2  # the month picker, recompute
