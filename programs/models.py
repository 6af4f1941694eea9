"""Partners (organisations), and the programs they run with governorates: partnerships with their
IATI roles, the agreements behind them, phases and events."""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from portal.models import District, Governorate
from portal.scoping import ScopedQuerySet, ScopePaths
from portal.text import localized_name


class HttpsURLField(models.URLField):
    """A web address typed without a scheme is taken as https (Django 6's default, already)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class OrganizationType(models.TextChoices):
    """IATI OrganisationType codes."""

    GOVERNMENT = "10", _("Government")
    LOCAL_GOVERNMENT = "11", _("Local government")
    OTHER_PUBLIC = "15", _("Other public sector")
    INTERNATIONAL_NGO = "21", _("International NGO")
    NATIONAL_NGO = "22", _("National NGO")
    REGIONAL_NGO = "23", _("Regional NGO")
    PUBLIC_PRIVATE = "30", _("Public–private partnership")
    MULTILATERAL = "40", _("Multilateral")
    FOUNDATION = "60", _("Foundation")
    PRIVATE_SECTOR = "70", _("Private sector")
    ACADEMIC = "80", _("Academic, training and research")


class OrganizationQuerySet(ScopedQuerySet):
    def public(self):
        return self.filter(status=Organization.Status.VERIFIED)


class Organization(models.Model):
    """A partner: a UN agency, a national program, a ministry, an NGO, a company, a university."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    # An NGO is in the scope of the governorates it serves.
    scope_paths = ScopePaths(governorate="governorates")

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name_ar = models.CharField(_("Arabic name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    org_type = models.CharField(_("type"), max_length=2, choices=OrganizationType.choices)
    iati_ref = models.CharField(_("IATI organisation identifier"), max_length=60, blank=True)
    website = HttpsURLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    registration_number = models.CharField(
        _("registration number"), max_length=40, null=True, blank=True, unique=True,
        help_text=_("The NGO's number at the Ministry of Social Solidarity or the national register."),
    )  # fmt: skip
    governorates = models.ManyToManyField(
        Governorate, blank=True, related_name="organizations", verbose_name=_("governorates served")
    )
    fields_of_work = models.TextField(_("fields of work"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    members = models.PositiveIntegerField(_("members and volunteers"), null=True, blank=True)
    needs = models.TextField(_("needs and challenges"), blank=True)
    capacities = models.TextField(_("what the organisation can contribute"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VERIFIED)
    review_note = models.CharField(_("note on the review"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("reviewed by"),
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name_ar"]

    def __str__(self) -> str:
        return self.acronym or self.name

    @property
    def name(self) -> str:
        return localized_name(self.name_ar, self.name_en)


_SDG_GOAL = r"(?:1[0-7]|[1-9])"
SDG_GOALS = rf"^\s*{_SDG_GOAL}(?:\s*[,،]\s*{_SDG_GOAL})*\s*$"
SDG_TARGETS = rf"^\s*{_SDG_GOAL}\.[0-9a-z](?:\s*[,،]\s*{_SDG_GOAL}\.[0-9a-z])*\s*$"


class ProgramQuerySet(ScopedQuerySet):
    def public(self):
        return self.filter(is_public=True)


class Program(models.Model):
    """A development program, strategy, lab, protocol or capacity-building track."""

    class Kind(models.TextChoices):
        PROGRAM = "program", _("Development program")
        STRATEGY = "strategy", _("Strategy")
        LAB = "lab", _("Lab or centre")
        PROTOCOL = "protocol", _("Protocol")
        CAPACITY = "capacity", _("Capacity-building track")

    class Status(models.TextChoices):
        """IATI ActivityStatus codes."""

        PIPELINE = "1", _("Identification")
        IMPLEMENTATION = "2", _("Implementation")
        FINALISATION = "3", _("Finalisation")
        CLOSED = "4", _("Closed")
        CANCELLED = "5", _("Cancelled")
        SUSPENDED = "6", _("Suspended")

    class Currency(models.TextChoices):
        EGP = "EGP", _("Egyptian pound")
        SAR = "SAR", _("Saudi riyal")
        USD = "USD", _("US dollar")

    # Staff of the lead governorate edit a program; national programs have none.
    scope_paths = ScopePaths(governorate="lead_governorate")

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_ar = models.CharField(_("Arabic title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    description_ar = models.TextField(_("Arabic description"))
    description_en = models.TextField(_("English description"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    lead_governorate = models.ForeignKey(
        Governorate, models.PROTECT, null=True, blank=True, related_name="led_programs",
        verbose_name=_("lead governorate"), help_text=_("Empty for a national program."),
    )  # fmt: skip
    governorates = models.ManyToManyField(
        Governorate, blank=True, related_name="programs", verbose_name=_("governorates covered")
    )
    districts = models.ManyToManyField(
        District, blank=True, related_name="programs", verbose_name=_("districts covered")
    )
    status = models.CharField(_("status"), max_length=1, choices=Status.choices, default=Status.PIPELINE)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EGP)
    sector_code = models.CharField(
        _("DAC sector"),
        max_length=5,
        default="43030",
        help_text=_("43030 is urban development and management."),
        validators=[RegexValidator(r"^\d{5}$", _("A DAC sector code is five digits."))],
    )
    sdg_goals = models.CharField(
        _("SDG goals"), max_length=60, blank=True, help_text=_("e.g. 11, 16, 17"),
        validators=[RegexValidator(SDG_GOALS, _("List goals from 1 to 17, separated by commas."))],
    )  # fmt: skip
    sdg_targets = models.CharField(
        _("SDG targets"), max_length=120, blank=True, help_text=_("e.g. 11.3, 16.7"),
        validators=[RegexValidator(SDG_TARGETS, _("List targets such as 11.3 or 16.a, separated by commas"))],
    )  # fmt: skip
    national_visions = models.CharField(
        _("national visions"), max_length=100, blank=True, help_text=_("Egypt Vision 2030, Saudi Vision 2030")
    )
    is_public = models.BooleanField(_("published"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["-start_date", "slug"]
        constraints = [
            models.CheckConstraint(
                name="program_ends_after_start",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                violation_error_message=_("The end date must not be before the start date."),
            ),
            models.CheckConstraint(
                name="program_budget_not_negative",
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                violation_error_message=_("The budget cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized_name(self.title_ar, self.title_en)

    @property
    def description(self) -> str:
        return localized_name(self.description_ar, self.description_en)

    @property
    def sdg_goal_list(self) -> list[str]:
        return _codes(self.sdg_goals)

    @property
    def sdg_target_list(self) -> list[str]:
        return _codes(self.sdg_targets)


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.replace("،", ",").split(",") if code.strip()]


class PartnershipQuerySet(ScopedQuerySet):
    def public(self):
        """Partnerships shown to the public: those of verified partners."""
        return self.filter(organization__status=Organization.Status.VERIFIED).select_related("organization")


class Partnership(models.Model):
    """A partner's role in a program (IATI OrganisationRole, plus technical partners)."""

    class Role(models.TextChoices):
        FUNDING = "1", _("Funding")
        ACCOUNTABLE = "2", _("Accountable")
        EXTENDING = "3", _("Extending")
        IMPLEMENTING = "4", _("Implementing")
        TECHNICAL = "technical", _("Technical or knowledge partner")

    scope_paths = ScopePaths(governorate="program__lead_governorate")

    program = models.ForeignKey(
        Program, models.CASCADE, related_name="partnerships", verbose_name=_("program")
    )
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="partnerships", verbose_name=_("partner")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    funding_amount = models.DecimalField(
        _("funding amount"), max_digits=16, decimal_places=2, null=True, blank=True,
        help_text=_("Only for funding partners, in the program's currency."),
    )  # fmt: skip

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["role", "organization__name_ar"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "organization", "role"],
                name="partnership_one_role_once",
                violation_error_message=_("This partner already has this role in the program."),
            ),
            models.CheckConstraint(
                name="partnership_funding_only_for_funders",
                condition=Q(funding_amount__isnull=True) | Q(role="1", funding_amount__gte=0),
                violation_error_message=_("Only a funding partner has a funding amount."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_role_display()}"


class Agreement(models.Model):
    """The protocol or memorandum a program stands on."""

    class Kind(models.TextChoices):
        PROTOCOL = "protocol", _("Cooperation protocol")
        MOU = "mou", _("Memorandum of understanding")
        CONTRACT = "contract", _("Contract")

    scope_paths = ScopePaths(governorate="program__lead_governorate")

    program = models.ForeignKey(Program, models.CASCADE, related_name="agreements", verbose_name=_("program"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    signed_on = models.DateField(_("signed on"))
    parties = models.ManyToManyField(Organization, related_name="agreements", verbose_name=_("parties"))
    objectives = models.TextField(_("objectives"), blank=True)
    document = models.FileField(_("document"), upload_to="agreements/", blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on"]

    def __str__(self) -> str:
        return self.title


class Phase(models.Model):
    """A stage of a program or strategy, such as Aswan 2040's needs assessment."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Under way")
        DONE = "done", _("Done")

    scope_paths = ScopePaths(governorate="program__lead_governorate")

    program = models.ForeignKey(Program, models.CASCADE, related_name="phases", verbose_name=_("program"))
    order = models.PositiveSmallIntegerField(_("order"))
    name_ar = models.CharField(_("Arabic name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["program", "order"]
        constraints = [
            models.UniqueConstraint(fields=["program", "order"], name="phase_order_unique_in_program"),
            models.CheckConstraint(
                name="phase_ends_after_start",
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                violation_error_message=_("The end date must not be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return localized_name(self.name_ar, self.name_en)


class Event(models.Model):
    """A workshop, training, forum or coordination meeting of a program."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training")
        FORUM = "forum", _("Forum")
        MEETING = "meeting", _("Coordination meeting")

    scope_paths = ScopePaths(governorate="program__lead_governorate")

    program = models.ForeignKey(
        Program, models.CASCADE, null=True, blank=True, related_name="events", verbose_name=_("program")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title_ar = models.CharField(_("Arabic title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    organisers = models.ManyToManyField(
        Organization, blank=True, related_name="organised_events", verbose_name=_("organisers")
    )
    governorates = models.ManyToManyField(
        Governorate, blank=True, related_name="events", verbose_name=_("participating governorates")
    )
    partners = models.ManyToManyField(
        Organization, blank=True, related_name="attended_events", verbose_name=_("participating partners")
    )
    topics = models.TextField(_("topics or axes"), blank=True)
    # Participants by kind, as the governorates' reports count them.
    officials = models.PositiveIntegerField(_("officials and leaders"), default=0)
    staff = models.PositiveIntegerField(_("local administration staff"), default=0)
    partner_representatives = models.PositiveIntegerField(_("partners' representatives"), default=0)
    citizens = models.PositiveIntegerField(_("citizens and civil society"), default=0)
    outcomes = models.TextField(_("outcomes and recommendations"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                name="event_ends_after_start",
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                violation_error_message=_("The last day must not be before the first."),
            ),
        ]

    def __str__(self) -> str:
        return localized_name(self.title_ar, self.title_en)

    @property
    def participants(self) -> int:
        return self.officials + self.staff + self.partner_representatives + self.citizens


class EventPhoto(models.Model):
    """A photo of an event, re-encoded without its metadata."""

    scope_paths = ScopePaths(governorate="event__program__lead_governorate")

    event = models.ForeignKey(Event, models.CASCADE, related_name="photos", verbose_name=_("event"))
    image = models.ImageField(_("photo"), upload_to="events/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("event photo")
        verbose_name_plural = _("event photos")

    def __str__(self) -> str:
        return self.caption or self.image.name


class Objective(models.Model):
    """What a program sets out to achieve, measured by its indicators."""

    scope_paths = ScopePaths(governorate="program__lead_governorate")

    program = models.ForeignKey(Program, models.CASCADE, related_name="objectives", verbose_name=_("program"))
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title_ar = models.CharField(_("Arabic title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["program", "order"]

    def __str__(self) -> str:
        return localized_name(self.title_ar, self.title_en)


class Indicator(models.Model):
    """A measure of an objective, with a baseline, and targets and actuals by period."""

    class Measure(models.TextChoices):
        """IATI IndicatorMeasure codes."""

        UNIT = "1", _("Number")
        PERCENTAGE = "2", _("Percentage")

    scope_paths = ScopePaths(governorate="objective__program__lead_governorate")

    objective = models.ForeignKey(
        Objective, models.CASCADE, related_name="indicators", verbose_name=_("objective")
    )
    title_ar = models.CharField(_("Arabic title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    measure = models.CharField(_("measure"), max_length=1, choices=Measure.choices, default=Measure.UNIT)
    ascending = models.BooleanField(_("higher is better"), default=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    baseline_value = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    reporter = models.ForeignKey(
        Organization, models.SET_NULL, null=True, blank=True, related_name="reported_indicators",
        verbose_name=_("reporting partner"),
    )  # fmt: skip

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return localized_name(self.title_ar, self.title_en)


class ReportingPeriod(models.Model):
    """An indicator's target for a period and the actual a partner reports, reviewed by staff.

    draft → submitted → approved (locked) or returned (to be corrected and submitted again).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for correction")

    scope_paths = ScopePaths(governorate="indicator__objective__program__lead_governorate")

    indicator = models.ForeignKey(
        Indicator, models.CASCADE, related_name="periods", verbose_name=_("indicator")
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    target_value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    actual_value = models.DecimalField(_("actual"), max_digits=14, decimal_places=2, null=True, blank=True)
    actual_comment = models.CharField(_("comment on the actual"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    review_note = models.CharField(_("note from the review"), max_length=1000, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("reported by"),
    )  # fmt: skip
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("reviewed by"),
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"], name="period_starts_once_per_indicator"
            ),
            models.CheckConstraint(
                name="period_ends_after_start",
                condition=Q(period_end__gte=F("period_start")),
                violation_error_message=_("The end date must not be before the start date."),
            ),
            models.CheckConstraint(
                name="period_submitted_has_actual",
                condition=Q(status="draft") | Q(actual_value__isnull=False),
                violation_error_message=_("A submitted report needs its actual value."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"


for model in (
    Organization,
    Program,
    Partnership,
    Agreement,
    Phase,
    Event,
    Objective,
    Indicator,
    ReportingPeriod,
):
    auditlog.register(model)
