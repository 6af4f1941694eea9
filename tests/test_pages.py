"""What a person sees: language, direction, navigation, sign-in, health."""

import re

import pytest

from tests.conftest import PASSWORD


def test_root_goes_to_arabic(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/ar/"


def test_root_remembers_a_chosen_english(client):
    client.cookies["django_language"] = "en"

    assert client.get("/")["Location"] == "/en/"


def test_arabic_home_is_right_to_left_and_in_arabic(client, geography):
    body = client.get("/ar/").content.decode()

    assert '<html lang="ar" dir="rtl">' in body
    assert "bootstrap.rtl.min.css" in body
    assert "بوابة التنمية" in body
    assert "قنا" in body  # the geography summary
    assert 'href="/en/"' in body  # the language switch


def test_english_home_is_left_to_right_and_in_english(client, geography):
    body = client.get("/en/").content.decode()

    assert '<html lang="en" dir="ltr">' in body
    assert "bootstrap.min.css" in body and "bootstrap.rtl.min.css" not in body
    assert "Governorate Development Portal" in body
    assert "Qena" in body
    assert not re.search("[\u0600-\u06ff]{4,}", body.replace("العربية", "")), (
        "Arabic text left on the English page"
    )


def test_arabic_login_page_and_sign_in_lead_to_the_workspace(client, qena_staff):
    page = client.get("/ar/accounts/login/").content.decode()
    assert "تسجيل دخول العاملين" in page

    response = client.post(
        "/ar/accounts/login/", {"username": "qena.staff", "password": PASSWORD}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/ar/workspace/"
    body = response.content.decode()
    assert "مساحة عملي" in body and "مركز نجع حمادى" in body


def test_wrong_password_gets_a_translated_message(client, qena_staff):
    response = client.post("/ar/accounts/login/", {"username": "qena.staff", "password": "wrong"})

    assert response.status_code == 200
    assert "غير صحيحين" in response.content.decode()


def test_navigation_follows_the_role(client, personas):
    assert "/ar/admin/" not in client.get("/ar/").content.decode()
    client.force_login(personas["qena_officer"])
    body = client.get("/ar/").content.decode()
    assert "/ar/workspace/" in body and "/ar/admin/" in body


def test_admin_is_right_to_left_in_arabic(client, personas):
    client.force_login(personas["qena_staff"])

    body = client.get("/ar/admin/").content.decode()

    assert 'dir="rtl"' in body
    assert "الملفات الشخصية للعاملين" in body


@pytest.mark.django_db
def test_health_reports_database_cache_and_broker(client, settings):
    response = client.get("/health/")

    assert response.status_code == 200
    checks = response.json()["checks"]
    assert checks["database"] == "ok" and checks["cache"] == "ok"
    assert checks["broker"] == ("eager" if settings.CELERY_TASK_ALWAYS_EAGER else "ok")


@pytest.mark.django_db
def test_health_is_503_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "failing"


def test_pages_are_served_under_a_strict_content_security_policy(client, geography):
    policy = client.get("/ar/")["Content-Security-Policy"]

    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_unknown_district_page_is_a_translated_404(client, personas):
    client.force_login(personas["qena_staff"])

    response = client.get("/ar/workspace/districts/EG9999/")

    assert response.status_code == 404
    assert "هذه الصفحة غير موجودة" in response.content.decode()
