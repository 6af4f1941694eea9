"""Forms of award cycles: a nomination, a juror's scores, and the cycle's themes in the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.models import AwardCycle, Initiative, Theme
from portal.forms import StyledFormMixin, style_fields


class NominationForm(StyledFormMixin, forms.Form):
    initiative = forms.ModelChoiceField(queryset=Initiative.objects.none(), label=_("initiative"))
    theme = forms.ChoiceField(label=_("theme"))
    statement = forms.CharField(
        label=_("why it deserves the award"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, cycle: AwardCycle, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives
        # Only the cycle's themes are offered; the service checks again for any other caller.
        self.fields["theme"].choices = [("", "---------"), *cycle.theme_choices]


class ScoreForm(forms.Form):
    """One whole number per criterion of the cycle, from 0 to the criterion's highest score."""

    def __init__(self, *args, criteria, initial_values: dict[int, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_values = initial_values or {}
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=str(criterion), min_value=0, max_value=criterion.max_score,
                initial=initial_values.get(criterion.pk),
                help_text=_("Weight %(weight)s · from 0 to %(max)s")
                % {"weight": criterion.weight, "max": criterion.max_score},
            )  # fmt: skip
        style_fields(self)

    def values(self) -> dict[int, int]:
        return {criterion.pk: self.cleaned_data[f"criterion_{criterion.pk}"] for criterion in self.criteria}


class AwardCycleAdminForm(forms.ModelForm):
    """The cycle's themes chosen from the forum's themes, stored as a list of codes."""

    themes = forms.MultipleChoiceField(
        label=_("themes"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = AwardCycle
        fields = [
            "title_ar", "title_en", "year", "host_governorate", "themes", "nominations_open_on",
            "nominations_close_on", "results_on", "jurors",
        ]  # fmt: skip
