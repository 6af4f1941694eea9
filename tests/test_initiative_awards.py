"""Award cycles of the forum of initiatives: nominations, the jury's scores against weighted criteria,
rankings by theme and by region, and the rules that keep a juror to their assignments."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from initiatives.models import AwardCriterion, AwardCycle, Nomination, Score
from initiatives.services.awards import cycle_start_judging, nomination_submit
from portal.models import Role
from portal.services import staff_create
from tests.conftest import PASSWORD, client_for
from tests.test_initiative_stories import make_initiative


def make_cycle(**fields) -> AwardCycle:
    today = timezone.localdate()
    values = {
        "title_ar": "جوائز المناطق التنموية 2026",
        "title_en": "Regional development awards 2026",
        "year": today.year,
        "themes": ["sustainability", "innovation"],
        "nominations_open_on": today - timedelta(days=5),
        "nominations_close_on": today + timedelta(days=5),
        "results_on": today + timedelta(days=30),
        **fields,
    }
    return AwardCycle.objects.create(**values)


def add_criteria(cycle):
    """Impact weighs 3 on a 0..10 scale, sustainability 1 on a 0..5 scale: a total weight of 4."""
    impact = AwardCriterion.objects.create(cycle=cycle, name_ar="الأثر", weight=3, max_score=10)
    lasting = AwardCriterion.objects.create(cycle=cycle, name_ar="الاستدامة", weight=1, max_score=5)
    return impact, lasting


@pytest.fixture
def madinah_staff(geography):
    return staff_create(
        username="madinah.staff",
        role=Role.GOVERNORATE_STAFF,
        governorate=geography["madinah"],
        password=PASSWORD,
    ).user


@pytest.fixture
def jurors(geography):
    def juror(username, governorate):
        return staff_create(
            username=username,
            role=Role.GOVERNORATE_STAFF,
            governorate=geography[governorate],
            password=PASSWORD,
        ).user

    return {"qena": juror("juror.qena", "qena"), "aswan": juror("juror.aswan", "aswan")}


@pytest.fixture
def nominated(geography, qena_staff, aswan_outsider, madinah_staff, jurors):
    """A cycle with two criteria, two jurors (Qena, Aswan), and one nomination each from Qena, Aswan
    and Al-Madinah under sustainability."""
    cycle = make_cycle()
    criteria = add_criteria(cycle)
    cycle.jurors.set(jurors.values())
    nominations = {}
    for key, district, actor in [("qena", "EG2702", qena_staff), ("aswan", "EG2802", aswan_outsider),
                                 ("madinah", "00301", madinah_staff)]:  # fmt: skip
        initiative = make_initiative(geography, district, title_ar=f"مبادرة {geography[key]}")
        nominations[key] = nomination_submit(
            cycle=cycle, initiative=initiative, theme="sustainability", statement="أثر واضح", actor=actor
        )
    return {"cycle": cycle, "criteria": criteria, "nominations": nominations}


def _score_form(impact, lasting, criteria):
    return {f"criterion_{criteria[0].pk}": impact, f"criterion_{criteria[1].pk}": lasting}


# End to end -------------------------------------------------------------------------------------


def test_scoring_and_ranking_end_to_end(client, api_client, nominated, jurors, national_admin):
    cycle, criteria, nominations = nominated["cycle"], nominated["criteria"], nominated["nominations"]
    admin = client_for(client, national_admin)

    # when the national administrator closes nominations, each juror gets every other governorate's
    assert admin.post(f"/ar/initiatives/awards/{cycle.pk}/start-judging/").status_code == 302
    assert set(nominations["qena"].jurors.all()) == {jurors["aswan"]}
    assert set(nominations["aswan"].jurors.all()) == {jurors["qena"]}
    assert set(nominations["madinah"].jurors.all()) == {jurors["qena"], jurors["aswan"]}

    # the jurors score: Qena 8/10 and 4/5 → (0.8×3 + 0.8×1)/4 = 80.00; Aswan 10/10 and 1/5 →
    # (1×3 + 0.2×1)/4 = 80.00, a tie; Al-Madinah means 7.5 and 3.5 → (0.75×3 + 0.7×1)/4 = 73.75
    qena_juror = client_for(client.__class__(), jurors["qena"])
    aswan_juror = client_for(client.__class__(), jurors["aswan"])
    for juror, nomination, values in [
        (aswan_juror, "qena", (8, 4)), (qena_juror, "aswan", (10, 1)),
        (qena_juror, "madinah", (6, 5)), (aswan_juror, "madinah", (9, 2)),
    ]:  # fmt: skip
        url = f"/ar/initiatives/awards/nominations/{nominations[nomination].pk}/score/"
        assert juror.post(url, _score_form(*values, criteria)).status_code == 302, nomination

    assert admin.post(f"/ar/initiatives/awards/{cycle.pk}/publish/").status_code == 302

    for nomination in nominations.values():
        nomination.refresh_from_db()
    assert [nominations[k].score for k in ("qena", "aswan", "madinah")] == [
        Decimal("80.00"),
        Decimal("80.00"),
        Decimal("73.75"),
    ]
    assert [nominations[k].rank_in_theme for k in ("qena", "aswan", "madinah")] == [1, 1, 3]
    assert [nominations[k].is_winner for k in ("qena", "aswan", "madinah")] == [True, True, False]

    # the public sees the results and the regions' ranking, on the page and in the API
    body = client.__class__().get(f"/ar/initiatives/awards/{cycle.pk}/").content.decode()
    # Arabic pages write a decimal comma
    assert "80,00" in body and "73,75" in body and "منطقة المدينة المنورة" in body
    api = api_client.get(f"/api/v1/award-cycles/{cycle.pk}/").json()
    results = {row["governorate"]: row for row in api["results"]}
    ranked = {code: (row["score"], row["rank_in_theme"], row["is_winner"]) for code, row in results.items()}
    assert ranked == {"EG27": ("80.00", 1, True), "EG28": ("80.00", 1, True), "SA-03": ("73.75", 3, False)}
    regions = [(row["governorate"], row["rank"], row["wins"]) for row in api["region_ranking"]]
    assert sorted(regions) == [("EG27", 1, 1), ("EG28", 1, 1), ("SA-03", 3, 0)]


def test_before_publication_the_public_sees_only_the_cycles_facts(client, nominated):
    cycle = nominated["cycle"]

    body = client.get(f"/ar/initiatives/awards/{cycle.pk}/").content.decode()

    assert "الأثر" in body and "مبادرة قنا" not in body
    api = client.get(f"/api/v1/award-cycles/{cycle.pk}/").json()
    assert api["results"] is None and api["region_ranking"] is None and api["nomination_count"] == 3


def test_the_national_admin_sees_the_nominations_before_publication(client, nominated, national_admin):
    body = client_for(client, national_admin).get(f"/ar/initiatives/awards/{nominated['cycle'].pk}/")

    assert "مبادرة قنا" in body.content.decode() and "start-judging" in body.content.decode()


# Bad scores -------------------------------------------------------------------------------------


@pytest.fixture
def judging(nominated, national_admin):
    cycle_start_judging(cycle=nominated["cycle"], actor=national_admin)
    return nominated


@pytest.mark.parametrize("values", [(11, 3), (5, 6), (-1, 3)])
def test_a_score_outside_the_rubric_is_refused_and_nothing_changes(client, judging, jurors, values):
    nomination = judging["nominations"]["qena"]
    url = f"/ar/initiatives/awards/nominations/{nomination.pk}/score/"

    response = client_for(client, jurors["aswan"]).post(url, _score_form(*values, judging["criteria"]))

    assert response.status_code == 400 and not Score.objects.exists()


def test_a_score_outside_the_rubric_is_refused_by_the_api(api_client, judging, jurors):
    nomination = judging["nominations"]["qena"]
    impact, lasting = judging["criteria"]
    api_client.force_authenticate(jurors["aswan"])

    response = api_client.post(
        f"/api/v1/nominations/{nomination.pk}/score/", {str(impact.pk): 11, str(lasting.pk): 3}, format="json"
    )

    assert response.status_code == 400 and "10" in str(response.json())
    assert not Score.objects.exists()


def test_a_juror_does_not_score_their_own_governorates_nomination(client, api_client, judging, jurors):
    nomination = judging["nominations"]["qena"]
    nomination.jurors.add(jurors["qena"])  # assigned by mistake in the admin
    criteria = judging["criteria"]

    page = client_for(client, jurors["qena"]).post(
        f"/ar/initiatives/awards/nominations/{nomination.pk}/score/", _score_form(8, 4, criteria)
    )
    api_client.force_authenticate(jurors["qena"])
    api = api_client.post(f"/api/v1/nominations/{nomination.pk}/score/",
                          {str(criteria[0].pk): 8, str(criteria[1].pk): 4}, format="json")  # fmt: skip

    assert page.status_code == 400 and api.status_code == 400
    assert "own governorate" in page.content.decode() or "محافظت" in page.content.decode()
    assert not Score.objects.exists()


def test_a_juror_sees_and_scores_only_the_nominations_assigned(client, api_client, judging, jurors):
    nominations = judging["nominations"]
    qena_juror = client_for(client, jurors["qena"])

    judge_page = qena_juror.get(f"/ar/initiatives/awards/{judging['cycle'].pk}/judge/").content.decode()
    unassigned = qena_juror.get(f"/ar/initiatives/awards/nominations/{nominations['qena'].pk}/score/")
    posted = qena_juror.post(f"/ar/initiatives/awards/nominations/{nominations['qena'].pk}/score/",
                             _score_form(8, 4, judging["criteria"]))  # fmt: skip

    assert "مبادرة أسوان" in judge_page and "مبادرة منطقة المدينة المنورة" in judge_page
    assert "مبادرة قنا" not in judge_page
    assert unassigned.status_code == 404 and posted.status_code == 404
    assert not Score.objects.exists()


def test_a_juror_without_a_staff_profile_sees_only_assigned_nominations_in_the_api(api_client, judging):
    outside_juror = get_user_model().objects.create_user("expert", password=PASSWORD)
    judging["cycle"].jurors.add(outside_juror)
    judging["nominations"]["madinah"].jurors.add(outside_juror)
    api_client.force_authenticate(outside_juror)

    rows = api_client.get("/api/v1/nominations/").json()["results"]
    other = api_client.post(
        f"/api/v1/nominations/{judging['nominations']['qena'].pk}/score/", {}, format="json"
    )

    assert [row["governorate"] for row in rows] == ["SA-03"]
    assert other.status_code == 404


def test_the_nominations_api_unions_the_scope_and_the_assignments(
    api_client, judging, jurors, django_assert_max_num_queries
):
    api_client.force_authenticate(jurors["qena"])

    with django_assert_max_num_queries(6):
        rows = api_client.get("/api/v1/nominations/").json()["results"]

    # Qena's own nomination (their governorate's scope) and the two assigned to them, each once.
    assert sorted(row["governorate"] for row in rows) == ["EG27", "EG28", "SA-03"]


def test_the_api_scores_an_assigned_nomination(api_client, judging, jurors):
    nomination = judging["nominations"]["aswan"]
    impact, lasting = judging["criteria"]
    api_client.force_authenticate(jurors["qena"])

    response = api_client.post(
        f"/api/v1/nominations/{nomination.pk}/score/", {str(impact.pk): 7, str(lasting.pk): 2}, format="json"
    )

    assert response.status_code == 200
    assert dict(Score.objects.values_list("criterion", "value")) == {impact.pk: 7, lasting.pk: 2}


# Nominations ------------------------------------------------------------------------------------


def _nominate(client, cycle, initiative, theme="sustainability"):
    return client.post(f"/ar/initiatives/awards/{cycle.pk}/nominate/",
                       {"initiative": initiative.pk, "theme": theme, "statement": "أثر واضح"})  # fmt: skip


def test_a_governorate_nominates_its_initiative(client, geography, qena_staff):
    cycle = make_cycle()
    initiative = make_initiative(geography)

    response = _nominate(client_for(client, qena_staff), cycle, initiative)

    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert (nomination.governorate, nomination.theme, nomination.nominated_by) == (
        geography["qena"],
        "sustainability",
        qena_staff,
    )


@pytest.mark.parametrize("problem", ["closed", "foreign", "theme", "duplicate"])
def test_a_bad_nomination_is_refused_with_a_message(client, geography, qena_staff, problem):
    today = timezone.localdate()
    past = {
        "nominations_open_on": today - timedelta(days=20),
        "nominations_close_on": today - timedelta(days=1),
    }
    cycle = make_cycle(**past) if problem == "closed" else make_cycle()
    initiative = make_initiative(geography, "EG2802" if problem == "foreign" else "EG2702")
    client = client_for(client, qena_staff)
    if problem == "duplicate":
        _nominate(client, cycle, initiative)

    response = _nominate(client, cycle, initiative, theme="media" if problem == "theme" else "sustainability")

    assert response.status_code == 400
    assert "alert-danger" in response.content.decode() or "invalid-feedback" in response.content.decode()
    assert Nomination.objects.count() == (1 if problem == "duplicate" else 0)


def test_running_a_cycle_is_for_national_admins_and_happens_once(
    client, nominated, qena_staff, national_admin
):
    cycle = nominated["cycle"]

    denied = client_for(client, qena_staff).post(f"/ar/initiatives/awards/{cycle.pk}/start-judging/")
    admin = client_for(client.__class__(), national_admin)
    first = admin.post(f"/ar/initiatives/awards/{cycle.pk}/start-judging/")
    again = admin.post(f"/ar/initiatives/awards/{cycle.pk}/start-judging/")
    unknown = admin.post(f"/ar/initiatives/awards/{cycle.pk}/close/")

    assert denied.status_code == 403
    assert first.status_code == 302 and again.status_code == 409 and unknown.status_code == 404
    cycle.refresh_from_db()
    assert cycle.status == AwardCycle.Status.JUDGING


def test_the_cycles_api_lists_in_a_fixed_number_of_queries(
    api_client, nominated, django_assert_max_num_queries
):
    make_cycle(title_ar="دورة أخرى")
    with django_assert_max_num_queries(5):
        rows = api_client.get("/api/v1/award-cycles/").json()["results"]

    assert {row["title_ar"] for row in rows} == {"جوائز المناطق التنموية 2026", "دورة أخرى"}
    assert [c["weight"] for c in rows[0]["criteria"]] in ([3, 1], [])


# The admin ---------------------------------------------------------------------------------------


def test_a_national_admin_creates_a_cycle_with_themes_and_weighted_criteria(client, national_admin, jurors):
    response = client_for(client, national_admin).post("/ar/admin/initiatives/awardcycle/add/", {
        "title_ar": "الملتقى الخامس", "year": 2026, "themes": ["innovation", "media"],
        "nominations_open_on": "2026-01-01", "nominations_close_on": "2026-02-01", "results_on": "2026-03-01",
        "jurors": [jurors["qena"].pk],
        "criteria-TOTAL_FORMS": 1, "criteria-INITIAL_FORMS": 0,
        "criteria-0-name_ar": "الابتكار", "criteria-0-weight": 2, "criteria-0-max_score": 10,
    })  # fmt: skip

    assert response.status_code == 302
    cycle = AwardCycle.objects.get()
    assert cycle.themes == ["innovation", "media"] and cycle.status == AwardCycle.Status.NOMINATING
    assert list(cycle.criteria.values_list("name_ar", "weight")) == [("الابتكار", 2)]
    change = client.get(f"/ar/admin/initiatives/awardcycle/{cycle.pk}/change/").content.decode()
    checked = set(re.findall(r'name="themes" value="(\w+)"[^>]*checked', change))
    assert checked == {"innovation", "media"}


def test_governorate_staff_do_not_reach_the_cycles_admin(client, qena_staff):
    assert client_for(client, qena_staff).get("/ar/admin/initiatives/awardcycle/").status_code == 403
