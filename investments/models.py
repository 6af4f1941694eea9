"""The state's land and buildings: the inventory, its review for publication, investors' interest in it,
and inventory sheets imported for review before they are saved."""

from decimal import Decimal

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import District, Governorate, Village
from portal.scoping import ScopedQuerySet, ScopePaths
from portal.text import localized_name, normalize_arabic
from programs.models import Program

# Larger than any single plot the state holds (Qena governorate itself is about 10,800 km²): a figure
# above this is a typing slip (feddans or km² entered as m²), not an asset.
MAX_AREA_M2 = Decimal(500_000_000)  # 500 km²
MAX_VALUE = Decimal("1e13")


class PermittedUse(models.Model):
    """A use the zoning allows on an asset (residential, industrial, tourism…): reference data."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name_ar = models.CharField(_("Arabic name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("permitted use")
        verbose_name_plural = _("permitted uses")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized_name(self.name_ar, self.name_en)


class AssetQuerySet(ScopedQuerySet):
    def published(self):
        return self.filter(status=Asset.Status.APPROVED)

    def search(self, query: str):
        return self.filter(search_text__contains=normalize_arabic(query))


class Asset(models.Model):
    """A plot of state land or a state building, market or facility, and what an investor needs to know."""

    class Kind(models.TextChoices):
        LAND = "land", _("Land")
        BUILDING = "building", _("Building")
        MARKET = "market", _("Market")
        FACILITY = "facility", _("Facility")

    class Use(models.TextChoices):
        UNUSED = "unused", _("Unused")
        PARTLY = "partly", _("Partly used")
        USED = "used", _("Used")

    class LegalStatus(models.TextChoices):
        CLEAR = "clear", _("Clear title")
        DISPUTE = "dispute", _("Under dispute")
        ENCROACHED = "encroached", _("Encroached upon")
        REGISTRATION = "registration", _("Under registration")

    class Status(models.TextChoices):
        RECORDED = "recorded", pgettext_lazy("asset status", "Recorded")
        VERIFIED = "verified", pgettext_lazy("asset status", "Verified")
        APPROVED = "approved", _("Published")

    scope_paths = ScopePaths(governorate="governorate", district="district")

    title_ar = models.CharField(_("Arabic title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    governorate = models.ForeignKey(
        Governorate, models.PROTECT, related_name="assets", verbose_name=_("governorate")
    )
    district = models.ForeignKey(District, models.PROTECT, related_name="assets", verbose_name=_("district"))
    village = models.ForeignKey(
        Village, models.PROTECT, null=True, blank=True, related_name="assets", verbose_name=_("village")
    )
    address = models.CharField(_("address"), max_length=500, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    # A GeoJSON Polygon (longitude, latitude) when the plot's outline has been surveyed.
    outline = models.JSONField(_("outline"), null=True, blank=True)
    area_m2 = models.DecimalField(_("area (m²)"), max_digits=14, decimal_places=2)
    owner_body = models.CharField(
        _("owning body"), max_length=300, help_text=_("The body the asset belongs to or is allocated to.")
    )
    current_use = models.CharField(_("current use"), max_length=10, choices=Use.choices)
    legal_status = models.CharField(_("legal status"), max_length=15, choices=LegalStatus.choices)
    has_water = models.BooleanField(_("water"), default=False)
    has_electricity = models.BooleanField(_("electricity"), default=False)
    has_sewage = models.BooleanField(_("sewage"), default=False)
    has_road_access = models.BooleanField(_("road access"), default=False)
    zoning = models.CharField(_("zoning"), max_length=300, blank=True)
    permitted_uses = models.ManyToManyField(
        PermittedUse, blank=True, related_name="assets", verbose_name=_("permitted uses")
    )
    estimated_value = models.DecimalField(
        _("estimated value"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Program.Currency.choices, default=Program.Currency.EGP
    )
    status = models.CharField(
        _("review status"), max_length=10, choices=Status.choices, default=Status.RECORDED, db_index=True
    )
    review_note = models.CharField(_("note from the review"), max_length=1000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("recorded by"),
    )  # fmt: skip
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("verified by"),
    )  # fmt: skip
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("approved by"),
    )  # fmt: skip
    approved_at = models.DateTimeField(_("published at"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AssetQuerySet.as_manager()

    class Meta:
        verbose_name = _("state asset")
        verbose_name_plural = _("state assets")
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["governorate", "status"], name="asset_governorate_status")]
        constraints = [
            models.CheckConstraint(
                name="asset_area_sensible",
                condition=Q(area_m2__gt=0) & Q(area_m2__lte=MAX_AREA_M2),
                violation_error_message=_("The area must be more than 0 and at most 500 km²."),
            ),
            models.CheckConstraint(
                name="asset_value_not_negative",
                condition=Q(estimated_value__isnull=True) | Q(estimated_value__gte=0),
                violation_error_message=_("Amounts cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = normalize_arabic(f"{self.title_ar} {self.title_en} {self.address} {self.zoning}")
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        return localized_name(self.title_ar, self.title_en)

    @property
    def utilities(self) -> list[str]:
        """The names of the utilities the asset has, for pages and sheets."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in ("has_water", "has_electricity", "has_sewage", "has_road_access")
            if getattr(self, name)
        ]

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.APPROVED


def _asset_scope(prefix: str = "asset__") -> ScopePaths:
    return ScopePaths(governorate=f"{prefix}governorate", district=f"{prefix}district")


class AssetPhoto(models.Model):
    """A photo of the asset, re-encoded without its metadata; public once the asset is published."""

    scope_paths = _asset_scope()

    asset = models.ForeignKey(Asset, models.CASCADE, related_name="photos", verbose_name=_("asset"))
    image = models.ImageField(_("photo"), upload_to="assets/photos/")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("asset photo")
        verbose_name_plural = _("asset photos")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.image.name


class AssetDocument(models.Model):
    """A title deed, survey or allocation decision: for staff only, never public."""

    scope_paths = _asset_scope()

    asset = models.ForeignKey(Asset, models.CASCADE, related_name="documents", verbose_name=_("asset"))
    title = models.CharField(_("document"), max_length=200)
    file = models.FileField(_("file"), upload_to="assets/documents/")
    content_type = models.CharField(max_length=100, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("asset document")
        verbose_name_plural = _("asset documents")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Lead(models.Model):
    """An investor's expression of interest in a published asset, followed up by the governorate."""

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("lead status", "New")
        CONTACTED = "contacted", _("Contacted")
        NEGOTIATING = "negotiating", _("In negotiation")
        CLOSED = "closed", pgettext_lazy("lead status", "Closed")

    scope_paths = _asset_scope()

    asset = models.ForeignKey(Asset, models.PROTECT, related_name="leads", verbose_name=_("asset"))
    name = models.CharField(_("name"), max_length=200)
    company = models.CharField(_("company"), max_length=200, blank=True)
    phone = models.CharField(_("mobile number"), max_length=20)
    email = models.EmailField(_("e-mail"), blank=True)
    intended_use = models.TextField(_("intended use"), max_length=2000)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NEW)
    staff_note = models.TextField(_("follow-up note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("updated by"),
    )  # fmt: skip

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("investor lead")
        verbose_name_plural = _("investor leads")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} · {self.asset}"


class AssetImport(models.Model):
    """An inventory sheet read and checked, waiting for its importer to confirm it. Only its rows are
    kept until then: no asset exists before confirmation."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Waiting for confirmation")
        SAVED = "saved", _("Saved")

    file_name = models.CharField(_("file"), max_length=200)
    rows = models.JSONField(_("rows"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREVIEW)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("imported by")
    )
    created_at = models.DateTimeField(_("read at"), default=timezone.now)
    saved_at = models.DateTimeField(_("saved at"), null=True, blank=True)
    assets = models.ManyToManyField(Asset, blank=True, related_name="+", verbose_name=_("assets"))

    class Meta:
        verbose_name = _("inventory import")
        verbose_name_plural = _("inventory imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name


# Bookkeeping columns are left out of the log: it says what people changed.
auditlog.register(Asset, m2m_fields={"permitted_uses"}, exclude_fields=["search_text", "updated_at"])
for model in (AssetPhoto, AssetDocument, Lead):
    auditlog.register(model, exclude_fields=["updated_at"] if model is Lead else None)
