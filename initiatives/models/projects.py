"""Initiatives and projects, their partners and milestones, progress reports and obstacles."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from initiatives.models.choices import EscalationLevel, Sector, Theme
from portal.models import District, Governorate
from portal.scoping import ScopedQuerySet, ScopePaths
from portal.text import localized_name, normalize_arabic
from programs.models import Organization, Partnership, Program


class InitiativeQuerySet(ScopedQuerySet):
    def public(self):
        return self.filter(is_public=True)

    def search(self, query: str):
        return self.filter(search_text__contains=normalize_arabic(query))

    def under_way(self):
        return self.filter(status__in=[Initiative.Status.PLANNED, Initiative.Status.ACTIVE])

    def late(self, today: date):
        """Initiatives behind their linear schedule. The rule lives in `Initiative.is_late`, in Python:
        date arithmetic differs between SQLite and PostgreSQL, and a scope holds hundreds, not millions."""
        candidates = self.under_way().only("status", "progress", "planned_start", "planned_end")
        return self.filter(pk__in=[initiative.pk for initiative in candidates if initiative.is_late(today)])


class Initiative(models.Model):
    """An initiative or project in one or more districts of a governorate."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Under way")
        SUSPENDED = "suspended", _("Suspended")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    scope_paths = ScopePaths(
        governorate="governorate", district="districts", organization="partners__organization"
    )

    title_ar = models.CharField(_("Arabic title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    summary_ar = models.TextField(_("Arabic description"))
    summary_en = models.TextField(_("English description"), blank=True)
    program = models.ForeignKey(
        Program, models.SET_NULL, null=True, blank=True, related_name="initiatives", verbose_name=_("program")
    )
    governorate = models.ForeignKey(
        Governorate, models.PROTECT, related_name="initiatives", verbose_name=_("governorate")
    )
    districts = models.ManyToManyField(District, related_name="initiatives", verbose_name=_("districts"))
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    budget = models.DecimalField(_("budget"), max_digits=16, decimal_places=2, null=True, blank=True)
    spent = models.DecimalField(
        _("spent to date"), max_digits=16, decimal_places=2, default=0, editable=False
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Program.Currency.choices, default=Program.Currency.EGP
    )
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    # The last approved progress report's percentage.
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, editable=False)
    is_public = models.BooleanField(_("published"), default=True)
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-planned_start", "pk"]
        constraints = [
            models.CheckConstraint(
                name="initiative_planned_end_after_start",
                condition=Q(planned_end__gte=F("planned_start")),
                violation_error_message=_("The planned end must not be before the planned start."),
            ),
            models.CheckConstraint(
                name="initiative_actual_end_after_start",
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(actual_end__gte=F("actual_start")),
                violation_error_message=_("The actual end must not be before the actual start."),
            ),
            models.CheckConstraint(
                name="initiative_progress_percent",
                condition=Q(progress__lte=100),
                violation_error_message=_("Progress is a percentage from 0 to 100."),
            ),
            models.CheckConstraint(
                name="initiative_money_not_negative",
                condition=(Q(budget__isnull=True) | Q(budget__gte=0)) & Q(spent__gte=0),
                violation_error_message=_("Amounts cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = normalize_arabic(f"{self.title_ar} {self.title_en} {self.summary_ar}")
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        return localized_name(self.title_ar, self.title_en)

    @property
    def summary(self) -> str:
        return localized_name(self.summary_ar, self.summary_en)

    def expected_progress(self, on: date | None = None) -> int:
        """Progress expected by `on` (today), linear between the planned start and end."""
        on = on or timezone.localdate()
        if on <= self.planned_start:
            return 0
        if on >= self.planned_end:
            return 100
        elapsed = (on - self.planned_start).days
        return round(100 * elapsed / (self.planned_end - self.planned_start).days)

    def is_late(self, on: date | None = None) -> bool:
        """Behind the linear schedule while it should be moving."""
        if self.status not in (self.Status.PLANNED, self.Status.ACTIVE):
            return False
        return self.progress < self.expected_progress(on)


class InitiativePartner(models.Model):
    """A partner's role in an initiative."""

    scope_paths = ScopePaths(
        governorate="initiative__governorate",
        district="initiative__districts",
        organization="initiative__partners__organization",
    )

    initiative = models.ForeignKey(
        Initiative, models.CASCADE, related_name="partners", verbose_name=_("initiative")
    )
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="initiative_roles", verbose_name=_("partner")
    )
    role = models.CharField(_("role"), max_length=10, choices=Partnership.Role.choices)
    contribution = models.CharField(_("contribution"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative partner")
        verbose_name_plural = _("initiative partners")
        ordering = ["role", "organization__name_ar"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organization", "role"],
                name="initiative_partner_role_once",
                violation_error_message=_("This partner already has this role in the initiative."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_role_display()}"


INITIATIVE_SCOPE = ScopePaths(
    governorate="initiative__governorate",
    district="initiative__districts",
    organization="initiative__partners__organization",
)


class Milestone(models.Model):
    """A step of an initiative with the date it is due."""

    scope_paths = INITIATIVE_SCOPE

    initiative = models.ForeignKey(
        Initiative, models.CASCADE, related_name="milestones", verbose_name=_("initiative")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("milestone"), max_length=300)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["initiative", "order", "due_on"]

    def __str__(self) -> str:
        return self.title

    def is_late(self, on: date | None = None) -> bool:
        return self.done_on is None and self.due_on < (on or timezone.localdate())


class ProgressReport(models.Model):
    """A report of how far an initiative has come, approved (or returned) by a supervisor."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for correction")

    scope_paths = INITIATIVE_SCOPE

    initiative = models.ForeignKey(
        Initiative, models.CASCADE, related_name="progress_reports", verbose_name=_("initiative")
    )
    percent = models.PositiveSmallIntegerField(_("percent complete"))
    narrative = models.TextField(_("what was done"), max_length=5000)
    spent_to_date = models.DecimalField(
        _("spent to date"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    reason = models.CharField(
        _("reason for a lower figure"), max_length=1000, blank=True,
        help_text=_("Required when the percentage is below the last approved one."),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("reported by")
    )
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("reviewed by"),
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.CharField(_("note from the review"), max_length=1000, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-reported_at"]
        constraints = [
            models.CheckConstraint(
                name="progress_report_percent",
                condition=Q(percent__lte=100),
                violation_error_message=_("Progress is a percentage from 0 to 100."),
            ),
            models.CheckConstraint(
                name="progress_report_spending_not_negative",
                condition=Q(spent_to_date__isnull=True) | Q(spent_to_date__gte=0),
                violation_error_message=_("Amounts cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} · {self.percent}%"


class ProgressPhoto(models.Model):
    """A photo of the work, re-encoded without its metadata."""

    scope_paths = ScopePaths(
        governorate="report__initiative__governorate",
        district="report__initiative__districts",
        organization="report__initiative__partners__organization",
    )

    report = models.ForeignKey(
        ProgressReport, models.CASCADE, related_name="photos", verbose_name=_("progress report")
    )
    image = models.ImageField(_("photo"), upload_to="progress/")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress photo")
        verbose_name_plural = _("progress photos")

    def __str__(self) -> str:
        return self.image.name


class ObstacleQuerySet(ScopedQuerySet):
    def unresolved(self):
        return self.filter(status=Obstacle.Status.OPEN)

    def past_needed(self, today: date):
        return self.unresolved().filter(needed_by__lt=today)


class Obstacle(models.Model):
    """Something in the way of an initiative, who must remove it and by when."""

    class Kind(models.TextChoices):
        FUNDING = "funding", pgettext_lazy("obstacle kind", "Funding")
        LAND = "land", _("Land or permits")
        CONTRACTOR = "contractor", _("Contractor")
        UTILITIES = "utilities", _("Utility lines in the way")
        COORDINATION = "coordination", _("Coordination with another body")
        COMMUNITY = "community", _("Community objections")
        OTHER = "other", pgettext_lazy("obstacle kind", "Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Unresolved")
        RESOLVED = "resolved", _("Resolved")

    scope_paths = INITIATIVE_SCOPE

    initiative = models.ForeignKey(
        Initiative, models.CASCADE, related_name="obstacles", verbose_name=_("initiative")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), max_length=3000)
    owner = models.CharField(
        _("who must remove it"), max_length=200, help_text=_("The body or person responsible.")
    )
    needed_by = models.DateField(_("needed by"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    escalation_level = models.PositiveSmallIntegerField(
        _("escalation level"), choices=EscalationLevel.choices, default=EscalationLevel.DISTRICT
    )
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    resolution = models.TextField(_("how it was resolved"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("resolved by"),
    )  # fmt: skip
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("logged by")
    )
    created_at = models.DateTimeField(_("logged at"), default=timezone.now)

    objects = ObstacleQuerySet.as_manager()

    class Meta:
        verbose_name = _("obstacle")
        verbose_name_plural = _("obstacles")
        ordering = ["status", "needed_by"]
        indexes = [models.Index(fields=["status", "needed_by"], name="obstacle_status_needed")]
        constraints = [
            models.CheckConstraint(
                name="obstacle_resolved_has_resolution",
                condition=Q(status="open") | ~Q(resolution=""),
                violation_error_message=_("Say how the obstacle was resolved."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.initiative}"
