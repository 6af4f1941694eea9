"""Recording state assets: the checks on areas and places, photos and documents, edits after review,
and the inventory's figures and exports. Also the world the other investment tests build on."""

import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from PIL import Image

from investments.figures import inventory_figures
from investments.imports import AssetRowForm
from investments.models import Asset, AssetDocument, AssetPhoto
from investments.services import asset_review, asset_save, lead_submit
from tests.conftest import client_for

# Points inside each test district's governorate.
PLACES = {
    "EG2702": (Decimal("26.190000"), Decimal("32.780000")),
    "EG2708": (Decimal("26.055000"), Decimal("32.250000")),
    "EG2802": (Decimal("24.120000"), Decimal("32.905000")),
    "00301": (Decimal("24.090000"), Decimal("38.070000")),
}
GOVERNORATE_OF = {"EG2702": "EG27", "EG2708": "EG27", "EG2802": "EG28", "00301": "SA-03"}
TITLES = {
    "qena_published": "أرض فضاء بالظهير الصحراوي",
    "nagh_published": "سوق الجملة بنجع حمادي",
    "qena_recorded": "مبنى الوحدة المحلية القديم",
    "nagh_verified": "مخازن الإصلاح الزراعي",
    "aswan_published": "أرض بمدخل أسوان",
}
PUBLISHED = {"qena_published", "nagh_published", "aswan_published"}


def asset_data(district="EG2702", **overrides) -> dict:
    """What an asset's row form takes: places by code."""
    lat, lng = PLACES[district]
    data = {
        "title_ar": "أرض فضاء", "kind": "land", "governorate": GOVERNORATE_OF[district], "district": district,
        "latitude": str(lat), "longitude": str(lng), "area_m2": "12500", "owner_body": "أملاك الدولة",
        "current_use": "unused", "legal_status": "clear", "has_road_access": True,
        "permitted_uses": ["industrial"], "currency": "EGP",
    }  # fmt: skip
    return data | overrides


def asset_make(actor, district="EG2702", steps=(), key=None, **overrides) -> Asset:
    """Record an asset (titled TITLES[key]) through the row form and the service, then take it through
    review `steps` [(action, user)]."""
    if key is not None:
        overrides["title_ar"] = TITLES[key]
    form = AssetRowForm(asset_data(district, **overrides), user=actor)
    assert form.is_valid(), form.errors
    asset = asset_save(form=form, actor=actor)
    for action, reviewer in steps:
        asset = asset_review(asset=asset, actor=reviewer, action=action, note="")
    return asset


def asset_world_make(personas) -> dict:
    """Five assets at every review step, in Qena's two districts and Aswan, and a lead on two of them."""
    staff, admin = personas["qena_staff"], personas["national_admin"]
    publish = [("verify", staff), ("approve", admin)]
    officer, aswan = personas["qena_officer"], personas["aswan_outsider"]
    assets = {
        "qena_published": asset_make(officer, "EG2702", publish, "qena_published", area_m2="85000"),
        "nagh_published": asset_make(
            staff,
            "EG2708",
            publish,
            "nagh_published",
            kind="market",
            current_use="partly",
            area_m2="6500",
            permitted_uses=["commercial"],
        ),
        "qena_recorded": asset_make(officer, "EG2702", (), "qena_recorded", kind="building", area_m2="1200"),
        "nagh_verified": asset_make(staff, "EG2708", publish[:1], "nagh_verified", legal_status="dispute"),
        "aswan_published": asset_make(
            aswan,
            "EG2802",
            [("verify", aswan), ("approve", admin)],
            "aswan_published",
            permitted_uses=["tourism"],
            area_m2="30000",
        ),
    }
    leads = {
        key: lead_submit(asset=assets[key], name=f"مستثمر {key}", phone="+201001234567", intended_use="مصنع")
        for key in ("qena_published", "aswan_published")
    }
    return {"assets": assets, "leads": leads, "users": personas}


def visible(body: str) -> set[str]:
    return {key for key, title in TITLES.items() if title in body}


def xlsx_text(response) -> str:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return " ".join(
        str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None
    )


def photo_upload(name="site.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "olive").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def page_data(geography, district="EG2702", **overrides) -> dict:
    """What the page form posts: places by primary key, uses by pk."""
    from investments.models import PermittedUse

    data = asset_data(district) | {
        "governorate": geography[GOVERNORATE_OF[district]].pk
        if district != "00301"
        else geography["madinah"].pk,
        "district": geography[district].pk,
        "permitted_uses": [PermittedUse.objects.get(code="industrial").pk],
        "has_road_access": "on",
    }
    data.pop("outline", None)
    return data | overrides


@pytest.fixture
def geography_codes(geography):
    return geography | {"EG27": geography["qena"], "EG28": geography["aswan"], "SA-03": geography["madinah"]}


# The checks on what is recorded --------------------------------------------------------------------

ABSURD = [
    ({"area_m2": "-10"}, "area_m2"),
    ({"area_m2": "0"}, "area_m2"),
    ({"area_m2": "600000000"}, "area_m2"),  # 600 km²: feddans typed as m², or a slip
    ({"area_m2": "كثير"}, "area_m2"),
    ({"estimated_value": "-1"}, "estimated_value"),
    ({"latitude": "24.120000", "longitude": "32.905000"}, "latitude"),  # Aswan's city, for a Qena asset
    ({"latitude": "32.780000", "longitude": "26.190000"}, "latitude"),  # latitude and longitude swapped
    ({"latitude": "95"}, "latitude"),
    ({"kind": "castle"}, "kind"),
    ({"district": "EG2802"}, "district"),  # a district of Aswan under Qena
    ({"village": "EG280201"}, "village"),  # a village of Aswan in a Qena district
    ({"outline": {"type": "Point", "coordinates": [32.78, 26.19]}}, "outline"),
    (
        {
            "outline": {
                "type": "Polygon",
                "coordinates": [
                    [[32.77, 26.18], [32.79, 26.2], [32.79, 26.18], [32.77, 26.2], [32.77, 26.18]]
                ],
            }
        },
        "outline",
    ),  # crossed
    (
        {
            "outline": {
                "type": "Polygon",
                "coordinates": [[[32.9, 24.1], [32.91, 24.1], [32.91, 24.11], [32.9, 24.1]]],
            }
        },
        "outline",
    ),  # in Aswan
    (
        {
            "outline": {
                "type": "Polygon",
                "coordinates": [[[32.70, 26.10], [32.71, 26.10], [32.71, 26.11], [32.70, 26.10]]],
            }
        },
        "outline",
    ),  # not around the point
    ({"outline": "not json"}, "outline"),
]


@pytest.mark.parametrize(("overrides", "field"), ABSURD)
def test_the_row_form_refuses_absurd_assets_with_a_translated_message(qena_staff, overrides, field):
    from django.utils import translation

    with translation.override("ar"):
        form = AssetRowForm(asset_data("EG2702") | overrides, user=qena_staff)
        assert not form.is_valid()
    assert field in form.errors
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in message) for message in form.errors[field])


def test_a_saudi_asset_is_checked_against_the_country(national_admin):
    assert AssetRowForm(asset_data("00301"), user=national_admin).is_valid()
    in_egypt = asset_data("00301", latitude="26.19", longitude="32.78")
    assert "latitude" in AssetRowForm(in_egypt, user=national_admin).errors


def test_a_good_outline_around_the_point_is_kept(qena_staff):
    outline = {"type": "Polygon", "coordinates": [[[32.778, 26.188], [32.782, 26.188], [32.782, 26.192],
                                                   [32.778, 26.192], [32.778, 26.188]]]}  # fmt: skip
    asset = asset_make(qena_staff, outline=outline)
    assert asset.outline == outline


@pytest.mark.parametrize(("overrides", "field"), ABSURD[:6])
def test_the_page_refuses_bad_input_with_400_and_saves_nothing(client, geography_codes, qena_staff, overrides,
                                                               field):  # fmt: skip
    client_for(client, qena_staff)
    response = client.post("/ar/investments/manage/new/", page_data(geography_codes, **overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Asset.objects.exists()


def test_an_officer_records_in_their_district_only(client, geography_codes, qena_officer):
    client_for(client, qena_officer)
    elsewhere = page_data(geography_codes, "EG2708")
    assert client.post("/ar/investments/manage/new/", elsewhere).status_code == 400
    response = client.post(
        "/ar/investments/manage/new/", page_data(geography_codes) | {"photos": [photo_upload()]}
    )
    assert response.status_code == 302
    asset = Asset.objects.get()
    assert (asset.district.code, asset.status, asset.recorded_by) == ("EG2702", "recorded", qena_officer)
    assert asset.photos.count() == 1
    assert list(asset.permitted_uses.values_list("code", flat=True)) == ["industrial"]


def test_photos_and_documents_are_checked_and_documents_stay_private(client, geography_codes, qena_staff):
    client_for(client, qena_staff)
    fake_photo = SimpleUploadedFile("deed.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    response = client.post(
        "/ar/investments/manage/new/", page_data(geography_codes) | {"photos": [fake_photo]}
    )
    assert response.status_code == 400 and not Asset.objects.exists()
    script = SimpleUploadedFile("deed.pdf", b"<script>alert(1)</script>", content_type="application/pdf")
    response = client.post("/ar/investments/manage/new/", page_data(geography_codes) | {
        "document": script, "document_title": "عقد"})  # fmt: skip
    assert response.status_code == 400 and not Asset.objects.exists()
    deed = SimpleUploadedFile("deed.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    untitled = page_data(geography_codes) | {"document": deed}
    assert client.post("/ar/investments/manage/new/", untitled).status_code == 400
    deed.seek(0)
    titled = page_data(geography_codes) | {"document": deed, "document_title": "عقد التخصيص"}
    assert client.post("/ar/investments/manage/new/", titled).status_code == 302
    document = AssetDocument.objects.get()
    download = client.get(f"/ar/investments/manage/documents/{document.pk}/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    client.logout()
    assert client.get(f"/ar/investments/manage/documents/{document.pk}/").status_code == 302


def test_changing_a_published_asset_takes_it_off_the_map_until_reviewed_again(client, asset_world):
    asset = asset_world["assets"]["qena_published"]
    staff = asset_world["users"]["qena_staff"]
    client_for(client, staff)
    form = client.get(f"/ar/investments/manage/{asset.pk}/").context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and name != "outline"}
    data |= {"area_m2": "90000", "permitted_uses": [use.pk for use in asset.permitted_uses.all()],
             "has_road_access": "on"}  # fmt: skip
    assert client.post(f"/ar/investments/manage/{asset.pk}/", data).status_code == 302
    asset.refresh_from_db()
    assert (asset.status, asset.area_m2, asset.approved_by) == ("recorded", Decimal("90000.00"), None)
    assert client.get(f"/ar/investments/{asset.pk}/").status_code == 404


def test_saving_an_unchanged_published_asset_keeps_it_published(client, asset_world):
    asset = asset_world["assets"]["qena_published"]
    client_for(client, asset_world["users"]["qena_staff"])
    form = client.get(f"/ar/investments/manage/{asset.pk}/").context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value not in (None, False) and name != "outline"
    }
    data["permitted_uses"] = [use.pk for use in asset.permitted_uses.all()]
    data["has_road_access"] = "on"
    assert client.post(f"/ar/investments/manage/{asset.pk}/", data).status_code == 302
    asset.refresh_from_db()
    assert asset.status == "approved"


def test_photos_are_public_only_once_the_asset_is_published(client, asset_world):
    published, recorded = asset_world["assets"]["qena_published"], asset_world["assets"]["qena_recorded"]
    photos = {}
    for key, asset in (("published", published), ("recorded", recorded)):
        photo = AssetPhoto(asset=asset)
        photo.image.save("site.jpg", photo_upload(), save=True)
        photos[key] = photo
    assert client.get(f"/ar/investments/photos/{photos['published'].pk}/").status_code == 200
    assert client.get(f"/ar/investments/photos/{photos['recorded'].pk}/").status_code == 404
    client_for(client, asset_world["users"]["qena_officer"])
    assert client.get(f"/ar/investments/photos/{photos['recorded'].pk}/").status_code == 200


# Figures and exports ------------------------------------------------------------------------------


def test_figures_count_area_and_unused_share_by_district(asset_world):
    figures = inventory_figures(Asset.objects.filter(governorate__code="EG27"))
    by_code = {row.code: row for row in figures["districts"]}
    # Markaz Qena: 85,000 m² unused and 1,200 m² unused → 100 %; Nag Hammadi: 6,500 partly + 12,500 unused.
    assert (by_code["EG2702"].count, by_code["EG2702"].area, by_code["EG2702"].unused_share) == (
        2, Decimal("86200"), Decimal("100.0"))  # fmt: skip
    assert (by_code["EG2708"].count, by_code["EG2708"].area) == (2, Decimal("19000"))
    assert by_code["EG2708"].unused_share == round(Decimal(100) * 12500 / 19000, 1)
    kinds = {group.key: (group.count, group.area) for group in figures["kinds"]}
    assert kinds == {"land": (2, Decimal("97500")), "building": (1, Decimal("1200")),
                     "market": (1, Decimal("6500")), "facility": (0, Decimal(0))}  # fmt: skip
    legal = {group.key: group.count for group in figures["legal"]}
    assert legal == {"clear": 3, "dispute": 1, "encroached": 0, "registration": 0}
    assert figures["totals"]["count"] == 4


def test_the_figures_page_and_its_export_hold_the_scope(client, asset_world):
    client_for(client, asset_world["users"]["qena_officer"])
    page = client.get("/ar/investments/figures/")
    assert page.status_code == 200
    assert [row.code for row in page.context["districts"]] == ["EG2702"]
    export = client.get("/ar/investments/figures/export.xlsx")
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.sheet_view.rightToLeft
    assert rows[1][0] == "EG2702" and rows[1][3] == 2 and rows[1][6] == 100.0
    assert len(rows) == 2


def test_the_inventory_export_lists_every_field_a_governorate_needs(client, asset_world):
    client_for(client, asset_world["users"]["qena_staff"])
    response = client.get("/ar/investments/manage/export.xlsx?kind=market")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["المساحة (م²)"] == 6500 and row["الاستغلال الحالي"] == "مستغل جزئيًا"
    assert "تجاري" in row["الاستخدامات المسموح بها"]


def test_the_api_records_through_the_same_checks(api_client, geography, qena_officer):
    api_client.force_authenticate(qena_officer)
    bad = api_client.post("/api/v1/assets/", asset_data(area_m2="-5"), format="json")
    assert bad.status_code == 400 and "area_m2" in bad.json()
    outside = api_client.post("/api/v1/assets/", asset_data("EG2708"), format="json")
    assert outside.status_code == 400 and "district" in outside.json()
    created = api_client.post("/api/v1/assets/", asset_data(), format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == "recorded" and created.json()["district"] == "EG2702"
    assert Asset.objects.count() == 1
    json.dumps(created.json())
