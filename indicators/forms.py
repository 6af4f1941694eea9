from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from indicators.engine.periods import month_of, parse_period, previous_month
from indicators.models import Indicator
from portal.forms import StyledFormMixin
from portal.models import District


class PeriodField(forms.CharField):
    """A month as the browser's month input sends it (YYYY-MM), cleaned to the month's first day."""

    default_error_messages = {"invalid": _("Write the month as YYYY-MM.")}
    widget = forms.TextInput(attrs={"type": "month", "dir": "ltr"})

    def prepare_value(self, value):
        return value.strftime("%Y-%m") if hasattr(value, "strftime") else value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        period = parse_period(value)
        if period is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return period


class ManualEntryForm(StyledFormMixin, forms.Form):
    """A district officer's figure for a month. The service checks scope, range and locking."""

    indicator = forms.ModelChoiceField(
        queryset=Indicator.objects.filter(source=Indicator.Source.MANUAL, is_active=True),
        label=_("Indicator"),
    )
    district = forms.ModelChoiceField(queryset=District.objects.none(), label=_("District"))
    period = PeriodField(label=_("Month"))
    value = forms.FloatField(label=_("Value"))
    numerator = forms.FloatField(
        label=_("Numerator"), required=False, help_text=_("For example, lights working.")
    )
    denominator = forms.FloatField(
        label=_("Denominator"), required=False, help_text=_("For example, all the district's lights.")
    )
    note = forms.CharField(label=_("Source or remark"), max_length=1000, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.for_user(user).order_by("code")
        self.initial.setdefault("period", previous_month(month_of(timezone.now())))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("return", _("Return for correction"))])
    note = forms.CharField(max_length=1000, required=False)

    def clean(self):
        cleaned = super().clean()
        cleaned["approve"] = cleaned.pop("decision", None) == "approve"
        return cleaned
