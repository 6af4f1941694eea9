import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from portal.models import Role, StaffProfile


def test_create_staff_gives_a_district_officer_their_district_and_governorate(geography):
    call_command(
        "create_staff",
        "new.officer",
        "--role",
        "district_officer",
        "--district",
        "EG2708",
        "--password",
        "an-officer-password",
        verbosity=0,
    )

    user = get_user_model().objects.get(username="new.officer")
    assert user.check_password("an-officer-password")
    assert (user.staff_profile.district.code, user.staff_profile.governorate.code) == ("EG2708", "EG27")
    assert user.is_staff and not user.is_superuser
    assert user.has_perm("portal.view_staffprofile")
    assert not user.has_perm("portal.change_staffprofile")


def test_create_staff_twice_updates_the_same_user(geography):
    call_command(
        "create_staff", "moving", "--role", "governorate_staff", "--governorate", "EG27", verbosity=0
    )
    call_command(
        "create_staff", "moving", "--role", "governorate_staff", "--governorate", "EG28", verbosity=0
    )

    assert get_user_model().objects.filter(username="moving").count() == 1
    assert StaffProfile.objects.get(user__username="moving").governorate.code == "EG28"


def test_national_admin_is_a_superuser(geography):
    call_command("create_staff", "minister.office", "--role", "national_admin", verbosity=0)

    assert get_user_model().objects.get(username="minister.office").is_superuser


@pytest.mark.parametrize(
    "arguments",
    [
        ["--role", "district_officer", "--governorate", "EG27"],
        ["--role", "governorate_staff"],
        ["--role", "governor", "--governorate", "EG99"],
        ["--role", "district_officer", "--governorate", "EG28", "--district", "EG2702"],
        ["--role", "national_admin", "--governorate", "EG27"],
    ],
)
def test_a_scope_that_does_not_fit_the_role_is_refused_and_creates_nobody(geography, arguments):
    with pytest.raises(CommandError):
        call_command("create_staff", "misfit", *arguments, verbosity=0)

    assert not get_user_model().objects.filter(username="misfit").exists()


def test_the_database_refuses_a_district_officer_without_a_district(geography, django_user_model):
    user = django_user_model.objects.create_user("raw")

    with pytest.raises(IntegrityError):
        StaffProfile.objects.create(user=user, role=Role.DISTRICT_OFFICER, governorate=geography["qena"])


def test_drf_token_command_issues_a_token_that_authenticates(api_client, qena_staff):
    call_command("drf_create_token", "qena.staff", verbosity=0)
    token = qena_staff.auth_token.key

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api_client.get("/api/v1/staff/")

    assert response.status_code == 200
    assert [row["username"] for row in response.json()["results"]] == ["qena.staff"]


def test_seed_demo_is_idempotent_and_prints_the_accounts(db, capsys):
    call_command("seed_demo", verbosity=0)
    first = {
        "users": get_user_model().objects.count(),
        "profiles": list(StaffProfile.objects.values_list("user__username", "role", "district__code")),
    }

    call_command("seed_demo", verbosity=0)

    assert get_user_model().objects.count() == first["users"]
    assert (
        list(StaffProfile.objects.values_list("user__username", "role", "district__code"))
        == first["profiles"]
    )
    output = capsys.readouterr().out
    assert "qena.officer" in output and "portal-demo-2026" in output
    assert get_user_model().objects.get(username="qena.officer").check_password("portal-demo-2026")
