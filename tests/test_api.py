import pytest


def test_governorates_are_public_with_official_codes(api_client, geography):
    response = api_client.get("/api/v1/geo/governorates/")

    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()["results"]}
    assert rows["EG27"]["name_ar"] == "قنا"
    assert rows["SA-03"]["country"] == "SA"


def test_districts_filter_by_governorate_code(api_client, geography):
    response = api_client.get("/api/v1/geo/districts/", {"governorate": "EG27"})

    assert [row["code"] for row in response.json()["results"]] == ["EG2702", "EG2708"]
    assert response.json()["count"] == 2


@pytest.mark.parametrize("query", ["نجع حمادي", "نجع حمادى", "nag hammadi", "حمادي"])
def test_district_search_tolerates_arabic_spelling_variants(api_client, geography, query):
    response = api_client.get("/api/v1/geo/districts/", {"q": query})

    assert [row["code"] for row in response.json()["results"]] == ["EG2708"]


def test_unknown_governorate_is_a_404_not_a_500(api_client, geography):
    assert api_client.get("/api/v1/geo/governorates/EG99/").status_code == 404


def test_staff_list_needs_a_signed_in_staff_member(api_client, geography):
    response = api_client.get("/api/v1/staff/", HTTP_ACCEPT_LANGUAGE="ar")

    assert response.status_code == 403
    assert "بيانات" in response.json()["detail"]  # DRF's message, translated


def test_staff_list_query_count_is_pinned(api_client, personas, django_assert_max_num_queries):
    api_client.force_login(personas["national_admin"])

    with django_assert_max_num_queries(4):
        response = api_client.get("/api/v1/staff/")

    assert response.json()["count"] == 5


def test_openapi_schema_and_docs_are_served_locally(client):
    schema = client.get("/api/schema/")
    docs = client.get("/api/docs/")

    assert schema.status_code == 200
    assert b"/api/v1/geo/districts/" in schema.content
    assert docs.status_code == 200
    assert b"unpkg" not in docs.content and b"jsdelivr" not in docs.content
    assert b"/static/drf_spectacular_sidecar/" in docs.content


def test_governorate_boundaries_are_served_from_the_geography_folder(api_client):
    response = api_client.get("/api/v1/geo/boundaries/")

    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 27
    assert "max-age" in response["Cache-Control"]
