from django import forms
from django.utils.translation import gettext as _

from portal.models import Governorate
from portal.scoping import Scope
from portal.validation import clean_photo


def style_fields(form: forms.BaseForm) -> forms.BaseForm:
    """Bootstrap classes on every widget, so templates render any field with one include."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.CheckboxInput)):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
    return form


def offer_scope_governorates(field: forms.ModelChoiceField, user) -> Scope:
    """A governorate field offering every governorate to a national administrator, and to anyone else
    only their own, already chosen. Returns the user's scope, which the caller usually needs next."""
    scope = Scope.of(user)
    if scope.is_national:
        field.queryset = Governorate.objects.order_by("code")
    else:
        field.queryset = Governorate.objects.filter(pk=scope.governorate_id)
        field.empty_label = None
    return scope


class StyledFormMixin:
    """A form whose widgets carry Bootstrap's classes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that takes several files (photos)."""

    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to `max_count` photos, each checked by its content and re-encoded without metadata:
    cleans to a list of (content, content type)."""

    def __init__(self, *, max_count: int, **kwargs):
        self.max_count = max_count
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(files) > self.max_count:
            raise forms.ValidationError(_("Send at most %(count)s photos.") % {"count": self.max_count})
        return [clean_photo(upload) for upload in files]
