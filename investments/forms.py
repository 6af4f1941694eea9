"""Forms for recording assets, reviewing them, importing sheets, and investors' interest."""

from decimal import Decimal

from captcha.fields import CaptchaField
from django import forms
from django.utils.translation import gettext_lazy as _

from investments.models import MAX_AREA_M2, MAX_VALUE, Asset, Lead
from investments.services import REVIEW_STEPS, outline_normalized, place_errors
from portal.forms import PhotosField, StyledFormMixin, offer_scope_governorates
from portal.models import District, Village
from portal.validation import clean_photo, normalize_phone

ASSET_MAX_PHOTOS = 6
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
AREA_MESSAGE = _("The area must be more than 0 and at most 500 km².")
ASSET_FIELDS = [
    "title_ar", "title_en", "kind", "governorate", "district", "village", "address", "latitude",
    "longitude", "outline", "area_m2", "owner_body", "current_use", "legal_status", "has_water",
    "has_electricity", "has_sewage", "has_road_access", "zoning", "permitted_uses", "estimated_value",
    "currency", "description",
]  # fmt: skip


def _coordinate(name: str, limit: int):
    return forms.DecimalField(
        label=Asset._meta.get_field(name).verbose_name, max_digits=9, decimal_places=6, min_value=-limit,
        max_value=limit, widget=forms.NumberInput(attrs={"step": "0.000001", "dir": "ltr"}),
    )  # fmt: skip


class OutlineField(forms.JSONField):
    """A GeoJSON Polygon as text; what it must be is `place_errors`' rule."""

    default_error_messages = {
        "invalid": _("The outline must be a GeoJSON Polygon of longitude and latitude pairs.")
    }

    def prepare_value(self, value):
        return "" if value is None else super().prepare_value(value)

    def bound_data(self, data, initial):
        try:
            return super().bound_data(data, initial)
        except RecursionError:
            return forms.fields.InvalidJSONInput(data)

    def to_python(self, value):
        try:
            value = super().to_python(value)
        except RecursionError:  # "[[[[…" nested thousands deep: not an outline, and json gives up
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return None if value in (None, "", {}, []) else outline_normalized(value)


class AssetRulesForm(forms.ModelForm):
    """The fields and checks every way of recording an asset shares: the page form and the import."""

    latitude = _coordinate("latitude", 90)
    longitude = _coordinate("longitude", 180)
    area_m2 = forms.DecimalField(
        label=Asset._meta.get_field("area_m2").verbose_name, max_digits=14, decimal_places=2,
        min_value=0.01, max_value=MAX_AREA_M2,
        error_messages={"min_value": AREA_MESSAGE, "max_value": AREA_MESSAGE},
        widget=forms.NumberInput(attrs={"dir": "ltr", "step": "0.01"}),
    )  # fmt: skip
    estimated_value = forms.DecimalField(
        label=Asset._meta.get_field("estimated_value").verbose_name, max_digits=16, decimal_places=2,
        min_value=0, max_value=MAX_VALUE, required=False,
        error_messages={"min_value": _("Amounts cannot be negative.")},
        widget=forms.NumberInput(attrs={"dir": "ltr"}),
    )  # fmt: skip
    outline = OutlineField(
        label=Asset._meta.get_field("outline").verbose_name, required=False,
        help_text=_("Optional: the surveyed outline as a GeoJSON Polygon of longitude and latitude pairs."),
        widget=forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
    )  # fmt: skip

    class Meta:
        model = Asset
        fields = ASSET_FIELDS

    def _get_validation_exclusions(self):
        """Fields the model need not check again: the places were chosen among rows of the database, and
        the check constraints repeat the bounds of the fields above (the database still enforces them).
        Django would otherwise query once a field and once a constraint, for every row of a sheet."""
        return super()._get_validation_exclusions() | {"governorate", "district", "village", "area_m2",
                                                         "estimated_value"}  # fmt: skip

    def clean(self):
        data = super().clean()
        for name, places in (("latitude", 6), ("longitude", 6), ("area_m2", 2), ("estimated_value", 2)):
            if data.get(name) is not None:  # as stored, so an unchanged figure is not logged as changed
                data[name] = data[name].quantize(Decimal(1).scaleb(-places))
        places = {
            name: data.get(name) for name in ("governorate", "district", "village", "latitude", "longitude")
        }
        for field, message in place_errors(**places, outline=data.get("outline")).items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class AssetForm(StyledFormMixin, AssetRulesForm):
    """An asset as a district officer or governorate staff record it, with the places of their scope."""

    photos = PhotosField(label=_("Photos"), max_count=ASSET_MAX_PHOTOS, required=False)
    document_title = forms.CharField(label=_("Document title"), max_length=200, required=False)
    document = forms.FileField(
        label=_("Document (PDF or photo)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )  # fmt: skip

    class Meta(AssetRulesForm.Meta):
        widgets = {
            "title_en": forms.TextInput(attrs={"dir": "ltr"}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "permitted_uses": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        districts = District.objects.for_user(user).select_related("governorate")
        self.fields["district"].queryset = districts
        self.fields["village"].queryset = Village.objects.filter(district__in=districts).select_related(
            "district"
        )
        offer_scope_governorates(self.fields["governorate"], user)

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        return clean_document(upload) if upload else None

    def clean(self):
        data = super().clean()
        if data.get("document") and not data.get("document_title", "").strip():
            self.add_error("document_title", _("Name the document (title deed, survey, decision…)."))
        return data

    def documents(self) -> list:
        document = self.cleaned_data.get("document")
        return [(self.cleaned_data["document_title"].strip(), *document)] if document else []


def clean_document(upload) -> tuple[bytes, str, str]:
    """A PDF (checked by its first bytes) or a photo (re-encoded): content, content type, extension."""
    if upload.size > DOCUMENT_MAX_BYTES:
        raise forms.ValidationError(_("A document may be at most 10 MB."))
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return upload.read(), "application/pdf", "pdf"
    try:
        content, content_type = clean_photo(upload, max_bytes=DOCUMENT_MAX_BYTES)
    except forms.ValidationError:
        raise forms.ValidationError(_("The document must be a PDF or a photo (JPEG, PNG or WebP).")) from None
    return content, content_type, content_type.split("/")[1]


class ReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[(action, action) for action in REVIEW_STEPS])
    note = forms.CharField(max_length=1000, required=False)
    # The version the reviewer saw (the asset's updated_at), so a change since is not approved unseen.
    seen = forms.DateTimeField(required=False)


class InterestForm(StyledFormMixin, forms.ModelForm):
    """An investor's expression of interest: a captcha that needs no outside service and a field only
    robots fill in, as on the complaint form."""

    captcha = CaptchaField(label=_("Answer the sum to show you are not a robot"))
    website = forms.CharField(
        required=False, label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )  # fmt: skip

    class Meta:
        model = Lead
        fields = ["name", "company", "phone", "email", "intended_use"]
        widgets = {
            "phone": forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"dir": "ltr"}),
            "intended_use": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class LeadForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Lead.Status.choices)
    note = forms.CharField(
        label=_("Follow-up note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ImportForm(StyledFormMixin, forms.Form):
    sheet = forms.FileField(
        label=_("Inventory sheet (XLSX or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
