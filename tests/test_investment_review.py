"""The review that publishes an asset: recorded → verified by governorate staff → approved by a national
administrator; returned with a note; every step audited; two reviews at once cannot both win."""

import threading

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import connection

from investments.models import Asset
from investments.services import asset_review, review_actions
from tests.conftest import client_for
from tests.test_investment_records import asset_make


@pytest.fixture
def recorded(qena_officer):
    return asset_make(qena_officer, "EG2702")


def _events(asset) -> list[str]:
    """The review steps in the asset's audit log, in order (its creation and field changes left out)."""
    entries = LogEntry.objects.get_for_object(asset).order_by("timestamp", "pk")
    return [entry.changes_dict["event"][1] for entry in entries if "event" in entry.changes_dict]


def test_the_whole_flow_through_the_pages(client, recorded, qena_officer, qena_staff, national_admin):
    url = f"/ar/investments/manage/{recorded.pk}/review/"
    # The officer who recorded it cannot verify it; governorate staff cannot publish it.
    assert client_for(client, qena_officer).post(url, {"action": "verify"}).status_code == 403
    assert client.get(f"/ar/investments/{recorded.pk}/").status_code == 404
    client_for(client, qena_staff)
    assert client.post(url, {"action": "approve"}).status_code == 403
    assert client.post(url, {"action": "verify"}).status_code == 302
    assert client.post(url, {"action": "approve"}).status_code == 403
    assert client.get(f"/ar/investments/{recorded.pk}/").status_code == 404
    client_for(client, national_admin)
    assert client.post(url, {"action": "approve"}).status_code == 302
    recorded.refresh_from_db()
    assert (recorded.status, recorded.verified_by, recorded.approved_by) == (
        "approved",
        qena_staff,
        national_admin,
    )
    client.logout()
    assert client.get(f"/ar/investments/{recorded.pk}/").status_code == 200
    assert _events(recorded) == ["verify", "approve"]
    assert (
        LogEntry.objects.get_for_object(recorded)
        .filter(action=LogEntry.Action.CREATE, actor=qena_officer)
        .exists()
    )


def test_returning_needs_a_note_and_takes_the_asset_off_the_map(client, recorded, qena_staff, national_admin):
    asset = asset_review(asset=recorded, actor=qena_staff, action="verify")
    asset = asset_review(asset=asset, actor=national_admin, action="approve")
    url = f"/ar/investments/manage/{asset.pk}/review/"
    # Only who publishes takes an asset off the map.
    assert client_for(client, qena_staff).post(url, {"action": "return", "note": "x"}).status_code == 403
    client_for(client, national_admin)
    response = client.post(url, {"action": "return", "note": "  "})
    assert response.status_code == 400 and "اذكر ما يحتاج إلى تصحيح" in response.context["review_error"]
    assert Asset.objects.get(pk=asset.pk).status == "approved"
    assert client.post(url, {"action": "return", "note": "المساحة غير مطابقة للسجل"}).status_code == 302
    asset.refresh_from_db()
    assert (asset.status, asset.review_note, asset.approved_by) == (
        "recorded",
        "المساحة غير مطابقة للسجل",
        None,
    )
    assert client.get(f"/ar/investments/{asset.pk}/").status_code == 404
    assert _events(asset)[-1] == "return"


def test_the_steps_offered_follow_the_role_and_state(recorded, qena_officer, qena_staff, qena_governor,
                                                     aswan_outsider, national_admin):  # fmt: skip
    assert review_actions(qena_officer, recorded) == []
    assert review_actions(qena_staff, recorded) == ["verify"]
    assert review_actions(qena_governor, recorded) == ["verify"]
    assert review_actions(aswan_outsider, recorded) == []
    assert review_actions(national_admin, recorded) == ["verify"]
    verified = asset_review(asset=recorded, actor=qena_staff, action="verify")
    assert review_actions(qena_staff, verified) == ["return"]
    assert review_actions(national_admin, verified) == ["approve", "return"]


@pytest.mark.parametrize("posted", [{}, {"action": "publish"}, {"action": "verify", "note": "x" * 1001}])
def test_a_malformed_review_is_a_400_and_changes_nothing(client, recorded, qena_staff, posted):
    client_for(client, qena_staff)
    assert client.post(f"/ar/investments/manage/{recorded.pk}/review/", posted).status_code == 400
    assert Asset.objects.get(pk=recorded.pk).status == "recorded"


def test_a_step_from_the_wrong_state_is_a_409(client, recorded, qena_staff, national_admin):
    asset_review(asset=recorded, actor=qena_staff, action="verify")
    client_for(client, national_admin)
    stale = Asset.objects.get(pk=recorded.pk)
    stale.status = "recorded"  # as the page showed it before the other review
    with pytest.raises(ValidationError) as refused:
        asset_review(asset=stale, actor=national_admin, action="verify")
    assert refused.value.code == "conflict"


def test_the_api_reviews_with_the_same_rules(api_client, recorded, qena_officer, qena_staff, national_admin):
    url = f"/api/v1/assets/{recorded.pk}/review/"
    api_client.force_authenticate(qena_officer)
    assert api_client.post(url, {"action": "verify"}, format="json").status_code == 403
    api_client.force_authenticate(qena_staff)
    assert api_client.post(url, {"action": "verify"}, format="json").json()["status"] == "verified"
    assert api_client.post(url, {"action": "verify"}, format="json").status_code == 409  # already verified
    assert api_client.post(url, {"action": "approve"}, format="json").status_code == 403
    api_client.force_authenticate(national_admin)
    assert api_client.post(url, {"action": "nonsense"}, format="json").status_code == 400
    assert api_client.post(url, {"action": "approve"}, format="json").json()["status"] == "approved"
    api_client.force_authenticate(None)
    assert api_client.get(f"/api/v1/assets/{recorded.pk}/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_publish_once(geography, qena_officer, qena_staff, national_admin):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    asset = asset_review(asset=asset_make(qena_officer), actor=qena_staff, action="verify")
    outcomes, barrier = [], threading.Barrier(2)

    def approve():
        barrier.wait()
        try:
            asset_review(asset=Asset.objects.get(pk=asset.pk), actor=national_admin, action="approve")
            outcomes.append("approved")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "conflict"]
    assert _events(asset).count("approve") == 1
