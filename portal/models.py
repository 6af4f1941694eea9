"""Geography (countries, governorates, districts, villages) and staff profiles with their scope."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.scoping import ScopedQuerySet, ScopePaths
from portal.text import localized_name, normalize_arabic


class BilingualName(models.Model):
    """An official Arabic name, its English form when known, and a folded copy for search."""

    name_ar = models.CharField(_("Arabic name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    name_search = models.CharField(max_length=400, db_index=True, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_search = searchable_name(self.name_ar, self.name_en)
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        return localized_name(self.name_ar, self.name_en)


def searchable_name(name_ar: str, name_en: str = "") -> str:
    return normalize_arabic(f"{name_ar} {name_en}")


class Country(BilingualName):
    code = models.CharField(_("code"), max_length=2, unique=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]


class GovernorateQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(
            district_count=Count("districts", distinct=True),
            village_count=Count("districts__villages", distinct=True),
        )


class Governorate(BilingualName):
    """An Egyptian governorate (EG27) or a Saudi region (SA-03)."""

    class Kind(models.TextChoices):
        GOVERNORATE = "governorate", pgettext_lazy("egyptian unit", "Governorate")
        REGION = "region", pgettext_lazy("saudi unit", "Region")

    code = models.CharField(_("code"), max_length=10, unique=True)
    country = models.ForeignKey(
        Country, models.PROTECT, related_name="governorates", verbose_name=_("country")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    official_code = models.CharField(_("national statistics code"), max_length=10, blank=True)
    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=10, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True)

    objects = GovernorateQuerySet.as_manager()

    class Meta:
        verbose_name = _("governorate")
        verbose_name_plural = _("governorates")
        ordering = ["code"]


class DistrictQuerySet(ScopedQuerySet):
    def search(self, query: str):
        return self.filter(name_search__contains=normalize_arabic(query))


class District(BilingualName):
    """A markaz, qism or city of an Egyptian governorate, or a Saudi governorate of a region."""

    class Kind(models.TextChoices):
        QISM = "qism", _("Qism (urban district)")
        MARKAZ = "markaz", _("Markaz (rural centre)")
        CITY = "city", _("City")
        PORT = "port_or_other", _("Port or special unit")
        OTHER = "other", pgettext_lazy("district kind", "Other")
        GOVERNORATE = "governorate", pgettext_lazy("saudi unit", "Governorate")
        EMIRATE = "emirate", _("Regional emirate")

    scope_paths = ScopePaths(governorate="governorate", district="pk")

    code = models.CharField(_("code"), max_length=10, unique=True)
    governorate = models.ForeignKey(
        Governorate, models.PROTECT, related_name="districts", verbose_name=_("governorate")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    objects = DistrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["code"]


class Village(BilingualName):
    """A village or shiakha (Egypt's third administrative level)."""

    scope_paths = ScopePaths(governorate="district__governorate", district="district")

    code = models.CharField(_("code"), max_length=12, unique=True)
    district = models.ForeignKey(
        District, models.PROTECT, related_name="villages", verbose_name=_("district")
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        ordering = ["code"]


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("National administrator")
    GOVERNOR = "governor", _("Governor")
    GOVERNORATE_STAFF = "governorate_staff", _("Governorate staff")
    DISTRICT_OFFICER = "district_officer", _("District officer")
    PARTNER_EDITOR = "partner_editor", _("Partner editor")


GOVERNORATE_ROLES = [Role.GOVERNOR, Role.GOVERNORATE_STAFF]


class StaffProfile(models.Model):
    """A staff member's role and the governorate or district their work is limited to."""

    scope_paths = ScopePaths(governorate="governorate", district="district")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="staff_profile",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    governorate = models.ForeignKey(
        Governorate,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("governorate"),
    )
    district = models.ForeignKey(
        District,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("district"),
    )
    organization = models.ForeignKey(
        "programs.Organization",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="editors",
        verbose_name=_("partner organisation"),
        help_text=_("For partner editors: the organisation whose profile and reports they keep."),
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        ordering = ["user__username"]
        constraints = [
            models.CheckConstraint(
                name="staffprofile_scope_fits_role",
                condition=(
                    Q(role=Role.NATIONAL_ADMIN, governorate__isnull=True, district__isnull=True)
                    | Q(role=Role.PARTNER_EDITOR, governorate__isnull=True, district__isnull=True)
                    | Q(role__in=GOVERNORATE_ROLES, governorate__isnull=False, district__isnull=True)
                    | Q(
                        role=Role.DISTRICT_OFFICER,
                        governorate__isnull=False,
                        district__isnull=False,
                    )
                ),
                violation_error_message=_(
                    "A national administrator or partner editor has no governorate; governors and "
                    "governorate staff need a governorate; a district officer needs a district."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"

    @property
    def is_national(self) -> bool:
        return self.role == Role.NATIONAL_ADMIN


auditlog.register(StaffProfile)
