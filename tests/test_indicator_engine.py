"""The indicator engine (DESIGN.md §5) against figures worked out by hand: every complaint indicator on
hand-built complaints, the project, inspection and obstacle indicators, scorecards and ranks, and
recomputation that writes nothing twice and whose incremental runs equal a full one."""

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

import pytest

from complaints.models import Category, Complaint
from indicators.defaults import default_indicators_ensure
from indicators.engine.runs import changes_recompute, governorate_recompute
from indicators.models import Indicator, IndicatorValue, Scorecard, Target
from initiatives.models import Initiative, Inspection, Obstacle, ProgressReport
from portal.models import District, Governorate

CAIRO = ZoneInfo("Africa/Cairo")
A, B = "EG2702", "EG2708"
FEB, MAR, APR, MAY = (date(2026, month, 1) for month in (2, 3, 4, 5))
COMPLAINT_CODES = [
    "complaints_received", "complaints_resolved", "resolution_rate", "median_resolution_hours",
    "sla_compliance", "overdue_backlog", "satisfaction_avg",
]  # fmt: skip


def cairo(month, day, hour=0, minute=0, second=0, year=2026):
    return datetime(year, month, day, hour, minute, second, tzinfo=CAIRO).astimezone(UTC)


def utc(month, day, hour, minute=0):
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


NOW = cairo(5, 15, 12)  # summer time: 09:00 UTC


class Row(NamedTuple):
    district: str
    created: datetime
    due: datetime
    resolved: datetime | None = None
    status: str = "new"
    rating: int | None = None


# fmt: off
COMPLAINTS = {
    "a0": Row(A, cairo(1, 20, 10), cairo(1, 21, 10), None, "rejected"),  # the only January one
    "a1": Row(A, cairo(2, 2, 10), cairo(2, 5, 10), cairo(2, 3, 10), "resolved", 5),  # 24 h
    "a2": Row(A, cairo(2, 10, 8), cairo(2, 12, 8), cairo(2, 12, 8), "closed", 4),  # exactly at the due time
    "a3": Row(A, cairo(2, 20, 9), cairo(2, 22, 9), cairo(2, 22, 9, 0, 1), "resolved"),  # a second late
    "a4": Row(A, cairo(2, 25, 12), cairo(2, 27, 12), None, "in_progress"),  # reopened
    "a5": Row(A, cairo(2, 26, 12), cairo(2, 28, 12), cairo(2, 27, 12), "rejected", 1),
    "b1": Row(B, cairo(2, 15, 10), cairo(2, 16, 10), cairo(2, 16, 10), "resolved", 1),  # 24 h, at due
    "b2": Row(B, cairo(2, 15, 11), cairo(2, 16, 11), cairo(2, 15, 13), "closed"),  # 2 h
    "a6": Row(A, cairo(3, 1), cairo(3, 3), cairo(3, 1, 10), "resolved", 3),  # 10 h
    "a7": Row(A, cairo(3, 5), cairo(3, 6), cairo(3, 5, 20), "resolved"),  # 20 h
    "a8": Row(A, cairo(3, 10), cairo(3, 11), cairo(3, 11, 6), "resolved", 2),  # 30 h, late
    "a9": Row(A, cairo(3, 20), cairo(3, 25), cairo(4, 1), "resolved"),  # 288 h, resolved at end(March)
    "a10": Row(A, utc(3, 31, 21, 30), cairo(4, 2, 23, 30), cairo(4, 1, 9, 30), "resolved", 5),  # 23:30 Cairo
    "a11": Row(A, utc(3, 31, 22, 30), cairo(4, 3, 0, 30)),  # April 1 00:30 in Cairo
    "a12": Row(A, cairo(3, 28), cairo(4, 10), cairo(3, 30, 2), "closed"),  # 50 h, before due
    "a13": Row(A, cairo(3, 15), cairo(4, 15, 12), None, "accepted"),
    "a14": Row(A, cairo(4, 23, 12), cairo(4, 24, 12), cairo(4, 25, 12), "resolved", 4),  # 47 h across DST
    "a18": Row(A, cairo(4, 29, 10), cairo(5, 1, 10), cairo(5, 12, 10), "resolved"),  # 312 h
    "b3": Row(B, cairo(4, 10, 10), cairo(4, 12, 10), None, "rejected"),
    "b4": Row(B, cairo(4, 20, 10), cairo(4, 21, 10), None, "in_progress"),  # reopened
    "a15": Row(A, utc(4, 30, 21, 30), cairo(5, 2, 0, 30)),  # May 1 00:30 in Cairo summer time
    "a16": Row(A, cairo(5, 10, 10), cairo(5, 20, 10)),  # due after NOW
    "a17": Row(A, cairo(5, 14, 10), cairo(5, 15, 10), None, "accepted"),  # due two hours before NOW
    "a19": Row(A, cairo(5, 15, 8), cairo(5, 15, 12, 30)),  # due half an hour after NOW
    "s1": Row("EG2802", cairo(2, 8, 10), cairo(2, 9, 10)),
    "s2": Row("00301", cairo(2, 9, 10), cairo(2, 10, 10), cairo(2, 10, 9), "resolved", 5),
}
# fmt: on


def complaints_create(rows: dict[str, Row]) -> None:
    category = Category.objects.get(code="roads")
    districts = {district.code: district for district in District.objects.all()}
    complaints = [
        Complaint(
            tracking_code=f"IND-{name}", district=districts[row.district], category=category,
            governorate_id=districts[row.district].governorate_id, description="كسر في ماسورة المياه",
            name="محمد عبد الرحيم", phone="+201001234567", status=row.status, created_at=row.created,
            due_at=row.due, resolved_at=row.resolved, satisfaction=row.rating,
        )
        for name, row in rows.items()
    ]  # fmt: skip
    Complaint.objects.bulk_create(complaints)


# DESIGN.md §5 in plain Python ---------------------------------------------------------------------


def month(moment: datetime) -> date:
    local = moment.astimezone(CAIRO)
    return date(local.year, local.month, 1)


def following(period: date) -> date:
    return date(period.year + period.month // 12, period.month % 12 + 1, 1)


def end_of(period: date, now: datetime) -> datetime:
    nxt = following(period)
    return min(datetime(nxt.year, nxt.month, 1, tzinfo=CAIRO).astimezone(UTC), now)


def percent(part, whole):
    return 100 * part / whole if whole else None


def median(values):
    values = sorted(values)
    return (values[(len(values) - 1) // 2] + values[len(values) // 2]) / 2 if values else None


def by_hand(rows, districts, now) -> dict[tuple[str, str, date], tuple]:
    """{(code, district, month): (value, numerator, denominator)}, every month from the first complaint's."""
    rows = [row for row in rows if row.status != "rejected" and row.district in districts]
    periods = [min(month(row.created) for row in rows)]
    while periods[-1] < month(now):
        periods.append(following(periods[-1]))
    expected = {}
    for district, period in itertools.product(districts, periods):
        mine, end = [row for row in rows if row.district == district], end_of(period, now)
        filed = [row for row in mine if month(row.created) == period]
        answered = [row for row in filed if row.resolved]
        settled = [row for row in mine if row.resolved and month(row.resolved) == period]
        on_time = [row for row in settled if row.resolved <= row.due]
        hours = [(row.resolved - row.created).total_seconds() / 3600 for row in settled]
        rated = [row.rating for row in settled if row.rating]
        backlog = [row for row in mine if row.due < end and not (row.resolved and row.resolved < end)]
        figures = {
            "complaints_received": (len(filed), len(filed), None),
            "complaints_resolved": (len(settled), len(settled), None),
            "resolution_rate": (percent(len(answered), len(filed)), len(answered), len(filed)),
            "median_resolution_hours": (median(hours), None, len(settled)),
            "sla_compliance": (percent(len(on_time), len(settled)), len(on_time), len(settled)),
            "overdue_backlog": (len(backlog), len(backlog), None),
            "satisfaction_avg": (sum(rated) / len(rated) if rated else None, sum(rated), len(rated)),
        }
        expected |= {(code, district, period): figure for code, figure in figures.items()}
    return expected


def same(expected, stored) -> bool:
    return (expected is None) == (stored is None) and (expected is None or stored == pytest.approx(expected))


def series(code, district, field="value") -> list:
    rows = IndicatorValue.objects.filter(indicator__code=code, district__code=district).order_by("period")
    return list(rows.values_list(field, flat=True))


def snapshot(with_time=False) -> tuple[dict, dict]:
    fields = ["value", "numerator", "denominator", "target", "score", "light"] + ["computed_at"] * with_time
    values = IndicatorValue.objects.values_list("indicator__code", "district__code", "period", *fields)
    cards = Scorecard.objects.values_list(
        "district__code", "period", "score", "rank", "previous_rank", "light"
    )
    return {row[:3]: row[3:] for row in values}, {row[:2]: row[2:] for row in cards}


def differences(left: tuple[dict, dict], right: tuple[dict, dict]) -> list[str]:
    """The value rows, then scorecards, missing from one side or different: one line each."""
    return sorted(
        f"{key}: {one.get(key, 'missing')} != {other.get(key, 'missing')}"
        for one, other in zip(left, right, strict=True)
        for key in one.keys() | other.keys()
        if one.get(key) != other.get(key)
    )


def everything_recompute(now) -> int:
    return sum(governorate_recompute(pk, now=now) for pk in Governorate.objects.values_list("pk", flat=True))


def full_from_scratch(now) -> tuple[dict, dict]:
    IndicatorValue.objects.all().delete()
    Scorecard.objects.all().delete()
    everything_recompute(now)
    return snapshot()


def nothing_changed_since(moment):
    for model, field in ((Complaint, "updated_at"), (Initiative, "updated_at"), (Inspection, "created_at")):
        model.objects.update(**{field: moment - timedelta(hours=1)})


@pytest.fixture(autouse=True)
def indicators(db):
    default_indicators_ensure(Indicator, Target, year=2026)  # a transactional test may have flushed them


@pytest.fixture
def qena_computed(geography):
    complaints_create(COMPLAINTS)
    return governorate_recompute(geography["qena"].pk, now=NOW)


def project(geography, districts, start, end, *reports, **fields):
    initiative = Initiative.objects.create(
        title_ar="رصف وإنارة طريق", summary_ar="رصف الطريق الرئيسي", sector="roads", theme="quality_of_life",
        governorate=geography[districts[0]].governorate, planned_start=start, planned_end=end,
        **{"status": "active", **fields},
    )  # fmt: skip
    initiative.districts.set([geography[code] for code in districts])
    for reviewed_at, percent_done, status in reports:
        ProgressReport.objects.create(initiative=initiative, percent=percent_done, narrative="تم التنفيذ",
                                      status=status, reviewed_at=reviewed_at)  # fmt: skip
    return initiative


def obstacle(initiative, created_at, resolved_at=None):
    Obstacle.objects.create(
        initiative=initiative, kind="funding", description="تأخر صرف الدفعة", owner="مديرية الطرق",
        needed_by=date(2026, 6, 1), created_at=created_at, resolved_at=resolved_at,
        status="resolved" if resolved_at else "open", resolution="صرفت الدفعة" if resolved_at else "",
    )  # fmt: skip


@pytest.fixture
def field_work(geography):
    """Projects with approved progress, obstacles and inspections; every governorate starts in January."""
    complaints_create({code: Row(code, cairo(1, 5, 10), cairo(1, 6, 10)) for code in [A, "EG2802", "00301"]})
    ok = "approved"
    projects = {
        "p1": project(geography, [A], date(2026, 1, 1), date(2026, 12, 31), (cairo(2, 10), 10, ok),
                      (cairo(3, 20), 30, ok), (cairo(4, 5), 90, "submitted"), (cairo(5, 10), 40, ok)),
        "p2": project(geography, [A, B], date(2026, 3, 10), date(2026, 6, 30), (cairo(3, 25), 20, ok),
                      (cairo(4, 28), 60, ok)),
        "p3": project(geography, [A], date(2026, 1, 1), date(2026, 2, 1), status="cancelled"),
        "p4": project(geography, [A], date(2025, 6, 1), date(2026, 2, 15), (cairo(1, 15), 80, ok),
                      status="completed", actual_end=date(2026, 2, 20)),
        "p6": project(geography, [B], date(2026, 5, 5), date(2026, 7, 4)),
        "aswan": project(geography, ["EG2802"], date(2026, 1, 1), date(2026, 12, 31)),
    }  # fmt: skip
    Initiative.objects.update(created_at=cairo(1, 1, year=2025))  # all entered in the portal long ago
    obstacle(projects["p1"], cairo(1, 10), cairo(3, 5))
    obstacle(projects["p2"], cairo(3, 12))
    obstacle(projects["p1"], cairo(4, 3), cairo(4, 20))  # opened and resolved within April
    obstacle(projects["p1"], cairo(4, 30, 23), cairo(5, 1, 0, 30))  # still open at the end of April
    obstacle(projects["p1"], cairo(5, 14))
    obstacle(projects["aswan"], cairo(2, 1))
    inspected = [(A, cairo(2, 3)), (A, cairo(2, 28, 23, 30)), (A, utc(2, 28, 22, 30)), (B, cairo(4, 9)),
                 (A, cairo(5, 1)), (A, cairo(5, 2)), (A, cairo(5, 14)), ("EG2802", cairo(3, 3))]  # fmt: skip
    for code, moment in inspected:
        Inspection.objects.create(governorate=geography[code].governorate, district=geography[code],
                                  kind="roads", place="شارع الجمهورية", inspected_at=moment)  # fmt: skip
    governorate_recompute(geography["qena"].pk, now=NOW)
    return projects


# Complaint indicators -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", COMPLAINT_CODES)
def test_every_complaint_indicator_matches_an_independent_computation(qena_computed, code):
    expected = {key: row for key, row in by_hand(COMPLAINTS.values(), [A, B], NOW).items() if key[0] == code}
    rows = IndicatorValue.objects.filter(indicator__code=code, district__code__in=[A, B])
    stored = {row[:3]: row[3:] for row in rows.values_list("indicator__code", "district__code", "period",
                                                           "value", "numerator", "denominator")}  # fmt: skip

    assert sorted(stored) == sorted(expected)  # February (not the rejected one's January) to May
    # an empty numerator or denominator may be stored as 0 or as null; a value may not
    wrong = [
        (key, figure, stored[key])
        for key, figure in expected.items()
        if not same(figure[0], stored[key][0])
        or any(not same(e or 0, s or 0) for e, s in zip(figure[1:], stored[key][1:], strict=True))
    ]
    assert wrong == []


def test_months_follow_cairo_time_including_summer_time(qena_computed):
    # a10 (March 31 23:30 Cairo) is March's; a11 (22:30 UTC) April's; a15 (21:30 UTC in summer) May's
    assert series("complaints_received", A) == [4, 7, 3, 4]
    # a9, resolved at Cairo's midnight of April 1, is resolved in April
    assert series("complaints_resolved", A) == [3, 4, 3, 1]
    assert series("complaints_received", B) == [2, 0, 1, 0]


def test_a_month_without_complaints_counts_zero_and_leaves_its_rates_null(qena_computed):
    march = {v.indicator.code: v.value for v in IndicatorValue.objects.filter(district__code=B, period=MAR)}

    assert march["complaints_received"] == march["complaints_resolved"] == 0
    for code in ("resolution_rate", "median_resolution_hours", "sla_compliance", "satisfaction_avg"):
        assert march[code] is None, code
    # May: one complaint resolved but not rated, so no satisfaction; four filed, none resolved: 0 %, not null
    assert series("satisfaction_avg", A)[-1] is None
    rate = IndicatorValue.objects.get(indicator__code="resolution_rate", district__code=A, period=MAY)
    assert (rate.value, rate.numerator, rate.denominator) == (0, 0, 4)


def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_values(qena_computed):
    # A in March: 10, 20, 30 and 50 hours; B in February: 2 and 24 hours
    assert series("median_resolution_hours", A)[1] == pytest.approx(25)
    assert series("median_resolution_hours", B)[0] == pytest.approx(13)
    # odd counts: the middle one; April's middle is 47 real hours across the summer-time change
    assert series("median_resolution_hours", A) == pytest.approx([48, 25, 47, 312])
    assert series("median_resolution_hours", A, "denominator") == [3, 4, 3, 1]


def test_a_complaint_resolved_exactly_at_its_due_time_counts_as_on_time(qena_computed):
    assert series("sla_compliance", A)[0] == pytest.approx(200 / 3)  # a1 early, a2 at due, a3 a second late
    assert series("sla_compliance", A, "numerator")[0] == 2
    assert series("sla_compliance", A, "denominator")[0] == 3
    assert series("sla_compliance", B)[0] == 100


def test_reopened_complaints_count_as_unresolved(qena_computed):
    assert series("resolution_rate", A)[0] == 75  # a4, reopened, is the one of four not resolved
    rate = IndicatorValue.objects.get(indicator__code="resolution_rate", district__code=B, period=APR)
    assert (rate.value, rate.numerator, rate.denominator) == (0, 0, 1)  # b4 reopened, b3 rejected


def test_rejected_complaints_are_left_out_of_every_indicator(qena_computed):
    # a rejected complaint filed in January does not start the months; a5's rating of 1 is not averaged
    assert IndicatorValue.objects.filter(district__code=A).earliest("period").period == FEB
    assert series("satisfaction_avg", A) == [4.5, 2.5, 4.5, None]
    assert series("satisfaction_avg", A, "numerator")[:3] == [9, 5, 9]
    assert series("complaints_received", A)[0] == 4


def test_the_backlog_keeps_reopened_complaints_and_those_resolved_only_at_the_months_end(qena_computed):
    # a4 reopened in February stays overdue every month; a9, resolved at end(March) itself, is in March's
    assert series("overdue_backlog", A) == [1, 2, 3, 5]
    assert series("overdue_backlog", B) == [0, 0, 1, 1]  # b4 reopened; b3 rejected; nothing in March


def test_the_current_months_backlog_counts_what_is_overdue_at_the_time_of_computation(qena_computed):
    assert series("overdue_backlog", A)[-1] == 5  # a16 and a19 are not due yet at NOW

    governorate_recompute(District.objects.get(code=A).governorate_id, now=cairo(5, 20, 12))

    assert series("overdue_backlog", A) == [1, 2, 3, 7]


# Projects, inspections, obstacles -----------------------------------------------------------------


def test_project_inspection_and_obstacle_indicators_match_hand_counts(field_work):
    # Expected progress at end(m), linear: p1 9, 16, 25, 33, 37 (May 15); p2 -, -, 20, 46, 59; p6 17 in May.
    # p1's unapproved 90 % does not count; p3 is cancelled; p4 ended on February 20.
    assert series("projects_on_schedule", A) == [0, 0, 100, 50, 100]
    assert series("projects_on_schedule", A, "numerator") == [0, 0, 2, 1, 2]
    assert series("projects_on_schedule", A, "denominator") == [2, 1, 2, 2, 2]
    assert series("projects_on_schedule", B) == [None, None, 100, 100, 50]
    # 23:30 on February 28 is February's; 22:30 UTC that night is March 1 in Cairo
    assert series("inspections_done", A) == [0, 2, 1, 0, 3]
    assert series("inspections_done", B) == [0, 0, 0, 1, 0]
    # the one resolved at 00:30 on May 1 (summer time) was open at the end of April
    assert series("obstacles_open", A) == [1, 1, 1, 2, 2]
    assert series("obstacles_open", B) == [0, 0, 1, 1, 1]


# Scorecards ---------------------------------------------------------------------------------------


def score_by_hand(value, target, lower_is_better):
    if value is None or target is None:
        return None
    if lower_is_better:
        return 100.0 if value <= target else (100 * target / value if target > 0 else 0.0)
    return 100.0 if target <= 0 or value >= target else 100 * max(value, 0) / target


def test_the_composite_score_is_the_weighted_mean_of_indicator_scores_against_targets(qena_computed):
    targets = dict(Target.objects.filter(year=2026, district=None).values_list("indicator__code", "value"))
    cards = Scorecard.objects.filter(governorate__code="EG27").select_related("district")
    assert cards.count() == 2 * 4
    for card in cards:
        weighted, measured = [], False
        for value in IndicatorValue.objects.filter(district=card.district, period=card.period).select_related(
            "indicator"
        ):
            indicator = value.indicator
            score = score_by_hand(value.value, targets.get(indicator.code), indicator.lower_is_better)
            assert value.score == (None if score is None else pytest.approx(score, abs=0.005))
            if score is not None and indicator.weight > 0:
                weighted.append((score, float(indicator.weight)))
                measured |= indicator.unit != "count"  # counts alone (backlog, obstacles) give no score
        mean = sum(score * weight for score, weight in weighted) / sum(weight for _score, weight in weighted)
        assert card.score == (pytest.approx(mean, abs=0.051) if measured else None), (
            card.district,
            card.period,
        )
    # February by hand: A (2·88.24 + 100 + 2·74.07 + 2·100 + 2·100 + 0 + 100) / 11; B 850 / 11
    february = {card.district.code: (card.score, card.rank, card.light) for card in cards.filter(period=FEB)}
    assert february == {A: (84.1, 1, "amber"), B: (77.3, 2, "amber")}
    assert cards.get(district__code=B, period=MAR).rank is None  # nothing measured, so not ranked


def test_districts_are_ranked_within_their_governorate_and_equal_scores_share_a_rank(geography):
    # given only three indicators weighted, and two more districts in Qena
    weighted = ["resolution_rate", "sla_compliance", "median_resolution_hours"]
    Indicator.objects.exclude(code__in=weighted).update(weight=0)
    for code in ("EG2711", "EG2714"):
        District.objects.create(code=code, governorate=geography["qena"], kind="markaz", name_ar=code)
    due, filed = cairo(4, 2, 10), cairo(4, 1, 10)
    on_time = [filed, due, cairo(4, 1, 20), "resolved"]
    complaints_create({
        "a1": Row(A, *on_time), "a2": Row(A, filed, due, cairo(4, 5, 10), "resolved"),
        "a3": Row(A, filed, due), "a4": Row(A, filed, due), "b1": Row(B, *on_time), "b2": Row(B, *on_time),
        "c1": Row("EG2711", *on_time), "c2": Row("EG2711", *on_time),
        "e1": Row("EG2802", filed, due, cairo(4, 7, 10), "resolved"),
    })  # fmt: skip

    # when
    for governorate in ("qena", "aswan"):
        governorate_recompute(geography[governorate].pk, now=cairo(4, 20, 12))

    # then A: rate 50 % → 58.82, on time 50 % → 55.56, median 53 h → 100: (2·58.82 + 2·55.56 + 100) / 5;
    # Aswan ranks on its own: rate 100, on time 0, median 144 h → 50
    cards = Scorecard.objects.filter(period=APR).values_list("district__code", "score", "rank", "light")
    assert {code: rest for code, *rest in cards} == {
        A: [65.8, 3, "amber"], B: [100, 1, "green"], "EG2711": [100, 1, "green"],
        "EG2714": [None, None, "none"], "EG2802": [50, 1, "red"],
    }  # fmt: skip


# Recomputation ------------------------------------------------------------------------------------


def test_a_second_full_recompute_writes_nothing_and_changes_nothing(qena_computed, geography):
    assert qena_computed == 12 * 2 * 4  # 12 indicators, 2 districts, February to May
    before = snapshot(with_time=True)

    written = governorate_recompute(geography["qena"].pk, now=NOW + timedelta(minutes=20))

    assert written == 0
    assert snapshot(with_time=True) == before


def complaint_change(name, **fields):
    complaint = Complaint.objects.get(tracking_code=f"IND-{name}")
    for field, value in fields.items():
        setattr(complaint, field, value)
    complaint.save()  # bumps updated_at


def test_an_incremental_recompute_after_complaint_changes_equals_a_full_recompute(geography):
    # given every governorate computed at NOW, and nothing changed since
    complaints_create(COMPLAINTS)
    nothing_changed_since(NOW)
    everything_recompute(NOW)
    before = snapshot()[0]
    # when a few complaints change, one is backfilled into February, and a19 falls due by itself
    complaint_change("a13", status="resolved", resolved_at=cairo(5, 15, 12, 10), satisfaction=4)
    complaint_change("a6", status="in_progress", resolved_at=None, satisfaction=None)
    complaint_change("b4", status="rejected")
    complaints_create({"b5": Row(B, cairo(2, 20, 10), cairo(2, 21, 10))})
    later = cairo(5, 15, 13)
    written = changes_recompute(changed_since=NOW, now=later)
    incremental = snapshot()
    rewritten = set(
        IndicatorValue.objects.filter(computed_at=later).values_list(
            "indicator__code", "district__code", "period"
        )
    )

    # then
    assert incremental[0]["overdue_backlog", A, MAY][0] == 6  # a4, a6, a11, a15, a17, a19
    full = full_from_scratch(later)
    assert differences(incremental, full) == []
    changed = {key for key, row in full[0].items() if before.get(key) != row}
    assert rewritten == changed
    assert written == len(changed)


def test_an_incremental_recompute_after_a_month_ends_equals_a_full_recompute(geography):
    # given every governorate computed just before the end of May, and nothing changed since
    complaints_create(COMPLAINTS)
    nothing_changed_since(cairo(5, 31, 23, 50))
    everything_recompute(cairo(5, 31, 23, 50))

    # when the next run comes after midnight
    changes_recompute(changed_since=cairo(5, 31, 23, 50), now=cairo(6, 1, 0, 10))

    # then
    assert differences(snapshot(), full_from_scratch(cairo(6, 1, 0, 10))) == []


def rescheduled(projects):
    projects["p1"].planned_start = date(2026, 4, 1)  # from January
    projects["p1"].save()


def retitled(projects):
    projects["p4"].title_ar = "رصف طريق الحميدات (المرحلة الأولى)"  # planned in 2025
    projects["p4"].save()


@pytest.mark.parametrize("edit", [
    pytest.param(rescheduled),
    pytest.param(retitled),
])  # fmt: skip
def test_an_incremental_recompute_after_a_project_changes_equals_a_full_recompute(field_work, edit):
    # given every governorate computed at NOW, and nothing changed since
    everything_recompute(NOW)
    nothing_changed_since(NOW)

    # when
    edit(field_work)
    changes_recompute(changed_since=NOW, now=NOW + timedelta(hours=1))

    # then
    assert differences(snapshot(), full_from_scratch(NOW + timedelta(hours=1))) == []


def test_an_incremental_run_after_one_governorates_run_still_sees_the_others_changes(geography):
    from indicators.services import changes_run, full_run_in_process

    # given a national run at NOW, then Aswan's complaint resolved, then a run of Qena alone
    complaints_create(COMPLAINTS)
    full_run_in_process(now=NOW)
    complaint_change("s1", status="resolved", resolved_at=cairo(5, 15, 12, 30))
    full_run_in_process(governorate=geography["qena"], now=NOW + timedelta(hours=2))

    # when the beat's incremental run comes
    changes_run(now=NOW + timedelta(hours=3))

    # then Aswan's resolution counts: the incremental run started from the last national run
    assert series("complaints_resolved", "EG2802")[-1] == 1


def test_a_full_run_rewrites_the_months_before_a_first_complaint_that_was_rejected(geography):
    complaints_create({"j1": Row(A, cairo(1, 10), cairo(1, 11)), "m1": Row(A, cairo(3, 1), cairo(3, 2))})
    governorate_recompute(geography["qena"].pk, now=NOW)
    assert series("complaints_received", A)[:2] == [1, 0]

    complaint_change("j1", status="rejected")
    governorate_recompute(geography["qena"].pk, now=NOW)

    assert series("complaints_received", A)[:2] == [0, 0]  # January and February, still stored
    assert series("overdue_backlog", A)[:2] == [0, 0]


def test_suspended_projects_and_completed_ones_without_an_end_are_not_under_way(geography):
    complaints_create({"j1": Row(A, cairo(1, 10), cairo(1, 11))})
    project(geography, [B], date(2026, 1, 1), date(2026, 12, 31), status="suspended")
    project(geography, [B], date(2026, 1, 1), date(2026, 3, 31), status="completed")
    Initiative.objects.update(created_at=cairo(1, 1, year=2025))

    governorate_recompute(geography["qena"].pk, now=NOW)

    assert series("projects_on_schedule", B, "denominator") == [0, 0, 0, 0, 0]
