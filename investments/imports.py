"""Importing an existing inventory from a sheet: read every row, check it with the same rules as the
page form, show the importer each row's errors, and save the assets only once they confirm."""

import csv
import io
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from initiatives.services.projects import CONFLICT
from investments.forms import AssetRulesForm
from investments.models import Asset, AssetImport, PermittedUse
from investments.services import asset_save
from portal.models import District, Governorate, Village
from portal.text import clean_text, normalize_arabic
from portal.validation import western_digits

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
MAX_CELL = 5000
MAX_COLUMNS = 100
MAX_SCANNED_ROWS = 10 * MAX_ROWS  # blank rows included
MAX_TEXT = 5_000_000  # characters in all; a small XLSX can repeat one long cell into gigabytes of text
YES = {"1", "yes", "y", "true", "x", "✓", "نعم", "متوفر", "متوفرة", "يوجد"}
LIST_SEPARATORS = str.maketrans({"،": ",", "؛": ",", ";": ",", "|": ","})

# Each column: the field it fills and the headers it may have (its code, its Arabic and English labels).
COLUMNS = {
    "title_ar": ("اسم الأصل", "Arabic title"),
    "title_en": ("الاسم بالإنجليزية", "English title"),
    "kind": ("النوع", "Kind"),
    "governorate": ("كود المحافظة", "Governorate code"),
    "district": ("كود المركز", "District code"),
    "village": ("كود القرية", "Village code"),
    "address": ("العنوان", "Address"),
    "latitude": ("خط العرض", "Latitude"),
    "longitude": ("خط الطول", "Longitude"),
    "outline": ("الحدود (GeoJSON)", "Outline (GeoJSON)"),
    "area_m2": ("المساحة (م²)", "Area (m²)"),
    "owner_body": ("الجهة المالكة", "Owning body"),
    "current_use": ("الاستغلال الحالي", "Current use"),
    "legal_status": ("الوضع القانوني", "Legal status"),
    "has_water": ("مياه", "Water"),
    "has_electricity": ("كهرباء", "Electricity"),
    "has_sewage": ("صرف صحي", "Sewage"),
    "has_road_access": ("طريق", "Road access"),
    "zoning": ("التخطيط", "Zoning"),
    "permitted_uses": ("الاستخدامات المسموح بها", "Permitted uses"),
    "estimated_value": ("القيمة التقديرية", "Estimated value"),
    "currency": ("العملة", "Currency"),
    "description": ("الوصف", "Description"),
}
REQUIRED_COLUMNS = {"title_ar", "kind", "district", "latitude", "longitude", "area_m2", "owner_body",
                    "current_use", "legal_status"}  # fmt: skip
CHOICE_COLUMNS = {
    "kind": Asset.Kind,
    "current_use": Asset.Use,
    "legal_status": Asset.LegalStatus,
    "currency": Asset._meta.get_field("currency").choices,
}
COUNTRY_CURRENCY = {"EG": "EGP", "SA": "SAR"}
NUMBER_COLUMNS = {"latitude", "longitude", "area_m2", "estimated_value"}
FLAG_COLUMNS = {"has_water", "has_electricity", "has_sewage", "has_road_access"}


class SheetError(ValueError):
    """A sheet that cannot be read at all (not rows with mistakes: those are shown row by row)."""


class Known:
    """What the rows of one sheet may name, read once for the sheet rather than once a row: the importer's
    districts and the villages the rows name in them, the governorates, the permitted uses, and the
    choices' labels."""

    def __init__(self, user, rows):
        in_scope = District.objects.for_user(user)
        self.districts = {d.code: d for d in in_scope.select_related("governorate__country")}
        self.governorates = {g.code: g for g in Governorate.objects.all()}
        # Every district's governorate and country, to fill the columns a sheet may leave out even for a
        # district outside the importer's scope (its row then says only that the district is refused).
        self.places_of = dict(
            (code, (governorate, country)) for code, governorate, country in
            District.objects.values_list("code", "governorate__code", "governorate__country__code")
        )  # fmt: skip
        named = {row.get("village") for row in rows} - {None, ""}
        self.villages = {v.code: v for v in Village.objects.filter(code__in=named, district__in=in_scope)}
        self.uses = {use.code: use for use in PermittedUse.objects.all()}
        self.use_codes = {normalize_arabic(key): use.code for use in self.uses.values()
                          for key in (use.code, use.name_ar, use.name_en)}  # fmt: skip
        self.choice_codes = {field: _choice_codes(choices) for field, choices in CHOICE_COLUMNS.items()}


def _choice_codes(choices) -> dict[str, str]:
    """Each choice by its code and its Arabic and English labels, as people type them in sheets."""
    choices = choices.choices if hasattr(choices, "choices") else choices
    codes = {}
    for code, label in choices:
        for language in ("ar", "en"):
            with translation.override(language):
                codes[normalize_arabic(str(label))] = code
        codes[normalize_arabic(code)] = code
    return codes


class KnownChoiceField(forms.ModelChoiceField):
    """A place named by its code, found among those the sheet may name (no query a row)."""

    def __init__(self, known: dict, **kwargs):
        self.known = known
        super().__init__(queryset=Village.objects.none(), **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if str(value) not in self.known:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return self.known[str(value)]


class KnownMultipleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, known: dict, **kwargs):
        self.known = known
        super().__init__(queryset=PermittedUse.objects.none(), **kwargs)

    def clean(self, value):
        value = [] if value in (None, "") else value  # optional: none given is none permitted
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        codes = [str(code) for code in value]
        if unknown := [code for code in codes if code not in self.known]:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": unknown[0]}
            )
        return [self.known[code] for code in codes]


class AssetRowForm(AssetRulesForm):
    """One row of a sheet (or an API request): places and uses named by their codes, limited to the
    importer's scope."""

    def __init__(self, *args, user, known: Known | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        known = known or Known(user, [self.data])
        self.fields["governorate"] = KnownChoiceField(known.governorates)
        self.fields["district"] = KnownChoiceField(known.districts)
        self.fields["village"] = KnownChoiceField(known.villages, required=False)
        self.fields["permitted_uses"] = KnownMultipleChoiceField(known.uses, required=False)


# Reading ------------------------------------------------------------------------------------------


def read_sheet(upload) -> list[dict[str, str]]:
    """The sheet's rows as {field: text}, by header. Refuses what is not an inventory sheet."""
    if upload.size > MAX_BYTES:
        raise SheetError(_("The sheet may be at most 5 MB."))
    name = upload.name.lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(upload)
    elif name.endswith(".csv"):
        rows = _csv_rows(upload)
    else:
        raise SheetError(_("Send an XLSX or CSV sheet."))
    if not rows:
        raise SheetError(_("The sheet has no rows under its header."))
    return rows


def _xlsx_rows(upload) -> list[dict[str, str]]:
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
        return _rows_under_header(workbook.worksheets[0].iter_rows(values_only=True))
    except SheetError:
        raise
    except Exception:  # a damaged workbook fails in the zip, the XML or openpyxl, in as many ways
        raise SheetError(_("The file is not a readable XLSX sheet.")) from None


def _csv_rows(upload) -> list[dict[str, str]]:
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1256", errors="replace")  # Excel on Arabic Windows saves CSV as cp1256
    try:
        return _rows_under_header(csv.reader(io.StringIO(text)))
    except csv.Error:
        raise SheetError(_("The file is not a readable CSV sheet.")) from None


def _rows_under_header(table) -> list[dict[str, str]]:
    """The filled rows under the first filled one (the header), as {field: text} for the columns the
    import reads. Bounded while reading, not after: a few kilobytes of XLSX can name row ten million, or
    repeat one long cell in every column of every row."""
    fields, rows, text = None, [], 0
    for scanned, cells in enumerate(table):
        if scanned > MAX_SCANNED_ROWS or len(rows) > MAX_ROWS:
            raise SheetError(_("A sheet may hold at most %(count)s assets; split it.") % {"count": MAX_ROWS})
        if fields is None:
            header = [_text(cell) for cell in cells[:MAX_COLUMNS]]
            fields = _fields_of(header) if any(header) else None
            continue
        row = {field: _text(cells[i]) for i, field in fields.items() if i < len(cells)}
        if any(row.values()):
            rows.append(row)
            text += sum(len(value) for value in row.values())
        if text > MAX_TEXT:
            raise SheetError(_("The sheet holds too much text; split it."))
    if len(rows) > MAX_ROWS:
        raise SheetError(_("A sheet may hold at most %(count)s assets; split it.") % {"count": MAX_ROWS})
    return rows


def _fields_of(header: list) -> dict[int, str]:
    """Which field each column fills, by its header; refuses a sheet missing a required column."""
    aliases = {_header_key(field): field for field in COLUMNS}
    aliases |= {_header_key(label): field for field, labels in COLUMNS.items() for label in labels}
    keys = [_header_key(_text(cell)) for cell in header]
    fields = {i: aliases[key] for i, key in enumerate(keys) if key in aliases}
    missing = REQUIRED_COLUMNS - set(fields.values())
    if missing:
        names = "، ".join(COLUMNS[field][0] for field in sorted(missing))
        raise SheetError(_("The sheet lacks these columns: %(columns)s.") % {"columns": names})
    return fields


def _header_key(header: str) -> str:
    """A header by its letters only: "المساحة (م²)" is found as typed, or as "المساحة م2", or saved by Excel
    in Arabic Windows encoding, which has no ²."""
    return "".join(ch for ch in normalize_arabic(header) if ch.isalpha())


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return clean_text(str(cell))[:MAX_CELL]  # no NUL or control characters: the database refuses them


# Checking -----------------------------------------------------------------------------------------


def row_form(row: dict[str, str], user, known: Known) -> AssetRowForm:
    return AssetRowForm(_form_data(row, known), user=user, known=known)


def _form_data(row: dict[str, str], known: Known) -> dict:
    data = {field: value for field, value in row.items() if field not in FLAG_COLUMNS | {"permitted_uses"}}
    for field, codes in known.choice_codes.items():
        if row.get(field):
            data[field] = codes.get(normalize_arabic(row[field]), row[field])
    for field in NUMBER_COLUMNS & row.keys():
        data[field] = _number(row[field])
    for field in FLAG_COLUMNS:
        data[field] = normalize_arabic(row.get(field, "")) in YES
    names = [part.strip() for part in row.get("permitted_uses", "").translate(LIST_SEPARATORS).split(",")]
    data["permitted_uses"] = [known.use_codes.get(normalize_arabic(name), name) for name in names if name]
    if place := known.places_of.get(row.get("district", "")):
        # Optional columns a sheet of one governorate leaves out: its governorate and its country's currency.
        governorate, country = place
        data["governorate"] = data.get("governorate") or governorate
        data["currency"] = data.get("currency") or COUNTRY_CURRENCY.get(country, "")
    return data


def _number(value: str) -> str:
    """Western digits, the Arabic decimal separator as a point, thousands separators dropped."""
    text = western_digits(value).replace("٫", ".").replace("٬", "").replace(",", "").replace(" ", "")
    try:
        Decimal(text)
    except InvalidOperation:
        return value  # the form says what is wrong with it
    return text


def row_errors(form: AssetRowForm) -> list[str]:
    """A row's errors as sentences naming the column."""
    if form.is_valid():
        return []
    messages = []
    for field, errors in form.errors.items():
        label = COLUMNS.get(field, ("",))[0] if field != "__all__" else ""
        messages += [f"{label}: {error}" if label else str(error) for error in errors]
    return messages


@transaction.atomic
def import_preview(upload, actor) -> AssetImport:
    """Read and check a sheet; keep its rows and their errors for the preview. Saves no asset."""
    rows = read_sheet(upload)
    known = Known(actor, rows)
    checked = [{"line": number, "values": row, "errors": row_errors(row_form(row, actor, known))}
               for number, row in enumerate(rows, start=2)]  # fmt: skip
    return AssetImport.objects.create(file_name=upload.name[:200], rows=checked, created_by=actor)


def import_has_errors(batch: AssetImport) -> bool:
    return any(row["errors"] for row in batch.rows)


IMPORT_ALREADY_SAVED = gettext_lazy("This sheet has already been saved.")
PREVIEW_KEPT = timedelta(days=7)


def previews_forget(now=None) -> int:
    """Drop the rows of sheets previewed and never confirmed: no asset came of them, and a preview can be
    redone from the sheet. Saved imports stay, with the assets they made."""
    stale = AssetImport.objects.filter(
        status=AssetImport.Status.PREVIEW, created_at__lt=(now or timezone.now()) - PREVIEW_KEPT
    )
    return stale.delete()[0]


@transaction.atomic
def import_save(batch: AssetImport, actor) -> list[Asset]:
    """Save every row of a previewed sheet, or none: the rows are checked again (places or scopes may
    have changed since the preview), and a sheet is saved once however often it is confirmed."""
    locked = AssetImport.objects.select_for_update().filter(pk=batch.pk).first()
    if locked is None:  # forgotten meanwhile (previews are kept a week)
        raise ValidationError(_("This preview has expired; import the sheet again."), code=CONFLICT)
    if locked.status != AssetImport.Status.PREVIEW:
        raise ValidationError(IMPORT_ALREADY_SAVED, code=CONFLICT)
    known = Known(actor, [row["values"] for row in locked.rows])
    forms_ = [row_form(row["values"], actor, known) for row in locked.rows]
    if any(not form.is_valid() for form in forms_):
        raise ValidationError(_("Some rows have errors; correct the sheet and import it again."))
    assets = [asset_save(form=form, actor=actor) for form in forms_]
    locked.status, locked.saved_at = AssetImport.Status.SAVED, timezone.now()
    locked.save(update_fields=["status", "saved_at"])
    locked.assets.set(assets)
    return assets
