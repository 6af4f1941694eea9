"""Forms for recording initiatives, reporting progress, reviewing it and logging obstacles."""

from django import forms
from django.db.models import Q
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, InitiativePartner, Milestone, Obstacle
from initiatives.services.projects import districts_out_of_reach
from portal.forms import PhotosField, StyledFormMixin, offer_scope_governorates
from portal.models import District
from portal.scoping import Scope
from programs.forms import style_formset
from programs.models import Organization, Program

PROGRESS_MAX_PHOTOS = 4
PERCENT_MESSAGE = _("Progress is a percentage from 0 to 100.")


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _coordinate(label, limit: int):
    """A latitude (±90) or longitude (±180), bounded like the inspection form's."""
    return forms.DecimalField(
        label=label, max_digits=9, decimal_places=6, min_value=-limit, max_value=limit, required=False,
        widget=forms.NumberInput(attrs={"step": "0.000001", "dir": "ltr"}),
    )  # fmt: skip


class InitiativeForm(StyledFormMixin, forms.ModelForm):
    """An initiative as governorate staff or a district officer record it, limited to their scope."""

    latitude = _coordinate(Initiative._meta.get_field("latitude").verbose_name, 90)
    longitude = _coordinate(Initiative._meta.get_field("longitude").verbose_name, 180)

    class Meta:
        model = Initiative
        fields = [
            "title_ar", "title_en", "summary_ar", "summary_en", "program", "governorate", "districts",
            "sector", "theme", "latitude", "longitude", "budget", "currency", "planned_start", "planned_end",
            "actual_start", "actual_end", "status", "is_public",
        ]  # fmt: skip
        widgets = {
            "summary_ar": forms.Textarea(attrs={"rows": 4}),
            "summary_en": forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
            "title_en": forms.TextInput(attrs={"dir": "ltr"}),
            "districts": forms.SelectMultiple(attrs={"size": 6}),
            "planned_start": _date_input(),
            "planned_end": _date_input(),
            "actual_start": _date_input(),
            "actual_end": _date_input(),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = _programs_for(user)
        self.fields["districts"].queryset = District.objects.for_user(user).select_related("governorate")
        self._name_kept_districts(user)
        offer_scope_governorates(self.fields["governorate"], user)

    def _name_kept_districts(self, user):
        """Say which of the initiative's districts the user cannot choose: saving keeps them."""
        kept = [district.name for district in districts_out_of_reach(user, self.instance).order_by("code")]
        if kept:
            self.fields["districts"].help_text = _(
                "The initiative also covers %(districts)s, outside your area. Saving keeps them."
            ) % {"districts": get_text_list(kept, _("and"))}

    def clean_budget(self):
        budget = self.cleaned_data.get("budget")
        if budget is not None and budget < 0:
            raise forms.ValidationError(_("Amounts cannot be negative."))
        return budget

    def clean(self):
        data = super().clean()
        planned = _("The planned end must not be before the planned start.")
        actual = _("The actual end must not be before the actual start.")
        _check_order(self, data, "planned_start", "planned_end", planned)
        _check_order(self, data, "actual_start", "actual_end", actual)
        return data


def _check_order(form, data, start: str, end: str, message):
    if data.get(start) and data.get(end) and data[end] < data[start]:
        form.add_error(end, message)


def _programs_for(user):
    """Programs of the user's scope, and national programs (those without a lead governorate)."""
    if Scope.of(user).is_national:
        return Program.objects.order_by("title_ar")
    in_scope = Program.objects.for_user(user).values("pk")
    return Program.objects.filter(Q(pk__in=in_scope) | Q(lead_governorate__isnull=True)).order_by("title_ar")


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["order", "title", "due_on", "done_on"]
        widgets = {"due_on": _date_input(), "done_on": _date_input()}


PartnerFormSet = forms.inlineformset_factory(
    Initiative, InitiativePartner, fields=["organization", "role", "contribution"], extra=2, can_delete=True
)
MilestoneFormSet = forms.inlineformset_factory(
    Initiative, Milestone, form=MilestoneForm, extra=2, can_delete=True
)


def partner_formset(data, instance):
    formset = PartnerFormSet(data, instance=instance, prefix="partners")
    for form in [*formset.forms, formset.empty_form]:
        form.fields["organization"].queryset = Organization.objects.order_by("name_ar")
    return style_formset(formset)


def milestone_formset(data, instance):
    return style_formset(MilestoneFormSet(data, instance=instance, prefix="milestones"))


class ProgressForm(StyledFormMixin, forms.Form):
    percent = forms.IntegerField(
        label=_("Percent complete"), min_value=0, max_value=100,
        error_messages={"min_value": PERCENT_MESSAGE, "max_value": PERCENT_MESSAGE},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )  # fmt: skip
    narrative = forms.CharField(
        label=_("What was done"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    spent_to_date = forms.DecimalField(
        label=_("Spent to date"), max_digits=16, decimal_places=2, min_value=0, required=False,
        widget=forms.NumberInput(attrs={"dir": "ltr"}),
    )  # fmt: skip
    reason = forms.CharField(
        label=_("Reason for a lower figure"), max_length=1000, required=False,
        help_text=_("Required when the percentage is below the last approved one."),
    )  # fmt: skip
    photos = PhotosField(label=_("Photos (optional)"), required=False, max_count=PROGRESS_MAX_PHOTOS)


class ProgressReviewForm(StyledFormMixin, forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("1", _("Approve")), ("0", _("Return"))], coerce=lambda v: v == "1", widget=forms.HiddenInput
    )
    note = forms.CharField(label=_("What needs correcting"), max_length=1000, required=False)


class ObstacleForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Obstacle
        fields = ["kind", "description", "owner", "needed_by"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "needed_by": _date_input()}


class ObstacleResolveForm(StyledFormMixin, forms.Form):
    resolution = forms.CharField(
        label=_("How it was resolved"), max_length=3000, widget=forms.Textarea(attrs={"rows": 2})
    )
