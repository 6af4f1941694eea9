"""Nobody sees data outside their scope: HTML, API and admin, for every persona."""

import pytest
from django.contrib import admin
from django.urls import get_resolver
from rest_framework.viewsets import GenericViewSet

from portal.admin import ScopedAdminMixin
from portal.api.mixins import ScopedViewSetMixin
from portal.models import StaffProfile, Village
from portal.scoping import ScopedQuerySet
from tests.conftest import client_for

QENA_INSIDERS = {"qena_officer", "qena_staff", "qena_governor", "national_admin"}


def _scoped_urls(geography, personas):
    officer_profile = personas["qena_officer"].staff_profile
    village = Village.objects.get(code="EG270201")
    return {
        "district page": ("/ar/workspace/districts/EG2702/", "مركز قنا"),
        "staff API detail": (f"/api/v1/staff/{officer_profile.pk}/", "qena.officer"),
        "admin staff profile": (
            f"/ar/admin/portal/staffprofile/{officer_profile.pk}/change/",
            "qena.officer",
        ),
        "admin district": (f"/ar/admin/portal/district/{geography['EG2702'].pk}/change/", "EG2702"),
        "admin village": (f"/ar/admin/portal/village/{village.pk}/change/", "EG270201"),
    }


@pytest.mark.parametrize(
    "persona",
    ["qena_officer", "qena_staff", "qena_governor", "aswan_outsider", "national_admin", "anonymous"],
)
def test_scoped_object_is_seen_only_by_people_whose_scope_holds_it(client, geography, personas, persona):
    client = client_for(client, personas[persona])
    for name, (url, marker) in _scoped_urls(geography, personas).items():
        response = client.get(url)
        body = response.content.decode()
        if persona in QENA_INSIDERS:
            assert response.status_code == 200, name
            assert marker in body, name
        else:
            assert response.status_code in (302, 403, 404), name
            assert marker not in body, name
            assert url not in response.get("Location", "").split("?")[0], name


@pytest.mark.parametrize(
    "url",
    ["/ar/workspace/", "/api/v1/staff/", "/ar/admin/portal/staffprofile/", "/ar/admin/portal/district/"],
)
def test_outsider_lists_show_nothing_of_another_governorate(client, personas, url):
    client.force_login(personas["aswan_outsider"])

    body = client.get(url).content.decode()

    assert "qena." not in body
    assert "EG2702" not in body
    assert "مركز قنا" not in body


def test_district_officer_sees_only_their_district(client, personas):
    client.force_login(personas["qena_officer"])

    assert client.get("/ar/workspace/districts/EG2702/").status_code == 200
    assert client.get("/ar/workspace/districts/EG2708/").status_code == 404


def test_user_without_a_role_sees_nothing(client, django_user_model, geography):
    user = django_user_model.objects.create_user("nobody", password="x-password-2026")
    client.force_login(user)

    assert client.get("/ar/workspace/districts/EG2702/").status_code == 403
    assert client.get("/api/v1/staff/").status_code == 403
    assert StaffProfile.objects.for_user(user).count() == 0


def test_governorate_staff_cannot_change_staff_profiles_in_admin(client, personas):
    client.force_login(personas["qena_staff"])
    profile = personas["qena_officer"].staff_profile

    response = client.post(
        f"/ar/admin/portal/staffprofile/{profile.pk}/change/",
        {"user": profile.user_id, "role": "national_admin"},
    )

    assert response.status_code == 403
    profile.refresh_from_db()
    assert profile.role == "district_officer"


def _scoped_models():
    from django.apps import apps

    return {m for m in apps.get_models() if isinstance(m._default_manager.all(), ScopedQuerySet)}


def test_every_admin_of_a_scoped_model_goes_through_for_user():
    for model, model_admin in admin.site._registry.items():
        if model in _scoped_models():
            assert isinstance(model_admin, ScopedAdminMixin), f"{model.__name__} admin is not scoped"


def _api_viewsets(patterns=None):
    """Every viewset the project routes to, in every app's API."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _api_viewsets(pattern.url_patterns)
            continue
        view_class = getattr(pattern.callback, "cls", None)
        if view_class and issubclass(view_class, GenericViewSet):
            yield view_class


def test_every_api_view_of_a_scoped_model_goes_through_for_user():
    scoped = _scoped_models() - _public_reference_models()
    viewsets = set(_api_viewsets())
    assert len(viewsets) >= 17  # the walk reaches every app's API
    for viewset in viewsets:
        if viewset.queryset.model in scoped:
            assert issubclass(viewset, ScopedViewSetMixin), f"{viewset.__name__} is not scoped"


def _public_reference_models():
    """Published for everyone: geography (citizens pick their district from it), and programs,
    partners and events, whose public API lists only published programs, their events, and verified
    partners; initiatives, success stories and state assets, whose public API lists only published ones."""
    from initiatives.models import Initiative, SuccessStory
    from investments.models import Asset
    from portal.models import District
    from programs.models import Event, Organization, Program

    return {District, Program, Organization, Event, Initiative, SuccessStory, Asset}
