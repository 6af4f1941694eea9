"""Every change to indicators: recomputation runs, figures entered by hand and their approval, targets
and thresholds. Views, the API, the admin, tasks and the command call these."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from indicators.engine.measures import Measures
from indicators.engine.periods import month_of, months_between, next_month, previous_month
from indicators.engine.runs import changes_recompute, governorate_recompute
from indicators.engine.store import rescore, scorecards_store, values_store
from indicators.models import ComputationRun, EntryReminder, Indicator, ManualEntry, Target
from initiatives.services.access import field_worker, governorate_editor
from initiatives.services.projects import CONFLICT
from portal.audit import audit_record
from portal.models import District, Governorate, Role, StaffProfile
from portal.scoping import Scope

# Rows stamped just before a run started may commit after it read them: look back this far.
CHANGES_OVERLAP = timedelta(minutes=2)
INCREMENTAL_LOCK = "indicators:incremental-run"


def full_run_start(*, actor=None, governorate: Governorate | None = None, now: datetime | None = None):
    """Start a full recomputation: one Celery task per governorate, queued after commit."""
    from indicators.tasks import compute_governorate

    now = now or timezone.now()
    governorate_ids = (
        [governorate.pk] if governorate else list(Governorate.objects.values_list("pk", flat=True))
    )
    run = ComputationRun.objects.create(
        kind=ComputationRun.Kind.FULL,
        governorate=governorate,
        requested_by=actor if actor else None,
        started_at=now,
        source_until=now,
        parts_total=len(governorate_ids),
    )
    if not governorate_ids:
        run_part_done(run_id=run.pk, written=0)
    transaction.on_commit(
        lambda: [compute_governorate.delay(run.pk, governorate_id) for governorate_id in governorate_ids]
    )
    return run


def run_governorate(*, run_id: int, governorate_id: int) -> int:
    """One part of a full run. The part is counted even when it fails (the error goes to the worker's
    log), so that the run ends and its progress bar stops."""
    run = ComputationRun.objects.get(pk=run_id)
    written = 0
    try:
        written = governorate_recompute(governorate_id, now=run.source_until)
    finally:
        run_part_done(run_id=run_id, written=written)
    return written


def run_part_done(*, run_id: int, written: int) -> None:
    ComputationRun.objects.filter(pk=run_id).update(
        parts_done=F("parts_done") + 1, values_written=F("values_written") + written
    )
    # Whichever part ends last closes the run (a conditional UPDATE: exactly one does).
    ComputationRun.objects.filter(
        pk=run_id, finished_at__isnull=True, parts_done__gte=F("parts_total")
    ).update(finished_at=timezone.now())


def changes_run(*, now: datetime | None = None) -> ComputationRun | None:
    """Recompute what changed since the last finished run; a full run when there was none.

    Returns None when another incremental run holds the lock (the beat fired while one was running)."""
    now = now or timezone.now()
    if not cache.add(INCREMENTAL_LOCK, now.isoformat(), timeout=30 * 60):
        return None
    try:
        # Only a run of every governorate covers the whole country's changes up to its start.
        last = (
            ComputationRun.objects.filter(finished_at__isnull=False, governorate__isnull=True)
            .order_by("-source_until")
            .first()
        )
        if last is None:
            return full_run_in_process(now=now)
        run = ComputationRun.objects.create(
            kind=ComputationRun.Kind.INCREMENTAL, started_at=now, source_until=now, parts_total=1
        )
        written = changes_recompute(changed_since=last.source_until - CHANGES_OVERLAP, now=now)
        run_part_done(run_id=run.pk, written=written)
        run.refresh_from_db()
        return run
    finally:
        cache.delete(INCREMENTAL_LOCK)


def full_run_in_process(
    *, governorate: Governorate | None = None, now: datetime | None = None, progress=None
) -> ComputationRun:
    """A full run in this process, governorate after governorate (the command; the first beat run).
    `progress(done, total, governorate)` is called after each governorate."""
    now = now or timezone.now()
    governorates = [governorate] if governorate else list(Governorate.objects.order_by("code"))
    run = ComputationRun.objects.create(
        kind=ComputationRun.Kind.FULL,
        governorate=governorate,
        started_at=now,
        source_until=now,
        parts_total=len(governorates),
    )
    for done, part in enumerate(governorates, start=1):
        run_governorate(run_id=run.pk, governorate_id=part.pk)
        if progress:
            progress(done, len(governorates), part)
    if not governorates:
        run_part_done(run_id=run.pk, written=0)
    run.refresh_from_db()
    return run


# Figures entered by hand -------------------------------------------------------------------------


def manual_entry_submit(
    *, actor, indicator: Indicator, district: District, period: date, value: float,
    numerator: float | None = None, denominator: float | None = None, note: str = "",
) -> ManualEntry:  # fmt: skip
    """An officer's figure for a month: new, or a correction of one not yet approved."""
    period = period.replace(day=1)  # a month is its first day, whatever day a caller passes
    _check_can_enter(actor, indicator, district, period)
    _check_figure(indicator, value, numerator, denominator)
    fields = {
        "value": value, "numerator": numerator, "denominator": denominator, "note": note.strip(),
        "status": ManualEntry.Status.SUBMITTED, "entered_by": actor, "entered_at": timezone.now(),
        "review_note": "", "reviewed_by": None, "reviewed_at": None,
    }  # fmt: skip
    try:
        with transaction.atomic():
            return _entry_write(indicator, district, period, fields, actor)
    except IntegrityError as error:  # the same month sent twice at once: the first one won
        raise ValidationError(
            _("This figure was just entered by someone else; reload the page."), code=CONFLICT
        ) from error


def _entry_write(indicator, district, period, fields: dict, actor) -> ManualEntry:
    entry = (
        ManualEntry.objects.select_for_update()
        .filter(indicator=indicator, district=district, period=period)
        .first()
    )
    if entry is None:
        return ManualEntry.objects.create(indicator=indicator, district=district, period=period, **fields)
    if entry.is_locked:
        raise ValidationError(
            _("This month's figure was approved and is locked; it can no longer be changed."), code=CONFLICT
        )
    for name, field_value in fields.items():
        setattr(entry, name, field_value)
    entry.save()
    audit_record(entry, actor=actor, event="corrected", value=fields["value"])
    return entry


def manual_entry_reviewer(user, entry: ManualEntry) -> bool:
    """Governorate staff, the governor or a national administrator; never the person who entered it."""
    return governorate_editor(user, entry.district.governorate_id) and entry.entered_by_id != user.pk


@transaction.atomic
def manual_entry_review(*, entry: ManualEntry, reviewer, approve: bool, note: str = "") -> ManualEntry:
    """Approve (the month locks and counts on the dashboard) or return a figure with a note."""
    if not manual_entry_reviewer(reviewer, entry):
        raise ValidationError(
            _("Figures are approved by the governorate's staff, never by the person who entered them.")
        )
    if not approve and not note.strip():
        raise ValidationError({"note": _("Say what needs correcting.")})
    status = ManualEntry.Status.APPROVED if approve else ManualEntry.Status.RETURNED
    updated = ManualEntry.objects.filter(pk=entry.pk, status=ManualEntry.Status.SUBMITTED).update(
        status=status, review_note=note.strip(), reviewed_by=reviewer, reviewed_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("This figure was already reviewed."), code=CONFLICT)
    entry.refresh_from_db()
    audit_record(entry, actor=reviewer, event=status, note=note)
    if approve:
        _store_approved(entry)
    return entry


def _store_approved(entry: ManualEntry) -> None:
    """The dashboard reads stored values only: write this one, and the month's scorecards, now."""
    measures = Measures()
    measures.set(
        entry.indicator.code,
        entry.district_id,
        entry.period,
        value=entry.value,
        numerator=entry.numerator,
        denominator=entry.denominator,
    )
    now = timezone.now()
    values_store(
        measures,
        codes=[entry.indicator.code],
        district_ids=[entry.district_id],
        periods=[entry.period],
        now=now,
    )
    # This month's scores, and the ranks of the months after it that compare with them.
    months = months_between(entry.period, month_of(now))
    scorecards_store([entry.district.governorate_id], months, now=now)


def _check_can_enter(actor, indicator: Indicator, district: District, period: date) -> None:
    if not indicator.is_manual:
        raise ValidationError(
            {"indicator": _("This indicator is computed by the portal, not entered by hand.")}
        )
    if not field_worker(actor, district):
        raise ValidationError({"district": _("You can enter figures only for districts you work in.")})
    if period > month_of(timezone.now()):
        raise ValidationError({"period": _("A figure cannot be entered for a month that has not started.")})


def _check_figure(indicator: Indicator, value: float, numerator: float | None, denominator: float | None):
    """In the indicator's range; numerator and denominator both or neither, and for a percentage the
    value they make."""
    too_low = value < indicator.minimum
    too_high = indicator.maximum is not None and value > indicator.maximum
    if too_low or too_high:
        high = _number(indicator.maximum) if indicator.maximum is not None else "∞"
        bounds = {"low": _number(indicator.minimum), "high": high}
        raise ValidationError({"value": _("The value must be between %(low)s and %(high)s.") % bounds})
    if (numerator is None) != (denominator is None):
        raise ValidationError(_("Give both the numerator and the denominator, or neither."))
    if denominator is None:
        return
    if denominator <= 0:
        raise ValidationError({"denominator": _("The denominator must be above zero.")})
    share = 100 * numerator / denominator
    if indicator.unit == Indicator.Unit.PERCENT and abs(share - value) > 0.5:
        message = _("The numerator and denominator make %(share)s%%, not the value given.")
        raise ValidationError({"value": message % {"share": _number(round(share, 1))}})


def _number(value: float) -> str:
    return f"{value:g}"


def entry_deadline(period: date) -> date:
    """Figures for a month are due on this day of the next month."""
    return next_month(period).replace(day=settings.INDICATOR_ENTRY_DEADLINE_DAY)


def missing_entries_remind(*, today: date | None = None) -> int:
    """E-mail each district officer whose district lacks last month's figures, in the days before the
    deadline; once per officer and month, so a re-run sends nothing."""
    today = today or timezone.localdate()
    period = previous_month(today.replace(day=1))
    deadline = entry_deadline(period)
    if not (deadline - timedelta(days=settings.INDICATOR_REMIND_DAYS_BEFORE) <= today <= deadline):
        return 0
    manual = list(Indicator.objects.filter(source=Indicator.Source.MANUAL, is_active=True))
    officers = StaffProfile.objects.filter(role=Role.DISTRICT_OFFICER, user__is_active=True).exclude(
        user__email=""
    )
    sent = 0
    for profile in officers.select_related("user", "district"):
        entered = set(
            ManualEntry.objects.filter(district=profile.district, period=period).values_list(
                "indicator_id", flat=True
            )
        )
        missing = [indicator for indicator in manual if indicator.pk not in entered]
        if missing and _reminder_claim(profile.user, period):
            _send_reminder(profile, missing, period, deadline)
            sent += 1
    return sent


def _reminder_claim(user, period: date) -> bool:
    _reminder, created = EntryReminder.objects.get_or_create(user=user, period=period)
    return created


def _send_reminder(profile: StaffProfile, missing, period: date, deadline: date) -> None:
    with translation.override("ar"):
        names = "، ".join(indicator.name_ar for indicator in missing)
        subject = _("Figures for %(month)s are due by %(deadline)s") % {
            "month": f"{period:%Y-%m}",
            "deadline": f"{deadline:%Y-%m-%d}",
        }
        body = _("%(district)s has not entered these figures yet: %(names)s.") % {
            "district": profile.district.name_ar,
            "names": names,
        }
    send_mail(subject, body, None, [profile.user.email], fail_silently=True)


# Targets ------------------------------------------------------------------------------------------


@transaction.atomic
def target_set(
    *, actor, indicator: Indicator, year: int, value: float, district: District | None = None
) -> Target:
    """Set a national target, or one district's, for a year; the year's scores follow."""
    if not Scope.of(actor).is_national:
        raise ValidationError(_("Only national administrators set targets."))
    target, _created = Target.objects.update_or_create(
        indicator=indicator, year=year, district=district, defaults={"value": value}
    )
    scores_refresh(indicator=indicator, year=year)
    return target


def scores_refresh(*, indicator: Indicator, year: int) -> None:
    """Scores and traffic lights of a year after its targets or thresholds changed, then its scorecards."""
    governorate_ids, periods = rescore(indicator, year, now=timezone.now())
    if periods:
        scorecards_store(governorate_ids, periods, now=timezone.now())
