"""Citizens' complaints: categories with SLAs, the complaint and its timeline, photos, hearings,
the notification outbox and Open311 API keys."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import District, Governorate
from portal.scoping import ScopedQuerySet, ScopePaths
from portal.text import localized_name, normalize_arabic


class Category(models.Model):
    """A kind of complaint, the department that answers it and the hours it has to answer."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ar = models.CharField(_("Arabic name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    department_ar = models.CharField(_("responsible department (Arabic)"), max_length=200)
    department_en = models.CharField(_("responsible department (English)"), max_length=200, blank=True)
    sla_hours = models.PositiveIntegerField(_("hours to answer (SLA)"))
    is_active = models.BooleanField(_("offered to citizens"), default=True)
    position = models.PositiveSmallIntegerField(_("position in lists"), default=100)

    class Meta:
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                name="category_sla_positive",
                condition=Q(sla_hours__gt=0),
                violation_error_message=_("The SLA must be at least one hour."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized_name(self.name_ar, self.name_en)

    @property
    def sla(self) -> timedelta:
        return timedelta(hours=self.sla_hours)


class Status(models.TextChoices):
    NEW = "new", pgettext_lazy("complaint status", "New")
    ACCEPTED = "accepted", pgettext_lazy("complaint status", "Accepted")
    IN_PROGRESS = "in_progress", pgettext_lazy("complaint status", "In progress")
    RESOLVED = "resolved", pgettext_lazy("complaint status", "Resolved")
    CLOSED = "closed", pgettext_lazy("complaint status", "Closed")
    REJECTED = "rejected", pgettext_lazy("complaint status", "Rejected")


OPEN_STATUSES = [Status.NEW, Status.ACCEPTED, Status.IN_PROGRESS]


class Channel(models.TextChoices):
    WEB = "web", _("Website")
    HOTLINE = "hotline", _("Hotline")
    HEARING = "hearing", _("Citizen hearing")
    OPEN311 = "open311", _("Open311 partner system")
    WALK_IN = "walk_in", _("Walk-in")
    INSPECTION = "inspection", _("Field inspection")


class RejectionReason(models.TextChoices):
    OUTSIDE_MANDATE = "outside_mandate", _("Outside the governorate's mandate")
    SPAM = "spam", _("Spam or abuse")
    DUPLICATE = "duplicate", _("Duplicate of another complaint")


class EscalationLevel(models.IntegerChoices):
    DISTRICT = 0, _("District")
    GOVERNORATE = 1, _("Governorate")
    GOVERNOR = 2, _("Governor's office")


class ComplaintQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, now):
        return self.open().filter(due_at__lt=now)

    def search(self, query: str):
        folded = normalize_arabic(query)
        return self.filter(Q(search_text__contains=folded) | Q(tracking_code__iexact=query.strip()))

    def for_citizen(self, code: str, phone: str):
        """The complaint with this tracking code, only if it was filed with this (normalised) phone."""
        return self.filter(tracking_code=code.strip().upper(), phone=phone).first()

    def inbox_order(self):
        """Open complaints first, the longest overdue at the top; then the most recent."""
        is_open = models.Case(
            models.When(status__in=OPEN_STATUSES, then=models.Value(0)), default=models.Value(1)
        )
        return self.annotate(closed_first=is_open).order_by("closed_first", "due_at", "-created_at")


class Complaint(models.Model):
    """A citizen's complaint about a public service in a district."""

    scope_paths = ScopePaths(governorate="governorate", district="district")

    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True, editable=False)
    governorate = models.ForeignKey(
        Governorate, models.PROTECT, related_name="complaints", verbose_name=_("governorate")
    )
    district = models.ForeignKey(
        District, models.PROTECT, related_name="complaints", verbose_name=_("district")
    )
    category = models.ForeignKey(
        Category, models.PROTECT, related_name="complaints", verbose_name=_("category")
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    description = models.TextField(_("description"), max_length=5000)
    # Personal data: shown only to staff whose scope holds the complaint.
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=20, help_text=_("Stored in international form."))
    email = models.EmailField(_("e-mail"), blank=True)
    national_id = models.CharField(_("national ID"), max_length=14, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField(_("address or landmark"), max_length=300, blank=True)
    language = models.CharField(_("citizen's language"), max_length=5, default="ar", editable=False)
    search_text = models.TextField(editable=False, default="")

    hearing = models.ForeignKey(
        "Hearing",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("hearing"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_complaints",
        verbose_name=_("assigned to"),
    )
    answer = models.TextField(_("answer to the citizen"), blank=True)
    rejection_reason = models.CharField(
        _("reason for rejection"), max_length=30, choices=RejectionReason.choices, blank=True
    )
    duplicate_of = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    satisfaction = models.PositiveSmallIntegerField(_("citizen's rating"), null=True, blank=True)
    satisfaction_comment = models.CharField(_("citizen's comment on the answer"), max_length=1000, blank=True)
    escalation_level = models.PositiveSmallIntegerField(
        _("escalation level"), choices=EscalationLevel.choices, default=EscalationLevel.DISTRICT
    )

    created_at = models.DateTimeField(_("filed at"), db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    due_at = models.DateTimeField(_("answer due by"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-created_at"]
        indexes = [
            # Recomputing indicators per district-month reads by district and time (DESIGN.md §7).
            models.Index(fields=["district", "created_at"], name="complaint_district_created"),
            models.Index(fields=["status", "due_at"], name="complaint_status_due"),
            # Incremental indicator runs read the months a complaint fell due or was resolved in.
            models.Index(fields=["due_at"], name="complaint_due"),
            models.Index(fields=["resolved_at"], name="complaint_resolved"),
            # The governor's dashboard lists a governorate's longest overdue open complaints: without this
            # the planner walks the due_at index through millions of closed ones (7 s at 10M).
            models.Index(
                fields=["governorate", "due_at"],
                condition=Q(status__in=OPEN_STATUSES),
                name="complaint_open_gov_due",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="complaint_satisfaction_1_to_5",
                condition=Q(satisfaction__isnull=True) | Q(satisfaction__gte=1, satisfaction__lte=5),
                violation_error_message=_("A rating is from 1 to 5."),
            ),
            models.CheckConstraint(
                name="complaint_due_after_filed",
                condition=Q(due_at__gt=F("created_at")),
                violation_error_message=_("The due time must be after the filing time."),
            ),
            models.CheckConstraint(
                name="complaint_resolved_has_time",
                condition=~Q(status__in=["resolved", "closed"]) | Q(resolved_at__isnull=False),
                violation_error_message=_("A resolved complaint needs its resolution time."),
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ComplaintEvent(models.Model):
    """One line of a complaint's timeline. Public lines are shown to the citizen."""

    class Kind(models.TextChoices):
        FILED = "filed", _("Filed")
        TRANSITION = "transition", _("Status changed")
        NOTE = "note", _("Internal note")
        UPDATE = "update", _("Update to the citizen")
        ESCALATED = "escalated", _("Escalated")
        MOVED = "moved", _("Moved to another district")
        ASSIGNED = "assigned", _("Assigned")
        RATED = "rated", _("Rated by the citizen")

    scope_paths = ScopePaths(governorate="complaint__governorate", district="complaint__district")

    complaint = models.ForeignKey(
        Complaint, models.CASCADE, related_name="events", verbose_name=_("complaint")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    from_status = models.CharField(_("from status"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to status"), max_length=20, choices=Status.choices, blank=True)
    message = models.TextField(_("message"), blank=True)
    is_public = models.BooleanField(_("shown to the citizen"), default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"


def _attachment_path(instance, filename: str) -> str:
    return f"complaints/{instance.uuid}.{instance.extension}"


class Attachment(models.Model):
    """A photo the citizen sent, re-encoded without its EXIF metadata (which can hold their location)."""

    scope_paths = ScopePaths(governorate="complaint__governorate", district="complaint__district")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    complaint = models.ForeignKey(
        Complaint, models.CASCADE, related_name="attachments", verbose_name=_("complaint")
    )
    file = models.FileField(_("file"), upload_to=_attachment_path)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return str(self.uuid)

    @property
    def extension(self) -> str:
        return {"image/png": "png", "image/webp": "webp"}.get(self.content_type, "jpg")


class Hearing(models.Model):
    """A weekly meeting where the governor or a district head hears citizens' complaints."""

    scope_paths = ScopePaths(governorate="governorate", district="district")

    governorate = models.ForeignKey(
        Governorate, models.PROTECT, related_name="hearings", verbose_name=_("governorate")
    )
    district = models.ForeignKey(
        District, models.PROTECT, null=True, blank=True, related_name="hearings", verbose_name=_("district")
    )
    held_on = models.DateField(_("held on"))
    chaired_by = models.CharField(_("chaired by"), max_length=200)
    attendees = models.PositiveIntegerField(_("citizens attending"), default=0)
    officials = models.TextField(_("officials present"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("citizen hearing")
        verbose_name_plural = _("citizen hearings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        place = self.district or self.governorate
        return f"{place} · {self.held_on:%Y-%m-%d}"


class Notification(models.Model):
    """An e-mail or SMS waiting to be sent, or sent: written in the same transaction as the change it
    reports, so a message is never lost when the broker or the worker is down."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    complaint = models.ForeignKey(
        Complaint, models.CASCADE, related_name="notifications", verbose_name=_("complaint")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("message"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("last claimed by a sender at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["state", "created_at"], name="notification_state_created")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.get_state_display()}"


class Open311Key(models.Model):
    """An API key issued to a partner system for posting requests through Open311."""

    name = models.CharField(_("system"), max_length=200)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("key starts with"), max_length=8, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
