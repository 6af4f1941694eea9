"""Forms of field work: an inspection round from a phone, turning a finding into a complaint or an
obstacle, and the governor's directives."""

from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.models import Category
from initiatives.checklists import ANSWERS, CHECKLISTS, checklist_items
from initiatives.models import Initiative, Inspection, InspectionFinding, Obstacle
from initiatives.services.field import MAX_FINDINGS, department_names
from portal.forms import PhotosField, StyledFormMixin
from portal.models import District, Governorate
from portal.scoping import Scope

INSPECTION_MAX_PHOTOS = 6
FINDING_ROWS = 3


def checklist_field_name(kind: str, code: str) -> str:
    return f"check_{kind}_{code}"


class InspectionForm(StyledFormMixin, forms.Form):
    """An inspection round; the checklists of every kind are rendered and only the chosen kind's count."""

    district = forms.ModelChoiceField(queryset=District.objects.none(), label=_("District"))
    kind = forms.ChoiceField(choices=Inspection.Kind.choices, label=_("What did you inspect?"))
    initiative = forms.ModelChoiceField(
        queryset=Initiative.objects.none(), required=False, label=_("Initiative whose site you inspected")
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=300,
        help_text=_("Street, village or landmark, e.g. the road by the school"),
    )
    latitude = forms.DecimalField(
        max_digits=9, decimal_places=6, min_value=-90, max_value=90, required=False, widget=forms.HiddenInput
    )
    longitude = forms.DecimalField(
        max_digits=9, decimal_places=6, min_value=-180, max_value=180, required=False,
        widget=forms.HiddenInput,
    )  # fmt: skip
    notes = forms.CharField(
        label=_("Notes"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    photos = PhotosField(
        max_count=INSPECTION_MAX_PHOTOS, required=False, label=_("Photos (up to 6)"),
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = Scope.of(user)
        self.fields["district"].queryset = District.objects.for_user(user).order_by("name_ar")
        if scope.district_id:
            self.fields["district"].initial = scope.district_id
        self.fields["initiative"].queryset = Initiative.objects.for_user(user).distinct().order_by("title_ar")
        self.fields["photos"].widget.attrs["capture"] = "environment"
        for kind, items in CHECKLISTS.items():
            for code, label in items:
                self.fields[checklist_field_name(kind, code)] = forms.ChoiceField(
                    label=label,
                    choices=list(ANSWERS.items()),
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                )

    def checklists(self):
        """(kind, label, bound fields) for the template: one group per kind, shown by the kind chosen."""
        return [
            (kind, label, [self[checklist_field_name(kind, code)] for code, _label in checklist_items(kind)])
            for kind, label in Inspection.Kind.choices
        ]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if not kind:
            return data
        data["checklist"] = self._chosen_checklist(kind)
        if kind == Inspection.Kind.SITE and not data.get("initiative"):
            self.add_error("initiative", _("Choose the initiative whose site you inspected."))
        if kind != Inspection.Kind.SITE:
            data["initiative"] = None
        return data

    def _chosen_checklist(self, kind: str) -> dict:
        answers = {}
        for code, _label in checklist_items(kind):
            name = checklist_field_name(kind, code)
            if self.cleaned_data.get(name):
                answers[code] = self.cleaned_data[name]
            elif name not in self.errors:
                self.add_error(name, _("Answer this item: fine, fault or not applicable."))
        return answers

    def faults(self) -> list[str]:
        return [code for code, answer in self.cleaned_data.get("checklist", {}).items() if answer == "fault"]


class FindingForm(StyledFormMixin, forms.Form):
    """A finding of the round: what was found, how urgent, and (optionally) which checklist item."""

    description = forms.CharField(
        label=_("What was found"), max_length=3000, widget=forms.Textarea(attrs={"rows": 2})
    )
    severity = forms.ChoiceField(
        label=_("Severity"), choices=InspectionFinding.Severity.choices,
        initial=InspectionFinding.Severity.MEDIUM,
    )  # fmt: skip
    item = forms.ChoiceField(label=_("Checklist item"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = [
            (label, [(code, item_label) for code, item_label in checklist_items(kind)])
            for kind, label in Inspection.Kind.choices
        ]
        self.fields["item"].choices = [("", _("None in particular")), *groups]

    def has_changed(self) -> bool:
        # A row counts once something is written in it; the severity select always posts a value.
        return bool(self.data.get(self.add_prefix("description"), "").strip())


class BaseFindingFormSet(forms.BaseFormSet):
    def findings(self, kind: str) -> list[dict]:
        """The filled rows, checked against the chosen kind's checklist (a form error otherwise)."""
        codes = {code for code, _label in checklist_items(kind)}
        rows = []
        for form in self.forms:
            if not form.has_changed() or not form.cleaned_data:
                continue
            if form.cleaned_data["item"] and form.cleaned_data["item"] not in codes:
                form.add_error("item", _("This item is not on the checklist of this kind of inspection."))
                continue
            rows.append({key: form.cleaned_data[key] for key in ("description", "severity", "item")})
        return rows


FindingFormSet = forms.formset_factory(
    FindingForm, formset=BaseFindingFormSet, extra=FINDING_ROWS, max_num=MAX_FINDINGS, validate_max=True
)


class MonthField(forms.CharField):
    """A month as the browser's month input sends it (YYYY-MM), cleaned to (year, month).

    Years are kept within 1900..2100: year 1 or 10000 cannot be turned into a time-zone-aware range."""

    default_error_messages = {"invalid": _("Choose a month between 1900 and 2100.")}

    def to_python(self, value) -> tuple[int, int] | None:
        value = super().to_python(value)  # stripped
        if not value:
            return None
        year, dash, month = value.partition("-")
        if not (dash and _ascii_digits(year, 4) and _ascii_digits(month, 2)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if not (1900 <= int(year) <= 2100 and 1 <= int(month) <= 12):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(year), int(month)


def _ascii_digits(text: str, length: int) -> bool:
    return len(text) == length and all("0" <= char <= "9" for char in text)


class FindingComplaintForm(StyledFormMixin, forms.Form):
    category = forms.ModelChoiceField(
        queryset=Category.objects.filter(is_active=True).order_by("position", "code"),
        label=_("Complaint category"),
        to_field_name="code",
    )


class FindingObstacleForm(StyledFormMixin, forms.Form):
    initiative = forms.ModelChoiceField(queryset=Initiative.objects.none(), label=_("Initiative"))
    kind = forms.ChoiceField(label=_("Kind of obstacle"), choices=Obstacle.Kind.choices)
    owner = forms.CharField(label=_("Who must remove it"), max_length=200)
    needed_by = forms.DateField(label=_("Needed by"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = (
            Initiative.objects.for_user(user).filter(districts=district).distinct().order_by("title_ar")
        )


class DirectiveForm(StyledFormMixin, forms.Form):
    """A decision of the governor's meeting: districts to carry it out, and departments one per line."""

    governorate = forms.ModelChoiceField(
        queryset=Governorate.objects.order_by("code"), label=_("Governorate")
    )
    title = forms.CharField(label=_("Directive"), max_length=300)
    details = forms.CharField(
        label=_("Details"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    meeting = forms.CharField(
        label=_("Meeting"), max_length=300, help_text=_("e.g. the governor's meeting with district heads")
    )
    meeting_on = forms.DateField(label=_("Meeting date"), widget=forms.DateInput(attrs={"type": "date"}))
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    districts = forms.ModelMultipleChoiceField(
        queryset=District.objects.none(), required=False, label=_("Districts"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    departments = forms.CharField(
        label=_("Departments"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One department per line, e.g. the roads directorate"),
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = Scope.of(user)
        self.fields["districts"].queryset = District.objects.for_user(user).order_by("name_ar")
        if scope.is_national:
            self.fields["districts"].widget = forms.SelectMultiple(attrs={"size": 10, "class": "form-select"})
        else:
            self.fields["governorate"].queryset = Governorate.objects.filter(pk=scope.governorate_id)
            self.fields["governorate"].initial = scope.governorate_id
            self.fields["governorate"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        if data.get("meeting_on") and data.get("deadline") and data["deadline"] < data["meeting_on"]:
            self.add_error("deadline", _("The deadline must not be before the meeting."))
        try:
            data["departments"] = department_names((data.get("departments") or "").splitlines())
        except forms.ValidationError as error:
            self.add_error(None, error)  # the service's message, on the departments field
        return data


class AssignmentCompleteForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("What was done"), max_length=3000, widget=forms.Textarea(attrs={"rows": 2})
    )
