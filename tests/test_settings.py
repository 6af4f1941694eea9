"""Production settings refuse to start unsafely and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x7#Lq9!vR2@mZ4$wT8^kN1&bY6*pD3(hJ5)sF0_gC-eA+uQ=oW",
    "ALLOWED_HOSTS": "portal.example.gov.eg",
    "DATABASE_URL": "sqlite:////tmp/portal-deploy-check.sqlite3",
}


def _manage(*arguments, **environment):
    inherited = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in inherited}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_refuses_to_start_with_the_default_secret_key():
    result = _manage("check", DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deployment_checks_pass_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_maps_load_tiles_only_when_an_operator_configures_a_server(client, settings, geography):
    assert 'name="map-tiles"' not in client.get("/ar/initiatives/").content.decode()

    settings.MAP_TILE_URL = "https://tiles.example.gov.eg/{z}/{x}/{y}.png"
    body = client.get("/ar/initiatives/").content.decode()

    assert '<meta name="map-tiles" content="https://tiles.example.gov.eg/{z}/{x}/{y}.png"' in body


def test_a_tile_server_is_allowed_by_the_content_policy_and_must_be_https():
    allowed = _manage(
        "shell", "-c", "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY)",
        MAP_TILE_URL="https://{s}.tiles.example.gov.eg/{z}/{x}/{y}.png",
    )  # fmt: skip
    refused = _manage("check", MAP_TILE_URL="http://tiles.example.gov.eg/{z}/{x}/{y}.png")

    assert "https://*.tiles.example.gov.eg" in allowed.stdout, allowed.stderr
    assert refused.returncode != 0 and "MAP_TILE_URL must be an https://" in refused.stderr
