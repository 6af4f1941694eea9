"""Governorate staff record programs with partners' roles and phases, within their scope."""

import pytest

from programs.demo import seed_programs
from programs.models import Organization, Partnership, Phase, Program


@pytest.fixture
def programs(geography):
    seed_programs()
    return {p.slug: p for p in Program.objects.all()}


def _management(prefix, total=0, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}  # fmt: skip


def _program_data(geography, **changes):
    unhabitat = Organization.objects.get(slug="un-habitat")
    data = {
        "title_ar": "برنامج تطوير الأسواق بنجع حمادي", "title_en": "Nag Hammadi markets upgrading",
        "kind": "program", "status": "2", "lead_governorate": geography["qena"].pk,
        "governorates": [geography["qena"].pk], "description_ar": "تطوير الأسواق العامة وتنظيم الإشغالات",
        "start_date": "2026-01-01", "end_date": "2026-12-31", "budget": "1500000", "currency": "EGP",
        "sector_code": "43030", "sdg_goals": "11", "is_public": "on",
        **_management("partners", total=1), "partners-0-organization": unhabitat.pk, "partners-0-role": "1",
        "partners-0-funding_amount": "500000",
        **_management("phases", total=1), "phases-0-order": "1", "phases-0-name_ar": "الحصر والتخطيط",
        "phases-0-status": "active",
    }  # fmt: skip
    return {**data, **changes}


def test_governorate_staff_record_a_program_with_a_funding_partner_and_a_phase(
    client, personas, programs, geography
):
    client.force_login(personas["qena_staff"])

    response = client.post("/ar/programs/manage/new/", _program_data(geography))

    assert response.status_code == 302
    program = Program.objects.get(title_en="Nag Hammadi markets upgrading")
    assert program.lead_governorate.code == "EG27" and program.created_by == personas["qena_staff"]
    partnership = Partnership.objects.get(program=program)
    assert (partnership.role, partnership.funding_amount) == ("1", 500000)
    assert Phase.objects.get(program=program).name_ar == "الحصر والتخطيط"
    assert "برنامج تطوير الأسواق" in client.get(f"/ar/programs/{program.slug}/").content.decode()


@pytest.mark.parametrize(
    "change",
    [
        {"end_date": "2025-01-01"},  # before the start
        {"partners-0-role": "4"},  # a funding amount on an implementing role
        {"budget": "-5"},
        {"lead_governorate": "__aswan__"},  # another governorate
        {"title_ar": ""},
    ],
)
def test_bad_programs_are_400_and_change_nothing(client, personas, programs, geography, change):
    client.force_login(personas["qena_staff"])
    if change.get("lead_governorate") == "__aswan__":
        change = {"lead_governorate": geography["aswan"].pk}
    before = (Program.objects.count(), Partnership.objects.count(), Phase.objects.count())

    response = client.post("/ar/programs/manage/new/", _program_data(geography, **change))

    assert response.status_code == 400
    assert (Program.objects.count(), Partnership.objects.count(), Phase.objects.count()) == before


def test_outsiders_and_district_officers_cannot_edit_a_governorates_program(client, personas, programs):
    slug = programs["qena-urban-development-lab"].slug

    client.force_login(personas["aswan_outsider"])
    assert client.get(f"/ar/programs/manage/{slug}/").status_code == 404
    client.force_login(personas["qena_officer"])
    assert client.get(f"/ar/programs/manage/{slug}/").status_code == 403
    assert client.get("/ar/programs/manage/new/").status_code == 403
    client.force_login(personas["qena_staff"])
    assert client.get(f"/ar/programs/manage/{slug}/").status_code == 200


def test_national_programs_are_edited_by_national_administrators_only(client, personas, programs):
    national = programs["digital-capacity-urban-leaders"]

    client.force_login(personas["qena_staff"])
    assert client.get(f"/ar/programs/manage/{national.slug}/").status_code == 404
    client.force_login(personas["national_admin"])
    assert client.get(f"/ar/programs/manage/{national.slug}/").status_code == 200
