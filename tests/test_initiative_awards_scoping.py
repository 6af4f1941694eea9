"""Every URL of success stories and award cycles, for every persona (and a juror)."""

import pytest

from initiatives.models import Replication, SuccessStory
from initiatives.services.awards import cycle_start_judging, nomination_submit
from tests.conftest import client_for
from tests.test_initiative_awards import add_criteria, make_cycle
from tests.test_initiative_stories import STORY_FIELDS, make_initiative, make_story

PERSONAS = ["qena_officer", "qena_staff", "qena_governor", "aswan_outsider", "national_admin", "anonymous"]
QENA_EDITORS = {"qena_staff", "qena_governor", "national_admin"}
NOMINATORS = {"qena_staff", "qena_governor", "aswan_outsider"}  # editors with a governorate


@pytest.fixture
def world(geography, qena_staff, aswan_outsider, national_admin):
    """A published Qena story, a draft one, and a cycle in judging where Aswan's staff member is the
    juror assigned to Qena's nomination."""
    completed = make_initiative(geography)
    published = make_story(completed)
    draft = make_story(make_initiative(geography, title_ar="مسودة"), status=SuccessStory.Status.DRAFT)
    open_cycle = make_cycle(title_ar="دورة مفتوحة")
    cycle = make_cycle()
    add_criteria(cycle)
    cycle.jurors.add(aswan_outsider)
    nomination = nomination_submit(cycle=cycle, initiative=completed, theme="sustainability", statement="أثر",
                                   actor=qena_staff)  # fmt: skip
    cycle_start_judging(cycle=cycle, actor=national_admin)
    return {"initiative": completed, "story": published, "draft": draft, "cycle": cycle,
            "open_cycle": open_cycle, "nomination": nomination}  # fmt: skip


def _expected_get(persona: str, url_name: str) -> set[int]:
    public = {"stories", "story", "awards", "award", "open award"}
    if url_name in public:
        return {200}
    allowed = {
        "draft story": set(),
        "story edit": QENA_EDITORS,
        "nominate": NOMINATORS,
        "judge": {"aswan_outsider"},
        "score": {"aswan_outsider"},
    }[url_name]
    return {200} if persona in allowed else {302, 403, 404}


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_answers_each_persona_as_its_scope_says(client, personas, world, persona):
    client = client_for(client, personas[persona])
    urls = {
        "stories": "/ar/initiatives/stories/",
        "story": f"/ar/initiatives/stories/{world['story'].pk}/",
        "draft story": f"/ar/initiatives/stories/{world['draft'].pk}/",
        "story edit": f"/ar/initiatives/manage/{world['initiative'].pk}/story/",
        "awards": "/ar/initiatives/awards/",
        "award": f"/ar/initiatives/awards/{world['cycle'].pk}/",
        "open award": f"/ar/initiatives/awards/{world['open_cycle'].pk}/",
        "nominate": f"/ar/initiatives/awards/{world['open_cycle'].pk}/nominate/",
        "judge": f"/ar/initiatives/awards/{world['cycle'].pk}/judge/",
        "score": f"/ar/initiatives/awards/nominations/{world['nomination'].pk}/score/",
    }
    for name, url in urls.items():
        status = client.get(url).status_code
        assert status in _expected_get(persona, name), (name, status)


@pytest.mark.parametrize("persona", PERSONAS)
def test_writes_are_refused_outside_the_scope_and_change_nothing(client, personas, world, persona):
    client = client_for(client, personas[persona])

    edit = client.post(f"/ar/initiatives/manage/{world['initiative'].pk}/story/",
                       {**STORY_FIELDS, "title_ar": "عنوان جديد", "publish": "1"})  # fmt: skip
    replicate = client.post(
        f"/ar/initiatives/stories/{world['story'].pk}/replicate/", {"replicated_on": "2026-01-05"}
    )
    publish = client.post(f"/ar/initiatives/awards/{world['cycle'].pk}/publish/")

    world["story"].refresh_from_db()
    world["cycle"].refresh_from_db()
    assert edit.status_code in ({302} if persona in QENA_EDITORS | {"anonymous"} else {403, 404})
    assert (world["story"].title_ar == "عنوان جديد") == (persona in QENA_EDITORS)
    # only another governorate's editors record a replication; Qena's own get a 400 with the reason
    assert replicate.status_code == {"aswan_outsider": 302, "qena_staff": 400, "qena_governor": 400}.get(
        persona, 302 if persona == "anonymous" else 403
    )
    assert Replication.objects.filter(governorate__code="EG28").exists() == (persona == "aswan_outsider")
    assert (world["cycle"].status == "published") == (persona == "national_admin")
    assert publish.status_code in ({302} if persona in ("national_admin", "anonymous") else {403})


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_nominations_api_holds_the_scope_and_the_assignments(api_client, personas, world, persona):
    if personas[persona] is not None:
        api_client.force_authenticate(personas[persona])

    response = api_client.get("/api/v1/nominations/")
    score = api_client.post(f"/api/v1/nominations/{world['nomination'].pk}/score/", {}, format="json")

    if persona == "anonymous":
        assert response.status_code in (401, 403) and score.status_code in (401, 403)
        return
    codes = [row["governorate"] for row in response.json()["results"]]
    # Qena's staff see their governorate's; Aswan's juror sees the Qena nomination assigned to them
    assert codes == ["EG27"]
    # an empty body is refused by the assigned juror (400); everyone else is not assigned (404)
    assert score.status_code == (400 if persona == "aswan_outsider" else 404)


def test_public_apis_answer_anyone(api_client, world):
    stories = api_client.get("/api/v1/success-stories/").json()["results"]
    cycles = api_client.get("/api/v1/award-cycles/").json()["results"]

    assert [row["id"] for row in stories] == [world["story"].pk]
    assert {row["id"] for row in cycles} == {world["cycle"].pk, world["open_cycle"].pk}
