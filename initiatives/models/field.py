"""Field work: inspection rounds with their checklists and findings, and the governor's directives."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models.projects import Initiative, Obstacle
from portal.models import District, Governorate
from portal.scoping import ScopedQuerySet, ScopePaths


class Inspection(models.Model):
    """A district officer's inspection round of roads, lighting, utilities, markets or a project site."""

    class Kind(models.TextChoices):
        ROADS = "roads", _("Roads")
        LIGHTING = "lighting", _("Street lighting")
        UTILITIES = "utilities", _("Public utilities")
        MARKETS = "markets", _("Markets")
        SITE = "site", _("Initiative site")

    scope_paths = ScopePaths(governorate="governorate", district="district")

    governorate = models.ForeignKey(
        Governorate, models.PROTECT, related_name="inspections", verbose_name=_("governorate")
    )
    district = models.ForeignKey(
        District, models.PROTECT, related_name="inspections", verbose_name=_("district")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    initiative = models.ForeignKey(
        Initiative, models.SET_NULL, null=True, blank=True, related_name="inspections",
        verbose_name=_("initiative"), help_text=_("For an inspection of an initiative's site."),
    )  # fmt: skip
    inspected_at = models.DateTimeField(_("inspected at"), default=timezone.now)
    place = models.CharField(_("place"), max_length=300)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    # {item code: "ok" | "fault" | "na"}, items from initiatives.checklists for the kind.
    checklist = models.JSONField(_("checklist"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("inspector")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-inspected_at"]
        indexes = [models.Index(fields=["district", "inspected_at"], name="inspection_district_time")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.place}"


class InspectionFinding(models.Model):
    """Something found on an inspection; it can become a complaint or an obstacle in one step."""

    class Severity(models.TextChoices):
        LOW = "low", _("Minor")
        MEDIUM = "medium", _("Needs attention")
        HIGH = "high", _("Urgent")

    scope_paths = ScopePaths(governorate="inspection__governorate", district="inspection__district")

    inspection = models.ForeignKey(
        Inspection, models.CASCADE, related_name="findings", verbose_name=_("inspection")
    )
    item = models.CharField(_("checklist item"), max_length=40, blank=True)
    description = models.TextField(_("what was found"), max_length=3000)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM
    )
    complaint = models.OneToOneField(
        "complaints.Complaint", models.SET_NULL, null=True, blank=True, related_name="finding",
        verbose_name=_("complaint filed from it"),
    )  # fmt: skip
    obstacle = models.OneToOneField(
        Obstacle, models.SET_NULL, null=True, blank=True, related_name="finding",
        verbose_name=_("obstacle logged from it"),
    )  # fmt: skip

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["inspection", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class InspectionPhoto(models.Model):
    """A photo taken on an inspection, re-encoded without its metadata."""

    scope_paths = ScopePaths(governorate="inspection__governorate", district="inspection__district")

    inspection = models.ForeignKey(
        Inspection, models.CASCADE, related_name="photos", verbose_name=_("inspection")
    )
    image = models.ImageField(_("photo"), upload_to="inspections/")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection photo")
        verbose_name_plural = _("inspection photos")

    def __str__(self) -> str:
        return self.image.name


class Directive(models.Model):
    """A decision of a governor's meeting, assigned to districts or departments with a deadline."""

    scope_paths = ScopePaths(governorate="governorate", district="assignments__district")

    governorate = models.ForeignKey(
        Governorate, models.PROTECT, related_name="directives", verbose_name=_("governorate")
    )
    title = models.CharField(_("directive"), max_length=300)
    details = models.TextField(_("details"), blank=True, max_length=5000)
    meeting = models.CharField(
        _("meeting"), max_length=300, help_text=_("e.g. the governor's meeting with district heads")
    )
    meeting_on = models.DateField(_("meeting date"))
    deadline = models.DateField(_("deadline"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                name="directive_deadline_after_meeting",
                condition=Q(deadline__gte=models.F("meeting_on")),
                violation_error_message=_("The deadline must not be before the meeting."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AssignmentQuerySet(ScopedQuerySet):
    def pending(self):
        return self.filter(status=DirectiveAssignment.Status.OPEN)

    def overdue(self, today: date):
        return self.pending().filter(directive__deadline__lt=today)


class DirectiveAssignment(models.Model):
    """One district's or department's share of a directive, and its report of completion."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    scope_paths = ScopePaths(governorate="directive__governorate", district="district")

    directive = models.ForeignKey(
        Directive, models.CASCADE, related_name="assignments", verbose_name=_("directive")
    )
    district = models.ForeignKey(
        District, models.PROTECT, null=True, blank=True, related_name="directive_assignments",
        verbose_name=_("district"),
    )  # fmt: skip
    department = models.CharField(_("department"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    completion_note = models.TextField(_("what was done"), blank=True, max_length=3000)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("completed by"),
    )  # fmt: skip

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("directive assignment")
        verbose_name_plural = _("directive assignments")
        ordering = ["directive__deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                name="assignment_has_assignee",
                condition=Q(district__isnull=False) | ~Q(department=""),
                violation_error_message=_("Assign the directive to a district or a department."),
            ),
            models.UniqueConstraint(
                fields=["directive", "district"],
                condition=Q(district__isnull=False),
                name="assignment_district_once",
                violation_error_message=_("The directive is already assigned to this district."),
            ),
            models.CheckConstraint(
                name="assignment_done_has_report",
                condition=Q(status="open") | ~Q(completion_note=""),
                violation_error_message=_("Say what was done."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.directive} · {self.district or self.department}"

    @property
    def assignee(self) -> str:
        return str(self.district) if self.district_id else self.department

    def is_overdue(self, today: date | None = None) -> bool:
        return self.status == self.Status.OPEN and self.directive.deadline < (today or timezone.localdate())
