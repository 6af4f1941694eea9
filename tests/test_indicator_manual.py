"""Figures entered by hand: who may enter and approve them, their range, the lock on an approved month,
corrections after a return, the reminder before the deadline, and targets that re-score stored values."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from indicators.defaults import default_indicators_ensure
from indicators.engine.periods import next_month, previous_month
from indicators.models import Indicator, IndicatorValue, ManualEntry, Scorecard, Target
from indicators.services import manual_entry_review, manual_entry_submit, missing_entries_remind, target_set
from portal.models import Role
from portal.services import staff_create

STREETS_LIT = "streets_lit_share"
MARKETS = "market_inspections_passed"


@pytest.fixture(autouse=True)
def indicators(db):
    default_indicators_ensure(Indicator, Target)  # a transactional test may have flushed them


@pytest.fixture
def last_month():
    return previous_month(timezone.localdate().replace(day=1))


@pytest.fixture
def streets():
    return Indicator.objects.get(code=STREETS_LIT)


@pytest.fixture
def nag_hammadi_officer(geography):
    profile = staff_create(username="nag.officer", role=Role.DISTRICT_OFFICER, district=geography["EG2708"],
                           email="nag.officer@qena.gov.eg")  # fmt: skip
    return profile.user


@pytest.fixture
def submit(geography, streets, last_month):
    """An officer's figure for last month in Markaz Qena (streets lit: 760 of 1,000 lights by default)."""

    def make(actor, value=76.0, district="EG2702", indicator=None, period=None, **fields):
        return manual_entry_submit(
            actor=actor, indicator=indicator or streets, district=geography[district],
            period=period or last_month, value=value, **({"numerator": 760, "denominator": 1000} | fields),
        )  # fmt: skip

    return make


def stored(district="EG2702", code=STREETS_LIT):
    row = IndicatorValue.objects.filter(indicator__code=code, district__code=district).first()
    return row and (row.value, row.numerator, row.denominator, row.target, row.score, row.light)


def entry_state():
    return list(
        ManualEntry.objects.values_list("value", "status", "entered_by", "reviewed_by").order_by("pk")
    )


# Entering ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [100.5, -1])
def test_a_value_outside_the_indicators_range_is_refused_and_nothing_is_saved(qena_officer, submit, value):
    with pytest.raises(ValidationError) as refused:
        submit(qena_officer, value=value)

    assert "value" in refused.value.message_dict
    assert ManualEntry.objects.count() == 0


def test_a_correction_outside_the_range_leaves_the_figure_as_it_was(qena_officer, submit):
    submit(qena_officer, value=70, numerator=700)

    with pytest.raises(ValidationError):
        submit(qena_officer, value=120)

    assert ManualEntry.objects.get().value == 70


def test_a_percentage_must_be_what_its_numerator_and_denominator_make(qena_officer, submit):
    with pytest.raises(ValidationError) as refused:
        submit(qena_officer, value=76, numerator=5, denominator=1000)

    assert "value" in refused.value.message_dict
    assert ManualEntry.objects.count() == 0
    assert submit(qena_officer, value=76.3, numerator=763, denominator=1000).value == 76.3


def test_an_officer_cannot_enter_figures_for_another_district(nag_hammadi_officer, aswan_outsider, submit):
    for outsider in (nag_hammadi_officer, aswan_outsider):
        with pytest.raises(ValidationError) as refused:
            submit(outsider)
        assert "district" in refused.value.message_dict

    assert ManualEntry.objects.count() == 0


def test_a_figure_for_a_month_that_has_not_started_is_refused(qena_officer, submit):
    this_month = timezone.localdate().replace(day=1)

    with pytest.raises(ValidationError) as refused:
        submit(qena_officer, period=next_month(this_month))

    assert "period" in refused.value.message_dict
    assert ManualEntry.objects.count() == 0
    assert submit(qena_officer, period=this_month).period == this_month  # the month under way is fine


def test_computed_indicators_cannot_be_entered_by_hand(qena_officer, submit):
    with pytest.raises(ValidationError) as refused:
        submit(qena_officer, indicator=Indicator.objects.get(code="resolution_rate"))

    assert "indicator" in refused.value.message_dict
    assert ManualEntry.objects.count() == 0


# Reviewing --------------------------------------------------------------------------------------


def test_approval_writes_the_months_value_and_scorecard_at_once(qena_officer, qena_staff, submit, last_month):
    entry = submit(qena_officer)
    assert stored() is None  # waiting for approval: not on the dashboard

    manual_entry_review(entry=entry, reviewer=qena_staff, approve=True)

    # 76 % against the national target of 95 % scores 80: amber (70–90)
    assert stored() == (76.0, 760.0, 1000.0, 95.0, 80.0, "amber")
    assert IndicatorValue.objects.get(indicator__code=STREETS_LIT).period == last_month
    card = Scorecard.objects.get(district__code="EG2702", period=last_month)
    assert (card.score, card.rank) == (80.0, 1)


def test_an_approved_month_is_locked(qena_officer, qena_staff, submit):
    manual_entry_review(entry=submit(qena_officer), reviewer=qena_staff, approve=True)
    before = (entry_state(), stored())

    with pytest.raises(ValidationError):
        submit(qena_officer, value=90, numerator=900)
    with pytest.raises(ValidationError):  # nor reviewed a second time
        manual_entry_review(entry=ManualEntry.objects.get(), reviewer=qena_staff, approve=False, note="خطأ")

    assert (entry_state(), stored()) == before
    assert ManualEntry.objects.get().status == ManualEntry.Status.APPROVED


def test_an_approved_month_stays_locked_whatever_day_of_it_is_given(
    qena_officer, qena_staff, submit, last_month
):
    manual_entry_review(entry=submit(qena_officer), reviewer=qena_staff, approve=True)

    with pytest.raises(ValidationError):
        submit(qena_officer, value=10, period=last_month.replace(day=15))

    assert ManualEntry.objects.count() == 1


def test_the_author_cannot_approve_their_own_figure(qena_staff, qena_governor, submit):
    entry = submit(qena_staff)  # governorate staff may enter a district's figure themselves

    with pytest.raises(ValidationError):
        manual_entry_review(entry=entry, reviewer=qena_staff, approve=True)

    assert ManualEntry.objects.get().status == ManualEntry.Status.SUBMITTED
    assert stored() is None
    manual_entry_review(entry=entry, reviewer=qena_governor, approve=True)
    assert stored()[0] == 76.0


def test_an_officer_cannot_approve_and_another_governorate_cannot_review(
    qena_officer, nag_hammadi_officer, aswan_outsider, submit
):
    entry = submit(qena_officer)

    for reviewer in (nag_hammadi_officer, aswan_outsider):
        with pytest.raises(ValidationError):
            manual_entry_review(entry=entry, reviewer=reviewer, approve=True)

    assert ManualEntry.objects.get().status == ManualEntry.Status.SUBMITTED
    assert stored() is None


def test_a_returned_figure_can_be_corrected_and_resubmitted(qena_officer, qena_staff, submit):
    entry = submit(qena_officer)
    with pytest.raises(ValidationError):  # a return says what to correct
        manual_entry_review(entry=entry, reviewer=qena_staff, approve=False, note="  ")

    manual_entry_review(entry=entry, reviewer=qena_staff, approve=False, note="الحصر لا يشمل قرى المركز")
    with pytest.raises(ValidationError):  # nothing to approve until it is corrected
        manual_entry_review(entry=entry, reviewer=qena_staff, approve=True)
    corrected = submit(qena_officer, value=88, numerator=1320, denominator=1500)

    assert (corrected.pk, corrected.status, corrected.review_note, corrected.reviewed_by) == (
        entry.pk, ManualEntry.Status.SUBMITTED, "", None,
    )  # fmt: skip
    manual_entry_review(entry=corrected, reviewer=qena_staff, approve=True)
    assert stored()[:3] == (88.0, 1320.0, 1500.0)


# Reminders --------------------------------------------------------------------------------------


def test_officers_missing_last_months_figures_get_one_reminder_each(
    qena_officer, nag_hammadi_officer, geography, submit, mailoutbox
):
    # given: figures for March 2026 are due on April 10; Markaz Qena entered one of two, Nag Hammadi both
    qena_officer.email = "qena.officer@qena.gov.eg"
    qena_officer.save()
    staff_create(
        username="qena.officer2", role=Role.DISTRICT_OFFICER, district=geography["EG2702"]
    )  # no e-mail
    march = date(2026, 3, 1)
    submit(qena_officer, indicator=Indicator.objects.get(code=MARKETS), period=march)
    for code in (STREETS_LIT, MARKETS):
        submit(
            nag_hammadi_officer, district="EG2708", indicator=Indicator.objects.get(code=code), period=march
        )

    # when / then: nothing before the three days ahead of the deadline
    assert missing_entries_remind(today=date(2026, 4, 6)) == 0
    assert missing_entries_remind(today=date(2026, 4, 7)) == 1

    assert [message.to for message in mailoutbox] == [["qena.officer@qena.gov.eg"]]
    assert "2026-03" in mailoutbox[0].subject
    assert "نسبة الشوارع المضاءة" in mailoutbox[0].body  # the missing one
    assert "الأسواق" not in mailoutbox[0].body  # not the one entered
    # re-runs that day, the next days and after the deadline send nothing more
    assert [missing_entries_remind(today=date(2026, 4, day)) for day in (7, 8, 10, 11)] == [0, 0, 0, 0]
    assert len(mailoutbox) == 1
    # April's figures are another month: both officers are reminded once
    assert missing_entries_remind(today=date(2026, 5, 9)) == 2
    assert missing_entries_remind(today=date(2026, 5, 9)) == 0
    assert len(mailoutbox) == 3


# Targets ----------------------------------------------------------------------------------------


def test_only_national_administrators_set_targets(qena_staff, qena_governor, qena_officer, streets):
    year = timezone.localdate().year
    for actor in (qena_staff, qena_governor, qena_officer):
        with pytest.raises(ValidationError):
            target_set(actor=actor, indicator=streets, year=year, value=50)

    assert list(Target.objects.filter(indicator=streets, year=year).values_list("district", "value")) == [
        (None, 95)
    ]


def test_a_target_change_rescores_stored_values_and_scorecards(
    qena_officer, nag_hammadi_officer, qena_staff, national_admin, submit, streets, geography, last_month
):
    # given 76 % approved in both of Qena's districts, against 95 %: score 80
    for officer, district in ((qena_officer, "EG2702"), (nag_hammadi_officer, "EG2708")):
        manual_entry_review(entry=submit(officer, district=district), reviewer=qena_staff, approve=True)
    assert stored("EG2708")[3:] == (95.0, 80.0, "amber")

    # when the national target drops to 80 %, and Markaz Qena gets its own 76 %
    target_set(actor=national_admin, indicator=streets, year=last_month.year, value=80)
    target_set(
        actor=national_admin, indicator=streets, year=last_month.year, value=76, district=geography["EG2702"]
    )

    # then
    assert stored("EG2708")[3:] == (80.0, 95.0, "green")
    assert stored("EG2702")[3:] == (76.0, 100.0, "green")
    cards = Scorecard.objects.filter(period=last_month).values_list("district__code", "score", "rank")
    assert sorted(cards) == [("EG2702", 100.0, 1), ("EG2708", 95.0, 2)]
