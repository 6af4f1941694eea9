"""Award cycles after review: published cycles listed without a query each, only published initiatives
nominated, concurrent nominations and late scores refused (not a 500), and the admin kept to what the
services do not decide."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from initiatives.models import AwardCycle, Nomination, Score
from initiatives.models.awards import NominationQuerySet
from initiatives.services.awards import (
    cycle_publish,
    cycle_start_judging,
    nomination_score,
    nomination_submit,
)
from tests.conftest import client_for
from tests.test_initiative_awards import add_criteria, make_cycle
from tests.test_initiative_stories import make_initiative

# 6. The cycles API costs no query per published cycle ------------------------------------------------------


def _published_cycle(geography, number: int) -> AwardCycle:
    cycle = make_cycle(title_ar=f"الدورة {number}", status=AwardCycle.Status.PUBLISHED, year=2000 + number)
    add_criteria(cycle)
    for place, district in enumerate(["EG2702", "EG2802", "00301"]):
        initiative = make_initiative(geography, district, title_ar=f"مبادرة {number}-{place}")
        Nomination.objects.create(
            cycle=cycle, initiative=initiative, governorate=initiative.governorate, theme="sustainability",
            statement="أثر", score=Decimal(90 - place), rank_in_theme=place + 1, is_winner=place == 0,
        )  # fmt: skip
    return cycle


def _cycles_api_queries(api_client) -> tuple[int, list[dict]]:
    with CaptureQueriesContext(connection) as queries:
        rows = api_client.get("/api/v1/award-cycles/").json()["results"]
    return len(queries), rows


def test_the_cycles_api_lists_published_cycles_without_a_query_each(
    api_client, geography, django_assert_max_num_queries
):
    _published_cycle(geography, 1)
    one, _rows = _cycles_api_queries(api_client)
    for number in (2, 3, 4):
        _published_cycle(geography, number)

    four, rows = _cycles_api_queries(api_client)

    assert one == four, (one, four)
    with django_assert_max_num_queries(5):
        api_client.get("/api/v1/award-cycles/")
    assert len(rows) == 4
    assert all([r["governorate"] for r in row["region_ranking"]] == ["EG27", "EG28", "SA-03"] for row in rows)


# 7. Only a published initiative is nominated ---------------------------------------------------------------


def test_an_unpublished_initiative_is_neither_offered_nor_nominated(client, geography, qena_staff):
    cycle = make_cycle()
    hidden = make_initiative(geography, title_ar="مبادرة غير منشورة", is_public=False)
    published = make_initiative(geography, title_ar="مبادرة منشورة")
    client = client_for(client, qena_staff)

    page = client.get(f"/ar/initiatives/awards/{cycle.pk}/nominate/").content.decode()
    posted = client.post(
        f"/ar/initiatives/awards/{cycle.pk}/nominate/",
        {"initiative": hidden.pk, "theme": "sustainability", "statement": "أثر"},
    )

    assert "مبادرة منشورة" in page and "مبادرة غير منشورة" not in page
    assert posted.status_code == 400
    with pytest.raises(ValidationError) as refused:
        nomination_submit(
            cycle=cycle, initiative=hidden, theme="sustainability", statement="أثر", actor=qena_staff
        )
    assert list(refused.value.message_dict) == ["initiative"]
    assert not Nomination.objects.exists()
    assert published.pk  # the published one stays nominable (test_a_governorate_nominates_its_initiative)


# 8. Races ---------------------------------------------------------------------------------------------


def test_a_nomination_made_meanwhile_by_a_colleague_is_refused_not_a_500(
    client, geography, qena_staff, qena_governor, monkeypatch
):
    cycle = make_cycle()
    initiative = make_initiative(geography)
    nomination_submit(cycle=cycle, initiative=initiative, theme="sustainability", statement="أثر",
                      actor=qena_governor)  # fmt: skip
    # The colleague's nomination was not committed yet when this one looked for it.
    monkeypatch.setattr(NominationQuerySet, "exists", lambda self: False)

    with pytest.raises(ValidationError):
        nomination_submit(
            cycle=cycle, initiative=initiative, theme="innovation", statement="x", actor=qena_staff
        )
    response = client_for(client, qena_staff).post(
        f"/ar/initiatives/awards/{cycle.pk}/nominate/",
        {"initiative": initiative.pk, "theme": "innovation", "statement": "x"},
    )

    assert response.status_code == 400
    assert Nomination.objects.get().nominated_by == qena_governor


@pytest.fixture
def judging(geography, qena_staff, national_admin, aswan_outsider):
    """Qena's nomination in judging; Aswan's staff member is its juror."""
    cycle = make_cycle()
    criteria = add_criteria(cycle)
    cycle.jurors.set([aswan_outsider])
    nomination = nomination_submit(
        cycle=cycle, initiative=make_initiative(geography), theme="sustainability", statement="أثر",
        actor=qena_staff,
    )  # fmt: skip
    cycle_start_judging(cycle=cycle, actor=national_admin)
    return {"cycle": cycle, "criteria": criteria, "nomination": nomination}


def test_a_score_sent_after_the_results_is_refused_even_with_the_cycle_read_before(
    judging, aswan_outsider, national_admin
):
    # The juror's request read the nomination and its cycle while the jury was at work ...
    stale = Nomination.objects.select_related("cycle").get(pk=judging["nomination"].pk)
    assert stale.cycle.status == AwardCycle.Status.JUDGING
    # ... and the results were published before its score was written.
    cycle_publish(cycle=AwardCycle.objects.get(pk=judging["cycle"].pk), actor=national_admin)
    impact, lasting = judging["criteria"]

    with pytest.raises(ValidationError):
        nomination_score(nomination=stale, juror=aswan_outsider, values={impact.pk: 8, lasting.pk: 4})

    assert not Score.objects.exists()


def test_scoring_and_publishing_lock_the_cycles_row_first(
    judging, aswan_outsider, national_admin, monkeypatch
):
    locked = []
    select_for_update = QuerySet.select_for_update

    def spy(self, *args, **kwargs):
        locked.append(self.model)
        return select_for_update(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    impact, lasting = judging["criteria"]

    nomination_score(
        nomination=judging["nomination"], juror=aswan_outsider, values={impact.pk: 8, lasting.pk: 4}
    )
    scored_locks = list(locked)
    cycle_publish(cycle=judging["cycle"], actor=national_admin)

    assert scored_locks[:1] == [AwardCycle]
    assert locked[len(scored_locks)] is AwardCycle  # publishing's first lock is the cycle's
    judging["nomination"].refresh_from_db()
    assert judging["nomination"].score == Decimal("80.00")


# 9. The admin of nominations ---------------------------------------------------------------------------


def test_the_admin_neither_adds_nominations_nor_changes_what_the_services_decide(
    client, judging, national_admin, aswan_outsider, qena_staff
):
    nomination = judging["nomination"]
    other_cycle = make_cycle(title_ar="دورة أخرى")
    admin = client_for(client, national_admin)

    add = admin.get("/ar/admin/initiatives/nomination/add/")
    change = admin.post(f"/ar/admin/initiatives/nomination/{nomination.pk}/change/", {
        "statement": "أثر واضح وموثق", "theme": "innovation", "cycle": other_cycle.pk,
        "jurors": [qena_staff.pk], "score": "99.00", "rank_in_theme": 1, "is_winner": "on",
    })  # fmt: skip

    assert add.status_code == 403
    assert admin.get(f"/ar/admin/initiatives/nomination/{nomination.pk}/change/").status_code == 200
    assert change.status_code == 302
    nomination.refresh_from_db()
    assert nomination.statement == "أثر واضح وموثق"
    assert (nomination.theme, nomination.cycle, nomination.score, nomination.is_winner) == (
        "sustainability", judging["cycle"], None, False
    )  # fmt: skip
    assert list(nomination.jurors.all()) == [aswan_outsider]
