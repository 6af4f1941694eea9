"""The public investment map: only published assets, its filters, the asset page, and investors'
expressions of interest becoming leads the governorate follows up."""

import pytest

from investments.models import Asset, Lead
from tests.conftest import client_for
from tests.test_investment_records import PUBLISHED, visible

INTEREST = {
    "name": "م. أحمد عبد الرحيم",
    "company": "شركة الصعيد للصناعات الغذائية",
    "phone": "010 0123 4567",
    "email": "ahmed@example.com",
    "intended_use": "مصنع لتعبئة الخضروات يوفر 150 فرصة عمل",
    "captcha_0": "any",
    "captcha_1": "PASSED",
}


def _map(client, query: str = ""):
    response = client.get(f"/ar/investments/{query}")
    points = client.get(f"/ar/investments/map.json{query}").json()["points"]
    return response, {point["title"] for point in points}


def test_the_map_shows_only_published_assets(client, asset_world):
    response, titles = _map(client)
    assert response.status_code == 200
    assert visible(response.content.decode()) == PUBLISHED
    assert visible(" ".join(titles)) == PUBLISHED
    for key, asset in asset_world["assets"].items():
        expected = 200 if key in PUBLISHED else 404
        assert client.get(f"/ar/investments/{asset.pk}/").status_code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?governorate=EG27", {"qena_published", "nagh_published"}),
        ("?district=EG2708", {"nagh_published"}),
        ("?kind=market", {"nagh_published"}),
        ("?kind=land&governorate=EG28", {"aswan_published"}),
        ("?area_min=10000", {"qena_published", "aswan_published"}),
        ("?area_min=10000&area_max=50000", {"aswan_published"}),
        ("?use=tourism", {"aswan_published"}),
        ("?use=commercial&current_use=partly", {"nagh_published"}),
        ("?q=سوق", {"nagh_published"}),
        ("?status=recorded", PUBLISHED),  # the public map has no review filter: everything there is published
    ],
)
def test_the_map_filters_by_place_kind_area_and_use(client, asset_world, query, expected):
    response, titles = _map(client, query)
    assert visible(response.content.decode()) == expected
    assert visible(" ".join(titles)) == expected


@pytest.mark.parametrize(
    "query",
    ["?area_min=-1", "?area_max=abc", "?area_min=1e30", "?governorate=XX99", "?kind=castle", "?use=%00"],
)
def test_bad_filters_are_a_translated_400(client, asset_world, query):
    response = client.get(f"/ar/investments/{query}")
    assert response.status_code == 400
    assert "يرجى تصحيح" in response.content.decode()
    assert client.get(f"/ar/investments/map.json{query}").status_code == 400


def test_the_asset_page_reads_right_to_left_with_its_facts(client, asset_world):
    asset = asset_world["assets"]["nagh_published"]
    body = client.get(f"/ar/investments/{asset.pk}/").content.decode()
    assert 'dir="rtl"' in body
    assert "6,500" in body and "تجاري" in body
    english = client.get(f"/en/investments/{asset.pk}/").content.decode()
    assert "Market" in english and "Commercial" in english


def test_an_investor_sends_interest_and_staff_follow_the_lead(client, asset_world):
    asset = asset_world["assets"]["nagh_published"]
    response = client.post(f"/ar/investments/{asset.pk}/interest/", INTEREST)
    assert response.status_code == 302 and response.url == f"/ar/investments/{asset.pk}/interest/sent/"
    lead = Lead.objects.get(asset=asset)
    assert (lead.phone, lead.status, lead.company) == ("+201001234567", "new", INTEREST["company"])
    staff = asset_world["users"]["qena_staff"]
    client_for(client, staff)
    assert INTEREST["name"] in client.get("/ar/investments/leads/").content.decode()
    response = client.post(f"/ar/investments/leads/{lead.pk}/", {"status": "negotiating", "note": "زيارة"})
    assert response.status_code == 302
    lead.refresh_from_db()
    assert (lead.status, lead.staff_note, lead.updated_by) == ("negotiating", "زيارة", staff)
    assert client.post(f"/ar/investments/leads/{lead.pk}/", {"status": "won"}).status_code == 400


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"captcha_1": "wrong"}, "captcha"),
        ({"phone": "123"}, "phone"),
        ({"name": ""}, "name"),
        ({"intended_use": ""}, "intended_use"),
        ({"email": "not-an-email"}, "email"),
    ],
)
def test_a_bad_expression_of_interest_is_a_translated_400(client, asset_world, change, field):
    asset = asset_world["assets"]["nagh_published"]
    response = client.post(f"/ar/investments/{asset.pk}/interest/", INTEREST | change)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Lead.objects.filter(asset=asset).exists()


def test_interest_in_an_unpublished_asset_is_refused(client, api_client, asset_world):
    verified = asset_world["assets"]["nagh_verified"]
    assert client.post(f"/ar/investments/{verified.pk}/interest/", INTEREST).status_code == 404
    body = {"asset": verified.pk, "name": "x", "phone": "01001234567", "intended_use": "مصنع"}
    response = api_client.post("/api/v1/investment-leads/", body, format="json", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 400
    assert "غير منشور" in str(response.json()["asset"])
    assert not Lead.objects.filter(asset=verified).exists()


def test_robots_filling_the_hidden_field_are_refused(client, asset_world):
    asset = asset_world["assets"]["nagh_published"]
    response = client.post(f"/ar/investments/{asset.pk}/interest/", INTEREST | {"website": "http://spam"})
    assert response.status_code == 400
    assert not Lead.objects.filter(asset=asset).exists()


def test_interest_is_rate_limited_per_address_and_per_phone(client, settings, asset_world):
    settings.INTEREST_RATE_PER_IP = "3/h"
    settings.INTEREST_RATE_PER_PHONE = "2/h"
    asset = asset_world["assets"]["nagh_published"]
    codes = [client.post(f"/ar/investments/{asset.pk}/interest/", INTEREST).status_code for _ in range(3)]
    assert codes == [302, 302, 429]  # the third from the same phone
    other = INTEREST | {"phone": "01112345678"}
    assert (
        client.post(f"/ar/investments/{asset.pk}/interest/", other).status_code == 429
    )  # the address's fourth
    assert Lead.objects.filter(asset=asset).count() == 2


def test_the_api_takes_interest_anonymously_and_answers_only_a_receipt(api_client, asset_world):
    asset = asset_world["assets"]["aswan_published"]
    body = {"asset": asset.pk, "name": "مستثمر", "phone": "0501234567", "intended_use": "فندق"}
    response = api_client.post("/api/v1/investment-leads/", body, format="json")
    assert response.status_code == 201
    assert set(response.json()) == {"id", "status"}
    assert Lead.objects.get(pk=response.json()["id"]).phone == "+966501234567"
    assert api_client.get("/api/v1/investment-leads/").status_code in (401, 403)


def test_the_public_api_lists_published_assets_and_staff_also_their_inventory(api_client, asset_world):
    public = {row["title_ar"] for row in api_client.get("/api/v1/assets/").json()["results"]}
    assert visible(" ".join(public)) == PUBLISHED
    api_client.force_authenticate(asset_world["users"]["qena_officer"])
    mine = {row["title_ar"] for row in api_client.get("/api/v1/assets/").json()["results"]}
    assert visible(" ".join(mine)) == PUBLISHED | {"qena_recorded"}
    filtered = api_client.get("/api/v1/assets/?kind=market&area_max=7000").json()
    assert [row["kind"] for row in filtered["results"]] == ["market"]
    assert Asset.objects.count() == 5
