"""The indicator API (DESIGN.md §3, §5) for every persona: definitions, scoped values and scorecards,
targets that only national administrators set, figures entered by hand with approval and locking, bad
input, and pinned query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indicators.defaults import default_indicators_ensure
from indicators.engine.periods import month_of, next_month, previous_month
from indicators.engine.runs import governorate_recompute
from indicators.models import Indicator, IndicatorValue, ManualEntry, Scorecard, Target
from indicators.services import full_run_in_process, manual_entry_submit
from tests.conftest import client_for

PERSONAS = ["anonymous", "qena_officer", "qena_staff", "qena_governor", "aswan_outsider", "national_admin"]
REVIEWERS = {"qena_staff", "qena_governor", "national_admin"}
PERIOD = month_of(timezone.now())
THIS, LAST, NEXT = (f"{month:%Y-%m}" for month in (PERIOD, previous_month(PERIOD), next_month(PERIOD)))
HUGE = 10**20
DENIED = (401, 403)
# The districts whose rows each persona reads.
QENA = {"EG2702", "EG2708"}
SEES = {"qena_officer": {"EG2702"}, "qena_staff": QENA, "qena_governor": QENA, "aswan_outsider": {"EG2802"},
        "national_admin": QENA | {"EG2802", "00301"}}  # fmt: skip
ROW = {"indicator", "district", "governorate", "period", "value", "numerator", "denominator", "target",
       "score", "light", "computed_at"}  # fmt: skip
TARGET = {"indicator": "resolution_rate", "year": PERIOD.year, "district": "EG2702", "value": 200}


@pytest.fixture(autouse=True)
def indicators(db):
    default_indicators_ensure(Indicator, Target)  # a transactional test may have flushed them


@pytest.fixture
def computed(geography, make_complaint, qena_staff):
    for district in ("EG2702", "EG2708", "EG2802"):
        make_complaint(district=district, actions=("accept", "start", "resolve"), actor=qena_staff)
    return full_run_in_process()


@pytest.fixture
def entry(geography, qena_officer):
    streets = Indicator.objects.get(code="streets_lit_share")
    return manual_entry_submit(actor=qena_officer, indicator=streets, district=geography["EG2702"],
                               period=previous_month(PERIOD), value=80)  # fmt: skip


def _rows(response) -> list[dict]:
    assert response.status_code == 200, response.content[:300]
    return response.json()["results"]


def _districts(response) -> set[str]:
    return {row["district"] for row in _rows(response)}


def _answers(status: int, expected) -> bool:
    """A status, or one of several (DENIED: an anonymous caller may get 401 or 403)."""
    return status in expected if isinstance(expected, tuple) else status == expected


# Who reaches what ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_definitions_are_public_and_the_rest_is_for_staff(api_client, personas, computed, entry, persona):
    client = client_for(api_client, personas[persona])
    staff = persona != "anonymous"

    assert client.get("/api/v1/indicators/").status_code == 200
    definition = client.get("/api/v1/indicators/resolution_rate/").json()
    assert definition["national_targets"][str(PERIOD.year)] == 85
    assert client.get("/api/v1/indicators/nope/").status_code == 404
    for url in ("indicator-values", "scorecards", "indicator-targets", "manual-entries"):
        status = client.get(f"/api/v1/{url}/").status_code
        assert status == 200 if staff else status in DENIED
    detail = client.get(f"/api/v1/manual-entries/{entry.pk}/").status_code
    assert detail == (404 if persona == "aswan_outsider" else 200) if staff else detail in DENIED
    if staff:
        listed = [row["id"] for row in _rows(client.get("/api/v1/manual-entries/"))]
        assert listed == ([] if persona == "aswan_outsider" else [entry.pk])


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_values_and_scorecards_hold_only_the_districts_in_scope(api_client, personas, computed, persona):
    client = client_for(api_client, personas[persona])

    values = client.get(f"/api/v1/indicator-values/?period={THIS}")
    cards = client.get(f"/api/v1/scorecards/?period={THIS}")

    assert _districts(values) == SEES[persona] == _districts(cards)
    assert len(_rows(values)) == len(SEES[persona]) * Indicator.objects.filter(is_active=True).count()
    assert {row["governorate"] for row in _rows(values)} <= {"EG27", "EG28", "SA-03"}


@pytest.mark.parametrize(
    ("persona", "query"),
    [("aswan_outsider", "governorate=EG27"), ("aswan_outsider", "district=EG2702"),
     ("qena_officer", "district=EG2708"), ("qena_staff", "governorate=EG28"),
     ("qena_governor", "district=EG2802")],
)  # fmt: skip
def test_asking_for_another_scope_returns_no_rows(api_client, personas, computed, persona, query):
    client = client_for(api_client, personas[persona])

    for url in ("indicator-values", "scorecards"):
        response = client.get(f"/api/v1/{url}/?{query}")
        assert response.json()["count"] == 0


def test_a_value_row_has_the_documented_fields(api_client, personas, computed):
    client = client_for(api_client, personas["qena_governor"])

    query = f"indicator=resolution_rate&district=EG2708&period={THIS}"
    (row,) = _rows(client.get(f"/api/v1/indicator-values/?{query}"))

    assert set(row) == ROW
    assert (row["indicator"], row["district"], row["governorate"], row["period"]) == (
        "resolution_rate", "EG2708", "EG27", THIS
    )  # fmt: skip
    assert (row["value"], row["numerator"], row["denominator"], row["target"]) == (100, 1, 1, 85)
    assert (row["score"], row["light"]) == (100, "green")


@pytest.mark.parametrize(
    ("query", "periods"),
    [(f"period={THIS}", {THIS}), (f"period_after={THIS}", {THIS}), (f"period_before={LAST}", set()),
     (f"period_after={LAST}&period_before={THIS}", {THIS}), ("light=green&indicator=resolution_rate", {THIS}),
     ("light=red&indicator=resolution_rate", set())],
)  # fmt: skip
def test_values_are_filtered_by_month_and_light(api_client, personas, computed, query, periods):
    rows = _rows(client_for(api_client, personas["qena_staff"]).get(f"/api/v1/indicator-values/?{query}"))

    assert {row["period"] for row in rows} == periods
    assert all(row["light"] == "green" for row in rows if "light=green" in query)


# Bad input ----------------------------------------------------------------------------------------

MONTH = "اكتب الشهر بالصيغة YYYY-MM."
# fmt: off
BAD_QUERIES = [
    ("indicator-values/?period=2026-13", 400, MONTH), ("indicator-values/?period=abcd", 400, MONTH),
    ("indicator-values/?period=0000-01", 400, MONTH), ("indicator-values/?period_after=2026-00", 400, MONTH),
    ("indicator-values/?period_before=x", 400, MONTH), ("indicator-values/?district=XX9999", 400, "district"),
    ("indicator-values/?governorate=XX99", 400, "governorate"),
    ("indicator-values/?indicator=nope", 400, "indicator"), ("indicator-values/?light=purple", 400, "light"),
    ("scorecards/?period=2026-13", 400, MONTH), ("manual-entries/?period=abcd", 400, MONTH),
    ("indicator-targets/?district=XX9999", 400, "district"),
    ("manual-entries/{huge}/", 404, ""), ("manual-entries/abc/", 404, ""),
    ("manual-entries/{huge}/approve/", 405, ""),  # a GET
]
# fmt: on


@pytest.mark.parametrize(("url", "status", "message"), BAD_QUERIES)
def test_a_bad_query_is_answered_4xx_with_a_message(api_client, personas, computed, url, status, message):
    response = client_for(api_client, personas["national_admin"]).get(f"/api/v1/{url.format(huge=HUGE)}")

    assert response.status_code == status
    assert message in response.content.decode()


# Figures entered by hand --------------------------------------------------------------------------


def _figure(**changes) -> dict:
    return {"indicator": "streets_lit_share", "district": "EG2702", "period": LAST, "value": 80, **changes}


OUT_OF_RANGE, ELSEWHERE = "يجب أن تكون القيمة بين 0 و100", "يمكنك إدخال الأرقام للمراكز التي تعمل بها فقط."
# fmt: off
BAD_FIGURES = [
    ({"value": 150}, "value", OUT_OF_RANGE), ({"value": -5}, "value", OUT_OF_RANGE),
    ({"value": "abc"}, "value", ""), ({"value": None}, "value", ""),
    ({"district": "EG2708"}, "district", ELSEWHERE), ({"district": "EG2802"}, "district", ELSEWHERE),
    ({"district": "XX9999"}, "district", ""),
    ({"indicator": "resolution_rate"}, "indicator", ""), ({"period": "2026-13"}, "period", ""),
    ({"period": NEXT}, "period", ""),
    pytest.param({"numerator": 8}, None, ""),
    pytest.param({"numerator": 8, "denominator": 0}, None, ""),
]
# fmt: on


@pytest.mark.parametrize(("changes", "field", "message"), BAD_FIGURES)
def test_a_refused_figure_creates_nothing(api_client, personas, changes, field, message):
    client = client_for(api_client, personas["qena_officer"])

    response = client.post("/api/v1/manual-entries/", _figure(**changes), format="json")

    assert response.status_code == 400
    if field:  # None: the refusal may name either field, or none
        assert message in " ".join(response.json()[field])
    assert not ManualEntry.objects.exists() and not IndicatorValue.objects.exists()


def test_an_approved_figure_counts_at_once_and_locks_the_month(api_client, personas):
    officer = client_for(api_client, personas["qena_officer"])
    created = officer.post("/api/v1/manual-entries/", _figure(), format="json")
    assert created.status_code == 201 and created.json()["status"] == "submitted"
    pk = created.json()["id"]

    staff = client_for(type(api_client)(), personas["qena_staff"])
    refused = staff.post(f"/api/v1/manual-entries/{pk}/return/", {"note": ""}, format="json")
    assert refused.status_code == 400 and "اذكر ما يحتاج إلى تصحيح." in refused.json()["note"]
    approved = staff.post(f"/api/v1/manual-entries/{pk}/approve/", {}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"

    query = f"indicator=streets_lit_share&district=EG2702&period={LAST}"
    (row,) = _rows(officer.get(f"/api/v1/indicator-values/?{query}"))
    assert (row["value"], row["target"], row["light"]) == (80, 95, "amber")
    again = officer.post("/api/v1/manual-entries/", _figure(value=60), format="json")
    assert again.status_code == 409 and "اعتُمد رقم هذا الشهر وأُغلق" in again.content.decode()
    twice = staff.post(f"/api/v1/manual-entries/{pk}/approve/", {}, format="json")
    assert twice.status_code == 409
    assert ManualEntry.objects.get().value == 80
    full_run_in_process()  # and a later recomputation keeps it
    assert _rows(officer.get(f"/api/v1/indicator-values/?{query}"))[0]["value"] == 80


def test_a_returned_figure_is_corrected_and_sent_again(api_client, personas, entry):
    staff = client_for(api_client, personas["qena_staff"])

    returned = staff.post(f"/api/v1/manual-entries/{entry.pk}/return/", {"note": "راجع الحصر"}, format="json")
    corrected = client_for(type(api_client)(), personas["qena_officer"]).post(
        "/api/v1/manual-entries/", _figure(value=90), format="json"
    )

    assert returned.status_code == 200 and returned.json()["review_note"] == "راجع الحصر"
    assert corrected.status_code == 201 and corrected.json()["id"] == entry.pk
    entry.refresh_from_db()
    assert (entry.status, entry.value) == ("submitted", 90)
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", DENIED), ("qena_officer", 403), ("qena_staff", 200),
     ("qena_governor", 200), ("aswan_outsider", 404), ("national_admin", 200)],
)  # fmt: skip
@pytest.mark.parametrize("action", ["approve", "return"])
def test_only_the_governorates_staff_review_a_figure(api_client, personas, entry, persona, status, action):
    client = client_for(api_client, personas[persona])

    response = client.post(f"/api/v1/manual-entries/{entry.pk}/{action}/", {"note": "راجع"}, format="json")

    entry.refresh_from_db()
    assert _answers(response.status_code, status)
    reviewed = {"approve": "approved", "return": "returned"}[action]
    assert entry.status == (reviewed if persona in REVIEWERS else "submitted")


def test_no_one_approves_the_figure_they_entered(api_client, personas, geography):
    staff = client_for(api_client, personas["qena_staff"])
    pk = staff.post("/api/v1/manual-entries/", _figure(), format="json").json()["id"]

    response = staff.post(f"/api/v1/manual-entries/{pk}/approve/", {}, format="json")

    assert response.status_code in (400, 403)
    assert ManualEntry.objects.get().status == "submitted" and not IndicatorValue.objects.exists()


# Targets ------------------------------------------------------------------------------------------


def _score(district: str) -> tuple:
    value = IndicatorValue.objects.get(indicator__code="resolution_rate", district__code=district,
                                       period=PERIOD)  # fmt: skip
    return value.target, value.score, value.light


def test_a_district_target_rescores_that_district_only(api_client, personas, computed):
    client = client_for(api_client, personas["national_admin"])
    before = Scorecard.objects.get(district__code="EG2702", period=PERIOD).score

    response = client.post("/api/v1/indicator-targets/", TARGET, format="json")

    assert response.status_code == 201 and response.json()["district"] == "EG2702"
    assert _score("EG2702") == (200, 50, "red")
    assert _score("EG2708") == (85, 100, "green")
    assert Scorecard.objects.get(district__code="EG2702", period=PERIOD).score < before
    staff = client_for(type(api_client)(), personas["qena_staff"])
    listed = _rows(staff.get("/api/v1/indicator-targets/?district=EG2702"))
    assert [(row["indicator"], row["district"], row["value"]) for row in listed] == [
        ("resolution_rate", "EG2702", 200)
    ]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", DENIED), ("qena_officer", 403), ("qena_staff", 403), ("qena_governor", 403),
     ("aswan_outsider", 403), ("national_admin", 201)],
)  # fmt: skip
def test_only_national_administrators_set_targets(api_client, personas, computed, persona, status):
    targets = Target.objects.count()
    client = client_for(api_client, personas[persona])

    response = client.post("/api/v1/indicator-targets/", TARGET, format="json")

    assert _answers(response.status_code, status)
    assert Target.objects.count() == targets + (status == 201)
    assert _score("EG2702") == ((200, 50, "red") if status == 201 else (85, 100, "green"))


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"district": "XX9999"}, "district"), ({"indicator": "nope"}, "indicator"), ({"year": 1999}, "year"),
     ({"value": "abc"}, "value"), ({"year": None}, "year")],
)  # fmt: skip
def test_a_malformed_target_is_refused_and_nothing_is_created(api_client, personas, computed, changes, field):
    targets = list(Target.objects.values_list("indicator__code", "year", "district", "value"))
    client = client_for(api_client, personas["national_admin"])

    response = client.post("/api/v1/indicator-targets/", TARGET | changes, format="json")

    assert response.status_code == 400 and response.json()[field]
    assert list(Target.objects.values_list("indicator__code", "year", "district", "value")) == targets
    assert _score("EG2702") == (85, 100, "green")


def test_setting_a_target_again_replaces_it(api_client, personas, computed):
    client = client_for(api_client, personas["national_admin"])

    client.post("/api/v1/indicator-targets/", TARGET, format="json")
    client.post("/api/v1/indicator-targets/", TARGET | {"value": 100}, format="json")

    assert Target.objects.get(district__code="EG2702").value == 100
    assert _score("EG2702") == (100, 100, "green")


# Query counts -------------------------------------------------------------------------------------


def test_values_are_listed_in_the_same_number_of_queries_for_one_district_or_three(
    api_client, geography, personas, make_complaint, django_assert_max_num_queries
):
    client = client_for(api_client, personas["national_admin"])
    make_complaint(district="EG2802")
    governorate_recompute(geography["aswan"].pk, now=timezone.now())  # one district
    client.get("/api/v1/indicator-values/")  # the session and the scope are warm
    with CaptureQueriesContext(connection) as one:
        assert _districts(client.get("/api/v1/indicator-values/")) == {"EG2802"}

    make_complaint(district="EG2702")
    governorate_recompute(geography["qena"].pk, now=timezone.now())  # three
    with django_assert_max_num_queries(len(one)):
        assert _districts(client.get("/api/v1/indicator-values/")) == {"EG2702", "EG2708", "EG2802"}
    assert len(one) <= 5


def test_staff_read_national_targets_and_only_their_own_districts_overrides(api_client, personas, geography):
    rate = Indicator.objects.get(code="resolution_rate")
    Target.objects.create(indicator=rate, year=PERIOD.year, district=geography["EG2702"], value=95)
    Target.objects.create(indicator=rate, year=PERIOD.year, district=geography["EG2802"], value=75)

    def overrides(persona):
        client = client_for(api_client, personas[persona])
        rows = client.get(f"/api/v1/indicator-targets/?indicator=resolution_rate&year={PERIOD.year}").json()
        return {row["district"] for row in rows["results"]}

    assert overrides("aswan_outsider") == {None, "EG2802"}
    assert overrides("qena_staff") == {None, "EG2702"}
    assert overrides("national_admin") == {None, "EG2702", "EG2802"}
