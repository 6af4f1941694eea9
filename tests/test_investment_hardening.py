"""Malformed input and races on state assets: a translated 4xx, nothing changed, and a review that no
edit or stale page can undo."""

import io
import re
import zipfile

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from investments import imports
from investments.forms import AssetForm
from investments.imports import AssetRowForm
from investments.models import Asset, AssetImport
from investments.services import asset_review, asset_save
from tests.conftest import client_for
from tests.test_investment_import import GOOD_ROWS, csv_sheet, xlsx_sheet
from tests.test_investment_records import asset_data, asset_make, page_data

SQUARE = [[32.778, 26.188], [32.782, 26.188], [32.782, 26.192], [32.778, 26.192], [32.778, 26.188]]


@pytest.mark.parametrize("query", ["?area_min=1e-999999", "?area_max=1e999999", "?area_min=0.001"])
def test_areas_the_database_cannot_hold_are_a_400_everywhere(client, api_client, asset_world, query):
    assert client.get(f"/ar/investments/{query}").status_code == 400
    assert client.get(f"/ar/investments/map.json{query}").status_code == 400
    assert api_client.get(f"/api/v1/assets/{query}").status_code == 400
    client_for(client, asset_world["users"]["qena_staff"])
    for url in ("/ar/investments/manage/", "/ar/investments/manage/export.xlsx", "/ar/investments/figures/",
                "/ar/investments/figures/export.xlsx"):  # fmt: skip
        assert client.get(f"{url}{query}").status_code == 400


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ([1, 2], "detail"),
        ("abc", "detail"),
        (asset_data(permitted_uses=5), "permitted_uses"),
        (asset_data(title_ar={"a": 1}), "title_ar"),
        (asset_data(has_water=[True]), "has_water"),
        (asset_data(outline={"type": "Polygon", "coordinates": [[[200.0, 26.1]] * 4]}), "outline"),
        (asset_data(outline={"type": "Polygon", "coordinates": [[[10**400, 26.1]] * 4]}), "outline"),
        (asset_data(outline={"type": "Polygon", "coordinates": [[["32.7", "26.1"]] * 4]}), "outline"),
        (asset_data(outline={"type": "Polygon", "coordinates": [SQUARE[:3]]}), "outline"),  # too few corners
        (asset_data(outline={"type": "Polygon", "coordinates": [SQUARE[:4]]}), "outline"),  # not closed
        (asset_data(outline={"type": "Polygon", "coordinates": [SQUARE, SQUARE]}), "outline"),  # a hole
    ],
)
def test_malformed_api_bodies_are_a_400_and_save_nothing(api_client, geography, qena_staff, body, field):
    api_client.force_authenticate(qena_staff)
    response = api_client.post("/api/v1/assets/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Asset.objects.exists()


def test_an_outline_is_stored_as_geojson_and_nothing_else(qena_staff):
    sent = {"type": "Polygon", "coordinates": [SQUARE], "note": "\u0000 تعليق", "crs": {"x": 1}}
    asset = asset_make(qena_staff, outline=sent)
    asset.refresh_from_db()
    assert asset.outline == {"type": "Polygon", "coordinates": [SQUARE]}


def test_the_page_refuses_an_outline_that_is_not_a_polygon_with_400(client, geography, qena_staff):
    geography_codes = geography | {"EG27": geography["qena"]}
    client_for(client, qena_staff)
    outline = '{"type": "Polygon", "coordinates": [[[NaN, 26.1], [1, 2], [3, 4], [NaN, 26.1]]]}'
    response = client.post("/ar/investments/manage/new/", page_data(geography_codes, outline=outline))
    assert response.status_code == 400 and "outline" in response.context["form"].errors
    assert not Asset.objects.exists()


def test_control_characters_in_a_sheet_are_dropped_not_stored(client, geography, qena_staff):
    client_for(client, qena_staff)
    rows = [[GOOD_ROWS[1][0] + "\x00\x07", *GOOD_ROWS[1][1:]]]
    assert client.post("/ar/investments/manage/import/", {"sheet": csv_sheet(rows)}).status_code == 302
    (row,) = AssetImport.objects.get().rows
    assert row["values"]["title_ar"] == GOOD_ROWS[1][0] and row["errors"] == []


def test_a_damaged_workbook_is_a_400(client, geography, qena_staff):
    good = xlsx_sheet(GOOD_ROWS).read()
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item, content[: len(content) // 2] if "sheet1" in item.filename else content)
    client_for(client, qena_staff)
    sheet = SimpleUploadedFile("inventory.xlsx", damaged.getvalue())
    response = client.post("/ar/investments/manage/import/", {"sheet": sheet})
    assert response.status_code == 400 and "XLSX" in " ".join(response.context["form"].errors["sheet"])
    assert not AssetImport.objects.exists()


def test_blank_rows_do_not_cut_a_full_sheet_nor_hide_one_too_long(client, monkeypatch, geography, qena_staff):
    monkeypatch.setattr(imports, "MAX_ROWS", 4)
    client_for(client, qena_staff)
    blank = [""] * len(GOOD_ROWS[0])
    four = [GOOD_ROWS[0], blank, GOOD_ROWS[1], blank, blank, GOOD_ROWS[0], GOOD_ROWS[1]]
    assert client.post("/ar/investments/manage/import/", {"sheet": xlsx_sheet(four)}).status_code == 302
    assert len(AssetImport.objects.get().rows) == 4
    five = [*four, blank, GOOD_ROWS[0]]
    response = client.post("/ar/investments/manage/import/", {"sheet": xlsx_sheet(five)})
    assert response.status_code == 400 and AssetImport.objects.count() == 1


# Races and stale pages ----------------------------------------------------------------------------------


def test_a_stale_page_cannot_let_staff_take_a_published_asset_off_the_map(
    qena_officer, qena_staff, national_admin
):
    verified = asset_make(qena_officer, steps=[("verify", qena_staff)])
    stale = Asset.objects.get(pk=verified.pk)  # as governorate staff loaded it, still verified
    asset_review(asset=verified, actor=national_admin, action="approve")
    with pytest.raises(ValidationError) as refused:
        asset_review(asset=stale, actor=qena_staff, action="return", note="خطأ في المساحة")
    assert refused.value.code == "conflict"
    assert Asset.objects.get(pk=verified.pk).status == "approved"


def test_a_step_that_does_not_apply_says_so(qena_officer, national_admin):
    recorded = asset_make(qena_officer)
    with pytest.raises(ValidationError) as refused:
        asset_review(asset=recorded, actor=national_admin, action="approve")
    assert refused.value.code == "conflict" and "Someone else" not in str(refused.value)


def _edit_form(asset, user, **changes):
    form = AssetForm(instance=asset, user=user)
    data = {
        name: value
        for name, value in form.initial.items()
        if value not in (None, False) and name != "outline"
    }
    data |= {
        "permitted_uses": [use.pk for use in asset.permitted_uses.all()],
        "has_road_access": "on",
    } | changes
    return AssetForm(data, instance=asset, user=user)


def test_an_edit_begun_before_approval_keeps_the_approval_when_nothing_changed(qena_officer, qena_staff,
                                                                               national_admin):  # fmt: skip
    asset = asset_make(qena_officer, steps=[("verify", qena_staff)])
    form = _edit_form(Asset.objects.get(pk=asset.pk), qena_staff)  # the page loaded while verified
    asset_review(asset=asset, actor=national_admin, action="approve")
    assert form.is_valid(), form.errors
    asset_save(form=form, actor=qena_staff, documents=[("عقد", b"%PDF-1.4", "application/pdf", "pdf")])
    asset.refresh_from_db()
    assert (asset.status, asset.approved_by) == ("approved", national_admin)


def test_an_edit_begun_before_approval_that_changes_the_asset_sends_it_back(qena_officer, qena_staff,
                                                                            national_admin):  # fmt: skip
    asset = asset_make(qena_officer, steps=[("verify", qena_staff)])
    form = _edit_form(Asset.objects.get(pk=asset.pk), qena_staff, area_m2="13000")
    asset_review(asset=asset, actor=national_admin, action="approve")
    assert form.is_valid(), form.errors
    asset_save(form=form, actor=qena_staff)
    asset.refresh_from_db()
    assert (asset.status, asset.approved_by, asset.area_m2) == ("recorded", None, 13000)
    events = [
        entry.changes_dict.get("event", [None, None])[1] for entry in LogEntry.objects.get_for_object(asset)
    ]
    assert "back_to_recorded" in events


def test_the_history_names_only_what_people_changed(client, qena_officer, qena_staff):
    asset = asset_make(qena_officer)
    client_for(client, qena_staff)
    form = _edit_form(asset, qena_staff, area_m2="12500")  # the same area, typed without decimals
    assert client.post(f"/ar/investments/manage/{asset.pk}/", form.data).status_code == 302
    changed = _edit_form(Asset.objects.get(pk=asset.pk), qena_staff, owner_body="هيئة المجتمعات العمرانية")
    assert client.post(f"/ar/investments/manage/{asset.pk}/", changed.data).status_code == 302
    history = client.get(f"/ar/investments/manage/{asset.pk}/").context["history"]
    notes = " ".join(line["note"] for line in history)
    assert "الجهة المالكة" in notes and "المساحة" not in notes and "search" not in notes


def test_a_long_review_note_is_answered_with_its_own_message(client, qena_officer, qena_staff):
    asset = asset_make(qena_officer)
    client_for(client, qena_staff)
    response = client.post(
        f"/ar/investments/manage/{asset.pk}/review/", {"action": "verify", "note": "x" * 1001}
    )
    assert response.status_code == 400 and "1000" in response.context["review_error"]


def test_the_row_form_takes_codes_only_from_the_importers_scope(qena_officer):
    form = AssetRowForm(asset_data(village="EG280201"), user=qena_officer)
    assert "village" in form.errors


def test_a_reviewer_does_not_approve_a_version_they_have_not_seen(client, api_client, asset_world):
    users = asset_world["users"]
    qena_officer, qena_staff, national_admin = (
        users["qena_officer"],
        users["qena_staff"],
        users["national_admin"],
    )
    asset = asset_make(qena_officer, steps=[("verify", qena_staff)])
    seen = asset.updated_at.isoformat()
    client_for(client, qena_staff)
    changed = _edit_form(asset, qena_staff, title_en="Desert plot")
    assert client.post(f"/ar/investments/manage/{asset.pk}/", changed.data).status_code == 302
    asset_review(asset=Asset.objects.get(pk=asset.pk), actor=qena_staff, action="verify")
    client_for(client, national_admin)
    stale = client.post(f"/ar/investments/manage/{asset.pk}/review/", {"action": "approve", "seen": seen})
    assert stale.status_code == 409 and Asset.objects.get(pk=asset.pk).status == "verified"
    api_client.force_authenticate(national_admin)
    url = f"/api/v1/assets/{asset.pk}/review/"
    assert api_client.post(url, {"action": "approve", "seen": seen}, format="json").status_code == 409
    current = api_client.get(f"/api/v1/assets/{asset.pk}/").json()["updated_at"]
    approved = api_client.post(url, {"action": "approve", "seen": current}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"


# Found by a second review ------------------------------------------------------------------------------


def _xlsx_with_last_row(row_number: int) -> SimpleUploadedFile:
    """A few kilobytes of XLSX whose second filled row is row `row_number`."""
    good = xlsx_sheet(GOOD_ROWS[:1]).read()
    stretched = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(stretched, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                content = re.sub(rb'r="([A-Z]*)2"', rb'r="\g<1>' + str(row_number).encode() + b'"', content)
                content = re.sub(
                    rb'ref="A1:([A-Z]+)2"', rb'ref="A1:\g<1>' + str(row_number).encode() + b'"', content
                )
            target.writestr(item, content)
    return SimpleUploadedFile("inventory.xlsx", stretched.getvalue())


def test_a_sheet_naming_row_ten_million_is_refused_at_once(client, geography, qena_staff):
    client_for(client, qena_staff)
    response = client.post("/ar/investments/manage/import/", {"sheet": _xlsx_with_last_row(10_000_000)})
    assert response.status_code == 400
    assert "2000" in " ".join(response.context["form"].errors["sheet"])


def test_one_long_cell_repeated_everywhere_is_refused_while_reading(
    client, monkeypatch, geography, qena_staff
):
    monkeypatch.setattr(imports, "MAX_TEXT", 50_000)
    client_for(client, qena_staff)
    long_title = "أ" * 4000
    rows = [[long_title, *GOOD_ROWS[1][1:]] for _ in range(20)]
    response = client.post("/ar/investments/manage/import/", {"sheet": xlsx_sheet(rows)})
    assert response.status_code == 400 and not AssetImport.objects.exists()


@pytest.mark.parametrize("where", ["api", "page", "sheet"])
def test_an_outline_nested_thousands_deep_is_a_400(client, api_client, geography, qena_staff, where):
    deep = "[" * 2400 + "]" * 2400
    if where == "api":
        api_client.force_authenticate(qena_staff)
        response = api_client.post("/api/v1/assets/", asset_data(outline=deep), format="json")
        assert response.status_code == 400 and "outline" in response.json()
    elif where == "page":
        client_for(client, qena_staff)
        data = page_data(geography | {"EG27": geography["qena"]}, outline=deep)
        assert client.post("/ar/investments/manage/new/", data).status_code == 400
    else:
        form = AssetRowForm(asset_data(outline=deep), user=qena_staff)
        assert "outline" in form.errors
    assert not Asset.objects.exists()


@pytest.mark.parametrize(
    "seen", ["0001-01-01T00:00:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"]
)
def test_a_version_from_the_ends_of_the_calendar_is_a_400(client, api_client, qena_officer, national_admin,
                                                           qena_staff, seen):  # fmt: skip
    asset = asset_make(qena_officer, steps=[("verify", qena_staff)])
    client_for(client, national_admin)
    response = client.post(f"/ar/investments/manage/{asset.pk}/review/", {"action": "approve", "seen": seen})
    assert response.status_code == 400
    api_client.force_authenticate(national_admin)
    url = f"/api/v1/assets/{asset.pk}/review/"
    assert api_client.post(url, {"action": "approve", "seen": seen}, format="json").status_code == 400
    assert Asset.objects.get(pk=asset.pk).status == "verified"


def test_the_api_records_an_asset_without_permitted_uses(api_client, geography, qena_staff):
    api_client.force_authenticate(qena_staff)
    body = asset_data()
    del body["permitted_uses"]
    response = api_client.post("/api/v1/assets/", body, format="json")
    assert response.status_code == 201, response.json()


def test_a_district_outside_the_scope_is_the_sheet_rows_only_error(qena_officer):
    row = {
        "title_ar": "أرض", "kind": "أرض", "district": "EG2708", "latitude": "26.055", "longitude": "32.25",
        "area_m2": "500", "owner_body": "أملاك", "current_use": "غير مستغل", "legal_status": "سليم",
    }  # fmt: skip
    form = imports.row_form(row, qena_officer, imports.Known(qena_officer, [row]))
    assert set(form.errors) == {"district"}


def test_a_confirmation_after_the_preview_was_forgotten_is_a_409(client, geography, qena_staff):
    client_for(client, qena_staff)
    client.post("/ar/investments/manage/import/", {"sheet": xlsx_sheet(GOOD_ROWS)})
    batch = AssetImport.objects.get()
    with pytest.raises(ValidationError) as refused:
        batch_copy = AssetImport.objects.get(pk=batch.pk)
        batch.delete()
        imports.import_save(batch_copy, qena_staff)
    assert refused.value.code == "conflict" and not Asset.objects.exists()


def test_a_review_does_not_follow_an_asset_moved_out_of_the_reviewers_governorate(qena_officer, qena_staff,
                                                                                  geography):  # fmt: skip
    asset = asset_make(qena_officer)
    stale = Asset.objects.get(pk=asset.pk)  # as Qena's staff loaded it
    Asset.objects.filter(pk=asset.pk).update(governorate=geography["aswan"], district=geography["EG2802"])
    with pytest.raises(ValidationError):
        asset_review(asset=stale, actor=qena_staff, action="verify")
    assert Asset.objects.get(pk=asset.pk).status == "recorded"


def test_the_history_reads_in_arabic(client, asset_world):
    asset = asset_world["assets"]["qena_published"]
    client_for(client, asset_world["users"]["national_admin"])
    history = client.get(f"/ar/investments/manage/{asset.pk}/").context["history"]
    assert [str(line["what"]) for line in history][:2] == ["اعتُمد للنشر", "تم التحقق"]
