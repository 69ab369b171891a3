"""Plan and log pages: how long they take to render with the demo data on SQLite.

Set-up: a fresh SQLite database in a temporary folder, migrated, with the demo loaded
(`load_demo`: Ada, Kim and Sam with plans and a few weeks of logs). Every request
rebuilds the athlete's plan with the engine and runs the adaptation model. Pages are
fetched through Django's test client (no network, no server), as Kim.

Run: ``.venv/bin/python benchmarks/plan_pages.py`` (about 10 s). Prints median and 90th
percentile per page and writes benchmarks/results/plan_pages-DATE.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _setup_django(data_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "backstride.web.settings"
    os.environ["BACKSTRIDE_DATA_DIR"] = data_dir
    os.environ["BACKSTRIDE_SECRET_KEY"] = "benchmark-only-secret-key-0123456789-abcdefghij"
    os.environ["BACKSTRIDE_ALLOWED_HOSTS"] = "testserver"
    os.environ["BACKSTRIDE_LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _time(client: object, path: str, repeats: int) -> dict[str, float]:
    client.get(path)  # warm-up: templates and URL resolvers compiled
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 1),
        "p90_ms": round(samples[int(0.9 * (len(samples) - 1))], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        _setup_django(data_dir)
        import django
        from django.contrib.auth import get_user_model
        from django.test import Client

        from backstride.web.core.demo import load_demo
        from backstride.web.plans import services

        load_demo()
        kim = get_user_model().objects.get(username="kim")
        uid = services.build_plan(services.active_plan(kim)).sessions[-1].uid
        client = Client()
        client.force_login(kim)
        pages = {
            "calendar": "/plans/",
            "list": "/plans/list/",
            "session": f"/plans/session/{uid}/",
            "home": "/home/",
            "log book": "/log/",
            "api plan": "/api/plan",
            "api next": "/api/next",
            "ics feed": f"/plans/feed/{services.active_plan(kim).feed_secret}.ics",
        }
        results = {name: _time(client, path, args.repeats) for name, path in pages.items()}

    print(f"{'page':<10}  {'median':>9}  {'p90':>9}")
    for name, row in results.items():
        print(f"{name:<10}  {row['median_ms']:>6} ms  {row['p90_ms']:>6} ms")
    out = {
        "benchmark": "plan_pages",
        "date": dt.date.today().isoformat(),
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "repeats": args.repeats,
        "results": results,
    }
    (HERE / "results").mkdir(exist_ok=True)
    target = HERE / "results" / f"plan_pages-{out['date']}.json"
    target.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {target.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
