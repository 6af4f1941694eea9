"""Complaints filed per second through POST /api/v1/complaints/, against a bare DRF endpoint that
inserts one row, served side by side by the same gunicorn on PostgreSQL, loaded by wrk on loopback.

    .venv/bin/python bench/complaint_intake.py [--seconds 20] [--connections 16] [--workers 4]

Needs PostgreSQL and Redis on this machine (as CI has them) and wrk (apt-get install wrk).
It creates and drops its own database, portal_bench. Prints each run, the medians and the ratio.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "portal_bench"
PORT = 8871
# Each request files with a different phone number, as real citizens would.
LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local body = [[BODY_JSON]]
request = function()
  local phone = string.format("010%08d", math.random(0, 99999999))
  return wrk.format(nil, nil, nil, (string.gsub(body, "PHONE", phone)))
end
"""
BODY = {
    "category": "water",
    "district": "EG2702",
    "description": "انقطاع مياه الشرب عن الشارع منذ يومين",
    "name": "اختبار الأداء",
    "phone": "PHONE",
}


def environment() -> dict:
    base = os.environ.get("BENCH_POSTGRES", "postgres://postgres:postgres@127.0.0.1:5432")
    return {
        **os.environ,
        "DATABASE_URL": f"{base}/{DATABASE}",
        "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER", "redis://127.0.0.1:6379/9"),
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "k" * 60 + "-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "ROOT_URLCONF": "bench_urls",
        "PYTHONPATH": f"{ROOT / 'bench'}:{ROOT}",
        "COMPLAINT_RATE_FILE_PER_IP": "10000000/m",
        "COMPLAINT_RATE_FILE_PER_PHONE": "10000000/m",
        "LOG_LEVEL": "WARNING",
    }


def psql(sql: str, database: str = "postgres"):
    base = os.environ.get("BENCH_POSTGRES", "postgres://postgres:postgres@127.0.0.1:5432")
    subprocess.run(["psql", f"{base}/{database}", "-q", "-c", sql], check=True, capture_output=True)


def prepare(env: dict):
    psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    psql(f"CREATE DATABASE {DATABASE}")
    for command in (["migrate", "-v0"], ["load_geography", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)
    psql(
        "CREATE TABLE bench_bare (id bigserial PRIMARY KEY, body text, created_at timestamptz DEFAULT now())",
        DATABASE,
    )


def serve(env: dict, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def load(path: str, seconds: int, connections: int, script: Path) -> dict:
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "-s",
            str(script),
            f"http://127.0.0.1:{PORT}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    output = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", output)) else 0
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    latency = re.search(r"Latency\s+(\S+)", output).group(1)
    return {"rate": rate, "bad": non_2xx + errors, "latency": latency}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    env = environment()
    prepare(env)
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(LUA.replace("BODY_JSON", json.dumps(BODY, ensure_ascii=False)))
    server = serve(env, options.workers)
    runs = {"bare": [], "complaints": []}
    try:
        for _ in range(options.rounds):  # alternate, so drift on a noisy machine hits both alike
            for name, path in (("bare", "/bench/bare/"), ("complaints", "/api/v1/complaints/")):
                result = load(path, options.seconds, options.connections, script)
                runs[name].append(result)
                rate, latency, bad = result["rate"], result["latency"], result["bad"]
                print(f"{name:>10}: {rate:8.1f} req/s  latency {latency:>8}  bad {bad}")
    finally:
        server.terminate()
        server.wait()
        psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    bare = statistics.median(r["rate"] for r in runs["bare"])
    real = statistics.median(r["rate"] for r in runs["complaints"])
    bad = sum(r["bad"] for r in runs["complaints"])
    print(f"median bare insert:      {bare:8.1f} req/s")
    print(f"median complaint filing: {real:8.1f} req/s  (errors or non-2xx: {bad})")
    print(f"ratio filing / bare:     {real / bare:8.2f}  (goal ≥ 0.50)")


if __name__ == "__main__":
    main()
