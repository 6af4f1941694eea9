"""Successful experiences: writing and publishing a completed initiative's story, the public library
with Arabic search, and other governorates recording that they replicated it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from initiatives.models import Initiative, InitiativePartner, Replication, SuccessStory
from programs.models import Organization
from tests.conftest import client_for

STORY_FIELDS = {
    "title_ar": "المبادرة المجتمعية لإنارة شوارع القرى بالطاقة الشمسية",
    "title_en": "Solar street lighting for villages",
    "problem": "قرى بلا إنارة ليلية، وحوادث متكررة على الطرق الزراعية.",
    "intervention": "تركيب 400 عمود إنارة بالطاقة الشمسية بمشاركة الجمعيات الأهلية.",
    "results": "انخفاض الحوادث الليلية بنسبة 60٪ وعودة الأسواق المسائية.",
    "cost": "2500000",
    "currency": "EGP",
    "lessons": "إشراك الأهالي في الصيانة يطيل عمر الأعمدة.",
    "how_to_replicate": "ابدأ بمسح القرى الأكثر ظلامًا، ثم تعاقد على دفعات صغيرة.",
}


MARKET_STORY = {
    "title_ar": "تطوير سوق الخضار",
    "problem": "باعة على الرصيف.",
    "intervention": "سوق مسقوف.",
    "results": "رصيف خال.",
    "lessons": "الحوار مع الباعة.",
}


def make_initiative(geography, district="EG2702", **fields) -> Initiative:
    today = timezone.localdate()
    defaults = {
        "title_ar": "إنارة شوارع قرى مركز قنا",
        "summary_ar": "أعمدة إنارة بالطاقة الشمسية في القرى",
        "sector": "lighting",
        "theme": "sustainability",
        "planned_start": today - timedelta(days=300),
        "planned_end": today - timedelta(days=10),
        "status": Initiative.Status.COMPLETED,
        "budget": 3_000_000,
    }
    initiative = Initiative.objects.create(
        governorate=geography[district].governorate, **{**defaults, **fields}
    )
    initiative.districts.set([geography[district]])
    return initiative


def make_story(initiative, status=SuccessStory.Status.PUBLISHED, **fields) -> SuccessStory:
    values = {**STORY_FIELDS, **fields}
    return SuccessStory.objects.create(
        initiative=initiative, status=status, published_at=timezone.now(), **values
    )


# Writing and publishing -----------------------------------------------------------------------


def test_a_completed_initiatives_story_is_published_by_its_governorates_staff(client, geography, qena_staff):
    initiative = make_initiative(geography)

    response = client_for(client, qena_staff).post(
        f"/ar/initiatives/manage/{initiative.pk}/story/", {**STORY_FIELDS, "publish": "1"}
    )

    story = SuccessStory.objects.get(initiative=initiative)
    assert response.status_code == 302 and response.url == f"/ar/initiatives/stories/{story.pk}/"
    assert story.status == SuccessStory.Status.PUBLISHED and story.published_at is not None
    assert story.author == qena_staff
    assert STORY_FIELDS["title_ar"] in client.get(f"/ar/initiatives/stories/{story.pk}/").content.decode()


def test_a_draft_is_saved_but_not_public(client, geography, qena_staff):
    initiative = make_initiative(geography)

    response = client_for(client, qena_staff).post(
        f"/ar/initiatives/manage/{initiative.pk}/story/", {**STORY_FIELDS, "draft": "1"}
    )

    story = SuccessStory.objects.get(initiative=initiative)
    assert response.status_code == 302 and story.status == SuccessStory.Status.DRAFT
    assert client.get(f"/ar/initiatives/stories/{story.pk}/").status_code == 404
    assert STORY_FIELDS["title_ar"] not in client.get("/ar/initiatives/stories/").content.decode()


@pytest.mark.parametrize("status", ["planned", "active", "suspended", "cancelled"])
def test_only_a_completed_initiative_gets_a_story(client, geography, qena_staff, status):
    initiative = make_initiative(geography, status=status)
    client = client_for(client, qena_staff)

    page = client.get(f"/ar/initiatives/manage/{initiative.pk}/story/")
    response = client.post(f"/ar/initiatives/manage/{initiative.pk}/story/", {**STORY_FIELDS, "publish": "1"})

    assert page.status_code == 400 and response.status_code == 400
    assert "Only a completed initiative" in response.content.decode() or "مكتملة" in response.content.decode()
    assert not SuccessStory.objects.exists()


def test_a_story_missing_its_lessons_is_refused(client, geography, qena_staff):
    initiative = make_initiative(geography)

    response = client_for(client, qena_staff).post(
        f"/ar/initiatives/manage/{initiative.pk}/story/", {**STORY_FIELDS, "lessons": "", "publish": "1"}
    )

    assert response.status_code == 400 and not SuccessStory.objects.exists()


def test_a_district_officer_cannot_publish_a_story(client, geography, qena_officer):
    initiative = make_initiative(geography)

    response = client_for(client, qena_officer).post(
        f"/ar/initiatives/manage/{initiative.pk}/story/", {**STORY_FIELDS, "publish": "1"}
    )

    assert response.status_code == 403 and not SuccessStory.objects.exists()


# The public library ---------------------------------------------------------------------------


def test_arabic_search_ignores_taa_marbuta_hamza_and_diacritics(client, geography, api_client):
    make_story(make_initiative(geography))
    make_story(make_initiative(geography, "EG2802", title_ar="سوق أسوان"), **MARKET_STORY)

    for query in ["المبادره", "مبادرة", "لاِنارة", "الطاقه الشمسيه"]:
        body = client.get("/ar/initiatives/stories/", {"q": query}).content.decode()
        assert STORY_FIELDS["title_ar"] in body, query
        assert "تطوير سوق الخضار" not in body, query
    rows = api_client.get("/api/v1/success-stories/", {"q": "المبادره"}).json()["results"]
    assert [row["title_ar"] for row in rows] == [STORY_FIELDS["title_ar"]]


def test_stories_filter_by_theme_governorate_and_sector(client, geography, api_client):
    make_story(make_initiative(geography))
    make_story(
        make_initiative(geography, "EG2802", theme="local_content", sector="markets"), title_ar="سوق الحرف"
    )

    def titles(**params):
        return client.get("/ar/initiatives/stories/", params).content.decode()

    assert "سوق الحرف" in titles(theme="local_content") and STORY_FIELDS["title_ar"] not in titles(
        theme="local_content"
    )
    assert "سوق الحرف" not in titles(governorate="EG27") and STORY_FIELDS["title_ar"] in titles(
        governorate="EG27"
    )
    assert "سوق الحرف" in titles(sector="markets") and STORY_FIELDS["title_ar"] not in titles(
        sector="markets"
    )
    api = api_client.get("/api/v1/success-stories/", {"theme": "sustainability"}).json()["results"]
    assert [row["governorate"] for row in api] == ["EG27"]


def test_a_story_shows_verified_partners_and_who_replicated_it(client, geography):
    initiative = make_initiative(geography)
    verified = Organization.objects.create(slug="habitat", name_ar="موئل الأمم المتحدة", org_type="40")
    pending = Organization.objects.create(
        slug="pending", name_ar="جمعية لم تراجع", org_type="22", status=Organization.Status.PENDING
    )
    InitiativePartner.objects.create(initiative=initiative, organization=verified, role="1")
    InitiativePartner.objects.create(initiative=initiative, organization=pending, role="4")
    story = make_story(initiative)
    Replication.objects.create(
        story=story, governorate=geography["aswan"], replicated_on=timezone.localdate()
    )

    body = client.get(f"/ar/initiatives/stories/{story.pk}/").content.decode()

    assert "موئل الأمم المتحدة" in body and "جمعية لم تراجع" not in body
    assert "أسوان" in body and STORY_FIELDS["how_to_replicate"] in body
    assert "2,500,000" in body or "2٬500٬000" in body or "2500000" in body


def test_the_library_lists_with_a_fixed_number_of_queries(client, geography, django_assert_max_num_queries):
    for number in range(5):
        make_story(make_initiative(geography, title_ar=f"مبادرة {number}"), title_ar=f"قصة {number}")

    with django_assert_max_num_queries(6):
        response = client.get("/ar/initiatives/stories/")

    assert response.content.decode().count("story-card") == 5


def test_the_stories_api_lists_published_stories_in_a_fixed_number_of_queries(
    api_client, geography, django_assert_max_num_queries
):
    for number in range(4):
        make_story(make_initiative(geography, title_ar=f"مبادرة {number}"), title_ar=f"قصة {number}")
    make_story(make_initiative(geography), status=SuccessStory.Status.DRAFT, title_ar="مسودة")

    with django_assert_max_num_queries(5):
        rows = api_client.get("/api/v1/success-stories/").json()["results"]

    assert len(rows) == 4 and "مسودة" not in {row["title_ar"] for row in rows}


# Replication ----------------------------------------------------------------------------------


def _replicate(client, story, **fields):
    data = {"replicated_on": timezone.localdate().isoformat(), "note": "نفذناها في مركز أسوان", **fields}
    return client.post(f"/ar/initiatives/stories/{story.pk}/replicate/", data)


def test_another_governorate_records_its_replication_once(client, geography, aswan_outsider):
    story = make_story(make_initiative(geography))
    client = client_for(client, aswan_outsider)

    first = _replicate(client, story, district=geography["EG2802"].pk)
    second = _replicate(client, story)

    assert first.status_code == 302
    assert second.status_code == 409
    replication = Replication.objects.get()
    assert replication.governorate == geography["aswan"] and replication.district == geography["EG2802"]
    assert replication.recorded_by == aswan_outsider


def test_the_storys_own_governorate_does_not_replicate_it(client, geography, qena_staff):
    story = make_story(make_initiative(geography))

    response = _replicate(client_for(client, qena_staff), story)

    assert response.status_code == 400 and not Replication.objects.exists()


def test_a_replication_in_a_district_of_another_governorate_is_refused(client, geography, aswan_outsider):
    story = make_story(make_initiative(geography))

    response = _replicate(client_for(client, aswan_outsider), story, district=geography["EG2708"].pk)

    assert response.status_code == 400 and not Replication.objects.exists()


def test_a_draft_story_cannot_be_replicated(client, geography, aswan_outsider):
    story = make_story(make_initiative(geography), status=SuccessStory.Status.DRAFT)

    response = _replicate(client_for(client, aswan_outsider), story)

    assert response.status_code == 404 and not Replication.objects.exists()


def test_the_replication_form_is_offered_only_to_other_governorates_editors(
    client, geography, aswan_outsider, qena_staff
):
    story = make_story(make_initiative(geography))
    url = f"/ar/initiatives/stories/{story.pk}/"

    assert "replicated_on" not in client.get(url).content.decode()
    assert "replicated_on" not in client_for(client, qena_staff).get(url).content.decode()
    assert "replicated_on" in client_for(client, aswan_outsider).get(url).content.decode()
