"""Regressions from review: what must not reach the public, and who may not do what."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from lxml import etree

from portal.models import Role
from portal.services import staff_assign
from programs.demo import seed_programs
from programs.models import Organization, Program, ReportingPeriod
from programs.services import period_report, period_review
from tests.test_programs import NGO, _schema


@pytest.fixture
def programs(geography):
    seed_programs()
    return {p.slug: p for p in Program.objects.all()}


def _editor_of(slug, username="editor.x"):
    user = get_user_model().objects.create_user(username, password="x-password-2026")
    profile = staff_assign(user=user, role=Role.PARTNER_EDITOR)
    profile.organization = Organization.objects.get(slug=slug)
    profile.save()
    return user


def test_pending_and_rejected_partners_stay_out_of_the_api_and_iati(client, api_client, programs):
    Organization.objects.filter(slug="unitac").update(status="pending")
    Organization.objects.filter(slug="un-habitat").update(status="rejected")
    workshop = programs["digital-capacity-urban-leaders"]

    texts = [
        api_client.get("/api/v1/programs/").content.decode(),
        api_client.get("/api/v1/events/").content.decode(),
        client.get("/api/v1/programs/iati.xml").content.decode(),
        client.get(f"/api/v1/programs/{workshop.pk}/iati.xml").content.decode(),
        client.get(f"/ar/programs/{workshop.slug}/").content.decode(),
    ]

    for text in texts:
        assert "unitac" not in text.lower() and "un-habitat" not in text.lower()
        assert "وحدة الأمم المتحدة للابتكار" not in text


def test_a_verified_ngo_that_changes_its_identity_or_governorates_is_reviewed_again(
    client, programs, geography
):
    editor = _editor_of("aswan-community-development")
    ngo = Organization.objects.get(slug="aswan-community-development")
    client.force_login(editor)
    profile = {
        "name_ar": ngo.name_ar, "name_en": ngo.name_en, "org_type": ngo.org_type,
        "registration_number": ngo.registration_number, "governorates": [geography["aswan"].pk],
    }  # fmt: skip

    client.post("/ar/partners/mine/", {**profile, "members": "60"})
    assert Organization.objects.get(pk=ngo.pk).status == "verified"  # the same organisation
    client.post(
        "/ar/partners/mine/", {**profile, "governorates": [geography["aswan"].pk, geography["qena"].pk]}
    )

    ngo.refresh_from_db()
    assert ngo.status == "pending"
    assert "جمعية تنمية المجتمع المحلي بأسوان" not in client.get("/ar/governorates/EG27/").content.decode()


def test_a_non_ngo_partner_keeps_its_type_when_its_editor_saves(client, programs):
    editor = _editor_of("un-habitat")
    client.force_login(editor)
    unhabitat = Organization.objects.get(slug="un-habitat")

    response = client.post("/ar/partners/mine/", {
        "name_ar": unhabitat.name_ar, "name_en": unhabitat.name_en, "org_type": "40",
        "website": "unhabitat.org",
    })  # fmt: skip

    assert response.status_code == 302
    unhabitat.refresh_from_db()
    assert unhabitat.org_type == "40" and unhabitat.website == "https://unhabitat.org"


def test_district_officers_do_not_review_registrations(client, personas, geography):
    client.post("/ar/partners/register/", {**NGO, "governorates": [geography["qena"].pk]})
    ngo = Organization.objects.get(registration_number="ASW-2044")
    client.force_login(personas["qena_officer"])

    assert client.get("/ar/partners/review/").status_code == 403
    client.post(f"/ar/partners/review/{ngo.slug}/", {"verified": "1"})
    assert Organization.objects.get(pk=ngo.pk).status == "pending"


def test_nobody_approves_their_own_report(programs, personas):
    period = ReportingPeriod.objects.filter(
        indicator__objective__program__slug="aswan-civil-work-2040"
    ).first()
    period_report(period=period, actor=personas["aswan_outsider"], value=5, submit=True)

    with pytest.raises(ValidationError):
        period_review(period=period, reviewer=personas["aswan_outsider"], approve=True)
    assert ReportingPeriod.objects.get(pk=period.pk).status == "submitted"


def test_control_characters_in_a_title_do_not_break_the_iati_export(client, programs):
    Program.objects.filter(slug="aswan-civil-work-2040").update(title_ar="برنامج\x0bاختبار")

    _schema().assertValid(etree.fromstring(client.get("/api/v1/programs/iati.xml").content))


@pytest.mark.parametrize(
    "change", [{"sector_code": "zzzzz"}, {"sdg_goals": "abc, 99"}, {"sdg_targets": "11"}]
)
def test_iati_codes_are_checked(client, personas, programs, geography, change):
    from tests.test_program_editing import _program_data

    client.force_login(personas["qena_staff"])
    before = Program.objects.count()

    assert client.post("/ar/programs/manage/new/", _program_data(geography, **change)).status_code == 400
    assert Program.objects.count() == before


def test_a_malformed_review_is_400_and_a_bad_username_is_refused(client, personas, geography):
    response = client.post("/ar/partners/register/", {**NGO, "username": "bad user<>/",
                                                     "governorates": [geography["aswan"].pk]})  # fmt: skip
    assert response.status_code == 400
    client.post("/ar/partners/register/", {**NGO, "governorates": [geography["aswan"].pk]})
    ngo = Organization.objects.get(registration_number="ASW-2044")
    client.force_login(personas["aswan_outsider"])

    assert client.post(f"/ar/partners/review/{ngo.slug}/", {"verified": "x"}).status_code == 400
