"""Forms of successful experiences: writing a story, and recording that it was replicated."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.models import SuccessStory
from portal.forms import StyledFormMixin
from portal.models import District


class StoryForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = SuccessStory
        fields = [
            "title_ar", "title_en", "problem", "intervention", "results", "cost", "currency", "lessons",
            "how_to_replicate",
        ]  # fmt: skip
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("problem", "intervention", "results", "lessons", "how_to_replicate")
        }


class ReplicationForm(StyledFormMixin, forms.Form):
    """ "We replicated this": when, where in our governorate (optional), and how it was adapted."""

    replicated_on = forms.DateField(label=_("started on"), widget=forms.DateInput(attrs={"type": "date"}))
    district = forms.ModelChoiceField(queryset=District.objects.none(), required=False, label=_("district"))
    note = forms.CharField(
        label=_("how it was adapted"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, governorate_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.filter(governorate_id=governorate_id)
