"""Every URL of the investments app, for every persona: who reaches it, and which assets and leads it
holds."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from investments.imports import import_preview
from investments.models import AssetDocument, AssetImport, AssetPhoto, Lead
from tests.conftest import client_for
from tests.test_investment_records import PUBLISHED, photo_upload, visible, xlsx_text

PERSONAS = ["qena_officer", "qena_staff", "qena_governor", "aswan_outsider", "national_admin", "anonymous"]
# Which assets each persona's staff pages hold.
SEES = {
    "qena_officer": {"qena_published", "qena_recorded"},
    "qena_staff": {"qena_published", "nagh_published", "qena_recorded", "nagh_verified"},
    "qena_governor": {"qena_published", "nagh_published", "qena_recorded", "nagh_verified"},
    "aswan_outsider": {"aswan_published"},
    "national_admin": {
        "qena_published",
        "nagh_published",
        "qena_recorded",
        "nagh_verified",
        "aswan_published",
    },
}
# Leads go to the governorate's staff, not to district officers.
LEADS = {
    "qena_staff": {"qena_published"},
    "qena_governor": {"qena_published"},
    "aswan_outsider": {"aswan_published"},
    "national_admin": {"qena_published", "aswan_published"},
}
DENIED = {302, 403, 404}


def _user(asset_world, persona):
    return asset_world["users"][persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_public_pages_are_the_same_for_everyone(client, asset_world, persona):
    client = client_for(client, _user(asset_world, persona))
    assert visible(client.get("/ar/investments/").content.decode()) == PUBLISHED
    assert len(client.get("/ar/investments/map.json").json()["points"]) == len(PUBLISHED)
    for key, asset in asset_world["assets"].items():
        assert client.get(f"/ar/investments/{asset.pk}/").status_code == (200 if key in PUBLISHED else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_lists_exports_and_figures_hold_only_the_scope(client, asset_world, persona):
    client = client_for(client, _user(asset_world, persona))
    urls = ["/ar/investments/manage/", "/ar/investments/manage/export.xlsx", "/ar/investments/figures/",
            "/ar/investments/figures/export.xlsx"]  # fmt: skip
    responses = [client.get(url) for url in urls]
    if persona == "anonymous":
        assert {response.status_code for response in responses} == {302}
        return
    manage, export, figures, figures_export = responses
    assert visible(manage.content.decode()) == SEES[persona]
    assert visible(xlsx_text(export)) == SEES[persona]
    districts = {asset_world["assets"][key].district.code for key in SEES[persona]}
    assert {row.code for row in figures.context["districts"]} == districts
    assert {code for code in districts if code in xlsx_text(figures_export)} == districts


@pytest.mark.parametrize("persona", PERSONAS)
def test_asset_records_open_only_within_the_scope(client, asset_world, persona):
    client = client_for(client, _user(asset_world, persona))
    for key, asset in asset_world["assets"].items():
        status = client.get(f"/ar/investments/manage/{asset.pk}/").status_code
        assert (status == 200) == (key in SEES.get(persona, set())), (key, status)
        if status != 200:
            assert status in DENIED
            posted = client.post(f"/ar/investments/manage/{asset.pk}/review/", {"action": "verify"})
            assert posted.status_code in DENIED


@pytest.mark.parametrize("persona", PERSONAS)
def test_leads_reach_only_the_governorate_staff(client, api_client, asset_world, persona):
    user = _user(asset_world, persona)
    client = client_for(client, user)
    page = client.get("/ar/investments/leads/")
    api_client.force_authenticate(user)
    api = api_client.get("/api/v1/investment-leads/")
    if persona not in LEADS:
        assert page.status_code in DENIED and api.status_code in (401, 403)
        for lead in Lead.objects.all():
            assert (
                client.post(f"/ar/investments/leads/{lead.pk}/", {"status": "closed"}).status_code in DENIED
            )
        assert not Lead.objects.filter(status="closed").exists()
        return
    shown = {key for key, lead in asset_world["leads"].items() if lead.name in page.content.decode()}
    assert shown == LEADS[persona]
    assert {row["name"] for row in api.json()["results"]} == {f"مستثمر {key}" for key in LEADS[persona]}
    for key, lead in asset_world["leads"].items():
        expected = 302 if key in LEADS[persona] else 404
        assert (
            client.post(f"/ar/investments/leads/{lead.pk}/", {"status": "contacted"}).status_code == expected
        )


@pytest.mark.parametrize("persona", PERSONAS)
def test_photos_and_documents_follow_the_scope(client, asset_world, persona):
    recorded = asset_world["assets"]["qena_recorded"]
    photo = AssetPhoto(asset=recorded)
    photo.image.save("site.jpg", photo_upload(), save=True)
    document = AssetDocument(
        asset=asset_world["assets"]["qena_published"], title="عقد", content_type="application/pdf"
    )
    document.file.save("deed.pdf", photo_upload(), save=True)
    client = client_for(client, _user(asset_world, persona))
    in_scope = "qena_recorded" in SEES.get(persona, set())
    assert client.get(f"/ar/investments/photos/{photo.pk}/").status_code == (200 if in_scope else 404)
    status = client.get(f"/ar/investments/manage/documents/{document.pk}/").status_code
    assert (status == 200) == in_scope and status in DENIED | {200}


@pytest.mark.parametrize("persona", PERSONAS)
def test_imports_are_seen_only_by_who_made_them(client, asset_world, persona):
    csv = "title_ar,kind,district,latitude,longitude,area_m2,owner_body,current_use,legal_status\n"
    csv += "أرض,land,EG2702,26.19,32.78,100,أملاك,unused,clear\n"
    batch = import_preview(
        SimpleUploadedFile("inventory.csv", csv.encode()), asset_world["users"]["qena_staff"]
    )
    client = client_for(client, _user(asset_world, persona))
    preview = client.get(f"/ar/investments/manage/import/{batch.pk}/").status_code
    confirm = client.post(f"/ar/investments/manage/import/{batch.pk}/confirm/").status_code
    if persona == "qena_staff":
        assert (preview, confirm) == (200, 302)
        assert AssetImport.objects.get().status == "saved"
    else:
        assert preview in DENIED and confirm in DENIED
        assert AssetImport.objects.get().status == "preview"
    new = client.get("/ar/investments/manage/import/").status_code
    assert (new == 200) == (persona != "anonymous" and persona in SEES)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_api_lists_published_assets_and_the_scope(api_client, asset_world, persona):
    api_client.force_authenticate(_user(asset_world, persona))
    rows = api_client.get("/api/v1/assets/").json()["results"]
    assert visible(" ".join(row["title_ar"] for row in rows)) == PUBLISHED | SEES.get(persona, set())
    for key, asset in asset_world["assets"].items():
        expected = 200 if key in PUBLISHED | SEES.get(persona, set()) else 404
        assert api_client.get(f"/api/v1/assets/{asset.pk}/").status_code == expected
