from captcha.fields import CaptchaField
from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from portal.forms import PhotosField, StyledFormMixin, offer_scope_governorates, style_fields
from portal.models import District, Governorate
from portal.validation import clean_photo, normalize_phone
from programs.models import Agreement, Event, Organization, OrganizationType, Partnership, Phase, Program

NGO_TYPES = [OrganizationType.NATIONAL_NGO, OrganizationType.REGIONAL_NGO, OrganizationType.INTERNATIONAL_NGO,
             OrganizationType.FOUNDATION]  # fmt: skip
LOGO_MAX_BYTES = 1024 * 1024
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
EVENT_MAX_PHOTOS = 6


class OrganizationProfileForm(StyledFormMixin, forms.ModelForm):
    """The profile an NGO keeps: the same fields at registration and afterwards."""

    governorates = forms.ModelMultipleChoiceField(
        queryset=Governorate.objects.order_by("country__code", "code"),
        label=_("Governorates served"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Organization
        fields = [
            "name_ar", "name_en", "acronym", "org_type", "registration_number", "governorates",
            "fields_of_work", "members", "needs", "capacities", "contact_name", "contact_phone",
            "contact_email", "website", "logo",
        ]  # fmt: skip
        widgets = {
            "fields_of_work": forms.Textarea(attrs={"rows": 2}),
            "needs": forms.Textarea(attrs={"rows": 3}),
            "capacities": forms.Textarea(attrs={"rows": 3}),
            "contact_phone": forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr"}),
            "contact_email": forms.EmailInput(attrs={"dir": "ltr"}),
            "website": forms.URLInput(attrs={"dir": "ltr"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["logo"].widget = forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp"}
        )

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"]
        return normalize_phone(phone) if phone else ""

    def clean_registration_number(self):
        return (self.cleaned_data["registration_number"] or "").strip() or None

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo or not hasattr(logo, "content_type"):
            return logo  # unchanged
        content, content_type = clean_photo(logo, max_bytes=LOGO_MAX_BYTES)
        extension = content_type.split("/")[1].replace("jpeg", "jpg")
        return ContentFile(content, name=f"logo.{extension}")


class NgoRegistrationForm(OrganizationProfileForm):
    """Self-registration: the profile, an account for the NGO's editor, and a captcha."""

    username = forms.CharField(
        label=_("Username for the NGO's editor"),
        max_length=150,
        validators=[get_user_model().username_validator],
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "username"}),
    )
    email = forms.EmailField(label=_("Editor's e-mail"), widget=forms.EmailInput(attrs={"dir": "ltr"}))
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    captcha = CaptchaField(label=_("Answer the sum to show you are not a robot"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_type"].choices = [(t.value, t.label) for t in NGO_TYPES]
        for required in ("registration_number", "contact_name", "contact_phone", "needs", "governorates"):
            self.fields[required].required = True

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken."))
        return username

    def clean(self):
        data = super().clean()
        if data.get("password"):
            try:
                password_validation.validate_password(data["password"])
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class ReviewForm(StyledFormMixin, forms.Form):
    verified = forms.TypedChoiceField(
        choices=[("1", _("Verify")), ("0", _("Reject"))], coerce=lambda v: v == "1", widget=forms.HiddenInput
    )
    note = forms.CharField(label=_("Reason (required to reject)"), max_length=500, required=False)


class ProgramForm(StyledFormMixin, forms.ModelForm):
    """A program as governorate staff record it; the lead governorate is theirs."""

    class Meta:
        model = Program
        fields = [
            "title_ar", "title_en", "kind", "status", "lead_governorate", "governorates", "description_ar",
            "description_en", "goals", "start_date", "end_date", "budget", "currency", "sector_code",
            "sdg_goals", "sdg_targets", "national_visions", "is_public", "districts",
        ]  # fmt: skip
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description_ar": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "governorates": forms.SelectMultiple(attrs={"size": 6}),
            "districts": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        lead = self.fields["lead_governorate"]
        self.fields["districts"].queryset = District.objects.for_user(user).select_related("governorate")
        # A national program has no lead governorate; a governorate's own program must name it.
        lead.required = not offer_scope_governorates(lead, user).is_national


PartnershipFormSet = forms.inlineformset_factory(
    Program, Partnership, fields=["organization", "role", "funding_amount"], extra=2, can_delete=True
)
PhaseFormSet = forms.inlineformset_factory(
    Program, Phase, fields=["order", "name_ar", "name_en", "start_date", "end_date", "status"], extra=1,
    can_delete=True, widgets={"start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                              "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")},
)  # fmt: skip


def style_formset(formset):
    for form in [*formset.forms, formset.empty_form]:
        style_fields(form)
    return formset


class ActualForm(StyledFormMixin, forms.Form):
    value = forms.DecimalField(label=_("Actual"), max_digits=14, decimal_places=2, min_value=0)
    comment = forms.CharField(label=_("Comment"), max_length=1000, required=False)
    submit = forms.BooleanField(required=False, widget=forms.HiddenInput)


class PeriodReviewForm(StyledFormMixin, forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("1", _("Approve")), ("0", _("Return"))], coerce=lambda v: v == "1", widget=forms.HiddenInput
    )
    note = forms.CharField(label=_("What needs correcting"), max_length=1000, required=False)


class EventForm(StyledFormMixin, forms.ModelForm):
    photos = PhotosField(label=_("Photos (optional)"), required=False, max_count=EVENT_MAX_PHOTOS)

    class Meta:
        model = Event
        fields = [
            "kind", "title_ar", "title_en", "starts_on", "ends_on", "place", "organisers", "governorates",
            "partners", "topics", "officials", "staff", "partner_representatives", "citizens", "outcomes",
        ]  # fmt: skip
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "topics": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.Textarea(attrs={"rows": 3}),
            "organisers": forms.SelectMultiple(attrs={"size": 5}),
            "governorates": forms.SelectMultiple(attrs={"size": 5}),
            "partners": forms.SelectMultiple(attrs={"size": 5}),
        }


class AgreementForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["kind", "title", "signed_on", "parties", "objectives", "document"]
        widgets = {
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "parties": forms.SelectMultiple(attrs={"size": 6}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and hasattr(document, "content_type"):
            if document.size > DOCUMENT_MAX_BYTES or not document.read(5).startswith(b"%PDF-"):
                raise forms.ValidationError(_("The document must be a PDF of at most 10 MB."))
            document.seek(0)
        return document
