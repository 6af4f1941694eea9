"""Indicator definitions, targets and traffic lights; values per district and month, scorecards and
ranks; figures entered by hand; and the record of each computation run.

Dashboards read only what is stored here. Celery tasks (indicators/engine) write it.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import District, Governorate
from portal.scoping import ScopedQuerySet, ScopePaths
from portal.text import localized_name


class Indicator(models.Model):
    """A performance indicator of a district, computed from the portal's records or entered by hand."""

    class Unit(models.TextChoices):
        COUNT = "count", pgettext_lazy("indicator unit", "Count")
        PERCENT = "percent", pgettext_lazy("indicator unit", "Percent")
        HOURS = "hours", pgettext_lazy("indicator unit", "Hours")
        RATING = "rating", pgettext_lazy("indicator unit", "Rating (1–5)")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Source(models.TextChoices):
        COMPUTED = "computed", _("Computed from the portal's records")
        MANUAL = "manual", _("Entered by district officers")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ar = models.CharField(_("Arabic name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    definition_ar = models.TextField(_("Arabic definition"), blank=True)
    definition_en = models.TextField(_("English definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.COMPUTED)
    weight = models.DecimalField(
        _("weight in the score"),
        max_digits=5,
        decimal_places=2,
        default=1,
        help_text=_("0 keeps the indicator on the scorecard without counting it in the score."),
    )
    # Traffic lights, on the indicator's score against its target (0–100).
    green_from = models.PositiveSmallIntegerField(_("green from score"), default=90)
    amber_from = models.PositiveSmallIntegerField(_("amber from score"), default=70)
    # The range a figure entered by hand must fall in.
    minimum = models.FloatField(_("lowest allowed value"), default=0)
    maximum = models.FloatField(_("highest allowed value"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position on the scorecard"), default=100)
    is_active = models.BooleanField(_("shown on dashboards"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                name="indicator_thresholds_do_not_overlap",
                condition=Q(amber_from__lt=F("green_from"), green_from__lte=100),
                violation_error_message=_(
                    "The amber band must start below the green band, and the green band at 100 or less: "
                    "the traffic-light thresholds cannot overlap."
                ),
            ),
            models.CheckConstraint(
                name="indicator_weight_not_negative",
                condition=Q(weight__gte=0),
                violation_error_message=_("A weight cannot be negative."),
            ),
            models.CheckConstraint(
                name="indicator_range_ordered",
                condition=Q(maximum__isnull=True) | Q(maximum__gt=F("minimum")),
                violation_error_message=_("The highest allowed value must be above the lowest."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized_name(self.name_ar, self.name_en)

    @property
    def definition(self) -> str:
        return localized_name(self.definition_ar, self.definition_en)

    @property
    def is_manual(self) -> bool:
        return self.source == self.Source.MANUAL

    @property
    def lower_is_better(self) -> bool:
        return self.direction == self.Direction.LOWER


class Target(models.Model):
    """The value an indicator should reach in a year: a national default, or one district's override."""

    indicator = models.ForeignKey(
        Indicator, models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    district = models.ForeignKey(
        District,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator_targets",
        verbose_name=_("district"),
        help_text=_("Empty for the national default."),
    )
    value = models.FloatField(_("target"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "-year", "district"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(district__isnull=True),
                name="target_national_once_a_year",
                violation_error_message=_("This indicator already has a national target for this year."),
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "district"],
                name="target_district_once_a_year",
                violation_error_message=_("This district already has a target for this indicator and year."),
            ),
            models.CheckConstraint(
                name="target_year_plausible",
                condition=Q(year__gte=2000, year__lte=2100),
                violation_error_message=_("The year must be between 2000 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.year} · {self.district or _('national')}"


class Light(models.TextChoices):
    GREEN = "green", _("On target")
    AMBER = "amber", _("Close to target")
    RED = "red", _("Far from target")
    NONE = "none", _("No data")


class IndicatorValue(models.Model):
    """An indicator's value in a district for a calendar month, with what it was computed from.

    `value` is null when the denominator is empty (no complaints resolved, no active project).
    """

    scope_paths = ScopePaths(governorate="governorate", district="district")

    indicator = models.ForeignKey(
        Indicator, models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    governorate = models.ForeignKey(
        Governorate, models.CASCADE, related_name="indicator_values", verbose_name=_("governorate")
    )
    district = models.ForeignKey(
        District, models.CASCADE, related_name="indicator_values", verbose_name=_("district")
    )
    period = models.DateField(_("month"), help_text=_("The first day of the month."))
    value = models.FloatField(_("value"), null=True, blank=True)
    numerator = models.FloatField(_("numerator"), null=True, blank=True)
    denominator = models.FloatField(_("denominator"), null=True, blank=True)
    target = models.FloatField(_("target"), null=True, blank=True)
    score = models.FloatField(_("score against the target"), null=True, blank=True)
    light = models.CharField(_("traffic light"), max_length=5, choices=Light.choices, default=Light.NONE)
    computed_at = models.DateTimeField(_("computed at"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["period", "district", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "district", "period"], name="indicator_value_once_a_month"
            ),
        ]
        indexes = [models.Index(fields=["governorate", "period"], name="indicator_value_gov_period")]

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.district_id} · {self.period:%Y-%m}"


class Scorecard(models.Model):
    """A district's composite score for a month and its rank among the governorate's districts."""

    scope_paths = ScopePaths(governorate="governorate", district="district")

    governorate = models.ForeignKey(
        Governorate, models.CASCADE, related_name="scorecards", verbose_name=_("governorate")
    )
    district = models.ForeignKey(
        District, models.CASCADE, related_name="scorecards", verbose_name=_("district")
    )
    period = models.DateField(_("month"))
    score = models.FloatField(_("score"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank in the governorate"), null=True, blank=True)
    previous_rank = models.PositiveSmallIntegerField(_("rank the month before"), null=True, blank=True)
    light = models.CharField(_("traffic light"), max_length=5, choices=Light.choices, default=Light.NONE)
    computed_at = models.DateTimeField(_("computed at"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["period", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["district", "period"], name="scorecard_once_a_month"),
        ]
        indexes = [models.Index(fields=["governorate", "period"], name="scorecard_gov_period")]

    def __str__(self) -> str:
        return f"{self.district_id} · {self.period:%Y-%m} · {self.rank}"

    @property
    def rank_change(self) -> int | None:
        """Places gained since last month (positive is better)."""
        if self.rank is None or self.previous_rank is None:
            return None
        return self.previous_rank - self.rank


class ManualEntry(models.Model):
    """A figure a district officer enters by hand for a month; approved entries lock (as in DHIS2)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for approval")
        APPROVED = "approved", _("Approved (locked)")
        RETURNED = "returned", _("Returned for correction")

    scope_paths = ScopePaths(governorate="district__governorate", district="district")

    indicator = models.ForeignKey(
        Indicator,
        models.PROTECT,
        related_name="manual_entries",
        verbose_name=_("indicator"),
        limit_choices_to={"source": Indicator.Source.MANUAL},
    )
    district = models.ForeignKey(
        District, models.PROTECT, related_name="manual_entries", verbose_name=_("district")
    )
    period = models.DateField(_("month"))
    value = models.FloatField(_("value"))
    numerator = models.FloatField(_("numerator"), null=True, blank=True)
    denominator = models.FloatField(_("denominator"), null=True, blank=True)
    note = models.CharField(_("source or remark"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("entered by")
    )
    entered_at = models.DateTimeField(_("entered at"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.CharField(_("note from the review"), max_length=1000, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("figure entered by hand")
        verbose_name_plural = _("figures entered by hand")
        ordering = ["-period", "district", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "district", "period"],
                name="manual_entry_once_a_month",
                violation_error_message=_("This district already has a figure for this indicator and month."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.district} · {self.period:%Y-%m}"

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED


class EntryReminder(models.Model):
    """A reminder sent to an officer about a month's missing figures: at most one per officer and month."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    period = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "period"], name="entry_reminder_once")]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.period:%Y-%m}"


class ComputationRun(models.Model):
    """One recomputation: full (a task per governorate) or incremental (what changed since the last)."""

    class Kind(models.TextChoices):
        FULL = "full", _("Full recomputation")
        INCREMENTAL = "incremental", _("Changes since the last run")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    governorate = models.ForeignKey(
        Governorate, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("governorate")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    started_at = models.DateTimeField(_("started at"))
    # Source rows changed before this instant are reflected once the run finishes.
    source_until = models.DateTimeField(_("covers changes until"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    parts_total = models.PositiveIntegerField(_("parts"), default=0)
    parts_done = models.PositiveIntegerField(_("parts done"), default=0)
    values_written = models.PositiveIntegerField(_("values written"), default=0)

    class Meta:
        verbose_name = _("computation run")
        verbose_name_plural = _("computation runs")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def percent_done(self) -> int:
        return round(100 * self.parts_done / self.parts_total) if self.parts_total else 100


def _register_audit():
    from auditlog.registry import auditlog

    for model in (Indicator, Target, ManualEntry):
        auditlog.register(model)


_register_audit()
