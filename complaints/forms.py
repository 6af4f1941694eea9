from captcha.fields import CaptchaField
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from complaints.models import Category, Channel, Complaint, Hearing, RejectionReason
from complaints.services import TRANSITIONS, Photo
from portal.forms import PhotosField, StyledFormMixin
from portal.models import District, Governorate
from portal.validation import normalize_phone, validate_national_id


def grouped_district_choices(queryset):
    groups: dict[str, list] = {}
    for district in queryset.select_related("governorate").order_by("governorate__code", "code"):
        groups.setdefault(district.governorate.name, []).append((district.code, district.name))
    return [("", "—"), *groups.items()]


class ComplaintPhotosField(PhotosField):
    """The citizen's photos, as the complaint service takes them."""

    def __init__(self, **kwargs):
        super().__init__(max_count=settings.COMPLAINT_MAX_PHOTOS, **kwargs)

    def clean(self, data, initial=None):
        return [Photo(content, content_type) for content, content_type in super().clean(data, initial)]


class CitizenDetailsForm(StyledFormMixin, forms.Form):
    """What every complaint form asks, whoever fills it in."""

    category = forms.ModelChoiceField(
        queryset=Category.objects.filter(is_active=True),
        to_field_name="code",
        label=_("What is the problem about?"),
        empty_label="—",
    )
    district = forms.ChoiceField(label=_("District (markaz, qism or city)"))
    description = forms.CharField(
        label=_("Describe the problem"),
        min_length=10,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 5000}),
    )
    address = forms.CharField(label=_("Address or nearest landmark"), max_length=300, required=False)
    latitude = forms.DecimalField(
        max_digits=9, decimal_places=6, min_value=-90, max_value=90, required=False, widget=forms.HiddenInput
    )
    longitude = forms.DecimalField(
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        required=False,
        widget=forms.HiddenInput,
    )
    photos = ComplaintPhotosField(label=_("Photos (optional)"), required=False)
    name = forms.CharField(label=_("Your name"), max_length=200)
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "dir": "ltr"}),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"), required=False, widget=forms.EmailInput(attrs={"dir": "ltr"})
    )
    national_id = forms.CharField(
        label=_("National ID (optional)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )

    def __init__(self, *args, districts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.districts = districts if districts is not None else District.objects.all()
        self.fields["district"].choices = grouped_district_choices(self.districts)

    def clean_district(self):
        district = (
            self.districts.select_related("governorate").filter(code=self.cleaned_data["district"]).first()
        )
        if district is None:
            raise ValidationError(_("Choose a district from the list."))
        return district

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])

    def clean_national_id(self):
        value = self.cleaned_data["national_id"]
        return validate_national_id(value) if value else ""


class ComplaintForm(CitizenDetailsForm):
    """The public form: a captcha that needs no outside service, and a field only robots fill in."""

    captcha = CaptchaField(label=_("Answer the sum to show you are not a robot"))
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class StaffComplaintForm(CitizenDetailsForm):
    """Staff filing a complaint heard on the hotline, at a counter or in a hearing."""

    channel = forms.ChoiceField(
        label=_("Received through"),
        choices=[(c.value, c.label) for c in (Channel.HOTLINE, Channel.WALK_IN, Channel.HEARING)],
    )
    hearing = forms.ModelChoiceField(queryset=Hearing.objects.none(), required=False, label=_("Hearing"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, districts=District.objects.for_user(user), **kwargs)
        self.fields["hearing"].queryset = Hearing.objects.for_user(user).select_related(
            "district", "governorate"
        )

    def clean(self):
        data = super().clean()
        hearing, district = data.get("hearing"), data.get("district")
        if data.get("channel") == Channel.HEARING and not hearing:
            self.add_error("hearing", _("Choose the hearing the complaint was raised at."))
        if hearing and district and not _hearing_covers(hearing, district):
            self.add_error(
                "hearing", _("This hearing was held for another place than the complaint's district.")
            )
        return data


def _hearing_covers(hearing, district) -> bool:
    if hearing.district_id:
        return hearing.district_id == district.pk
    return hearing.governorate_id == district.governorate_id


class TrackForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=30,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocapitalize": "characters"}),
    )
    phone = forms.CharField(
        label=_("Mobile number used when filing"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr"}),
    )

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])


class RateForm(StyledFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How well did the answer solve the problem?"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReopenForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why did the answer not solve the problem?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TransitionForm(StyledFormMixin, forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in TRANSITIONS], widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Message to the citizen"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[("", "—"), *RejectionReason.choices], required=False
    )
    duplicate_of = forms.CharField(
        label=_("Tracking code of the original"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_duplicate_of(self):
        code = self.cleaned_data["duplicate_of"].strip().upper()
        if not code:
            return None
        original = Complaint.objects.for_user(self.user).filter(tracking_code=code).first()
        if original is None:
            raise ValidationError(_("No complaint in your scope has this tracking code."))
        return original


class NoteForm(StyledFormMixin, forms.Form):
    message = forms.CharField(label=_("Note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    public = forms.BooleanField(label=_("Send to the citizen as an update"), required=False)


class MoveForm(StyledFormMixin, forms.Form):
    district = forms.ChoiceField(label=_("Move to district"))
    note = forms.CharField(label=_("Why"), max_length=500, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.districts = District.objects.for_user(user)
        self.fields["district"].choices = grouped_district_choices(self.districts)

    def clean_district(self):
        district = self.districts.filter(code=self.cleaned_data["district"]).first()
        if district is None:
            raise ValidationError(_("Choose a district from the list."))
        return district


class AssignForm(StyledFormMixin, forms.Form):
    complaints = forms.CharField(widget=forms.HiddenInput, required=False)
    assignee = forms.ModelChoiceField(queryset=get_user_model().objects.none(), label=_("Assign to"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from portal.models import StaffProfile

        colleagues = StaffProfile.objects.for_user(user).values_list("user_id", flat=True)
        self.fields["assignee"].queryset = get_user_model().objects.filter(pk__in=colleagues, is_active=True)


class HearingForm(StyledFormMixin, forms.ModelForm):
    governorate = forms.ModelChoiceField(queryset=Governorate.objects.none(), label=_("Governorate"))
    district = forms.ModelChoiceField(queryset=District.objects.none(), required=False, label=_("District"))

    class Meta:
        model = Hearing
        fields = ["governorate", "district", "held_on", "chaired_by", "attendees", "officials", "notes"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        districts = District.objects.for_user(user).select_related("governorate")
        self.fields["district"].queryset = districts
        self.fields["governorate"].queryset = Governorate.objects.filter(districts__in=districts).distinct()
