"""Objectives, indicators and reported actuals: draft → submitted → approved (locked) or returned."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from lxml import etree

from portal.models import Role
from portal.services import staff_assign
from programs.demo import seed_programs
from programs.models import Organization, Program, ReportingPeriod
from programs.services import period_report, period_review
from tests.test_programs import _schema


@pytest.fixture
def aswan_period(geography):
    seed_programs()
    return ReportingPeriod.objects.filter(indicator__objective__program__slug="aswan-civil-work-2040").first()


@pytest.fixture
def ngo_editor(aswan_period):
    user = get_user_model().objects.create_user("ngo.editor", password="x-password-2026")
    profile = staff_assign(user=user, role=Role.PARTNER_EDITOR)
    profile.organization = Organization.objects.get(slug="aswan-community-development")
    profile.save()
    return user


def test_partner_reports_staff_return_partner_corrects_staff_approve_and_the_period_locks(
    client, aswan_period, ngo_editor, personas
):
    url = f"/ar/programs/reports/{aswan_period.pk}"
    client.force_login(ngo_editor)
    assert client.post(f"{url}/report/", {"value": "31", "submit": "1"}).status_code == 302
    assert ReportingPeriod.objects.get(pk=aswan_period.pk).status == "submitted"
    assert client.post(f"{url}/report/", {"value": "99"}).status_code == 409  # submitted: locked

    client.force_login(personas["aswan_outsider"])  # Aswan's governorate staff review
    assert client.post(f"{url}/review/", {"approve": "0", "note": ""}).status_code == 409
    client.post(f"{url}/review/", {"approve": "0", "note": "أرفقوا كشف الجمعيات"})
    assert ReportingPeriod.objects.get(pk=aswan_period.pk).status == "returned"

    client.force_login(ngo_editor)
    client.post(f"{url}/report/", {"value": "34", "submit": "1"})
    client.force_login(personas["aswan_outsider"])
    client.post(f"{url}/review/", {"approve": "1"})

    period = ReportingPeriod.objects.get(pk=aswan_period.pk)
    assert (period.status, period.actual_value, period.reviewed_by) == (
        "approved",
        34,
        personas["aswan_outsider"],
    )
    client.force_login(ngo_editor)
    assert client.post(f"{url}/report/", {"value": "1"}).status_code == 409
    assert ReportingPeriod.objects.get(pk=aswan_period.pk).actual_value == 34


def test_only_the_reporting_partner_or_the_programs_staff_report(aswan_period, personas, ngo_editor):
    stranger = get_user_model().objects.create_user("other.ngo")
    profile = staff_assign(user=stranger, role=Role.PARTNER_EDITOR)
    profile.organization = Organization.objects.get(slug="un-habitat")
    profile.save()

    with pytest.raises(ValidationError):
        period_report(period=aswan_period, actor=stranger, value=5, submit=True)
    with pytest.raises(ValidationError):
        period_report(period=aswan_period, actor=personas["qena_staff"], value=5, submit=True)
    period_report(period=aswan_period, actor=personas["aswan_outsider"], value=5, submit=True)


def test_a_partner_cannot_review_and_qena_cannot_review_aswan(aswan_period, ngo_editor, personas):
    period_report(period=aswan_period, actor=ngo_editor, value=12, submit=True)

    for reviewer in (ngo_editor, personas["qena_staff"]):
        with pytest.raises(ValidationError):
            period_review(period=aswan_period, reviewer=reviewer, approve=True)
    assert ReportingPeriod.objects.get(pk=aswan_period.pk).status == "submitted"


def test_bad_actuals_are_400(client, aswan_period, ngo_editor):
    client.force_login(ngo_editor)

    for value in ("", "many", "-3"):
        assert (
            client.post(f"/ar/programs/reports/{aswan_period.pk}/report/", {"value": value}).status_code
            == 400
        )
    assert ReportingPeriod.objects.get(pk=aswan_period.pk).actual_value is None


def test_iati_results_publish_targets_and_only_approved_actuals(client, aswan_period, ngo_editor, personas):
    period_report(period=aswan_period, actor=ngo_editor, value=34, submit=True)
    program = Program.objects.get(slug="aswan-civil-work-2040")

    before = etree.fromstring(client.get(f"/api/v1/programs/{program.pk}/iati.xml").content)
    period_review(period=aswan_period, reviewer=personas["aswan_outsider"], approve=True)
    after = etree.fromstring(client.get(f"/api/v1/programs/{program.pk}/iati.xml").content)

    _schema().assertValid(after)
    assert before.find(".//result/indicator/period/actual") is None
    indicator = after.find(".//result/indicator")
    assert indicator.find("baseline").get("value") == "0"
    assert indicator.find("period/target").get("value") == "50"
    assert indicator.find("period/actual").get("value") == "34"
    assert "34" in client.get(f"/ar/programs/{program.slug}/").content.decode()


def test_the_api_publishes_objectives_with_only_approved_actuals(
    api_client, aswan_period, ngo_editor, personas
):
    period_report(period=aswan_period, actor=ngo_editor, value=34, submit=True)
    program = Program.objects.get(slug="aswan-civil-work-2040")

    submitted = api_client.get(f"/api/v1/programs/{program.pk}/").json()
    period_review(period=aswan_period, reviewer=personas["aswan_outsider"], approve=True)
    approved = api_client.get(f"/api/v1/programs/{program.pk}/").json()

    assert submitted["objectives"][0]["indicators"][0]["periods"][0]["actual_value"] is None
    assert approved["objectives"][0]["indicators"][0]["periods"][0]["actual_value"] == "34.00"
    qena = api_client.get("/api/v1/programs/", {"governorate": "EG27", "kind": "lab"}).json()["results"][0]
    assert sorted(qena["agreements"][0]["parties"]) == ["ldp-ue", "un-habitat"]
