"""Plan and log pages: how long they take to render with the demo data on SQLite.

Set-up: a fresh SQLite database in a temporary folder, migrated, with the demo loaded
(`load_demo`: Ada, Kim and Sam with plans and a few weeks of logs). Every request
rebuilds the athlete's plan with the engine and runs the adaptation model. Pages are
fetched through Django's test client (no network, no server), as Kim.

Run: ``.venv/bin/python benchmarks/plan_pages.py`` (about 10 s). Prints median and 90th
percentile per page and writes benchmarks/results/plan_pages-DATE.json (``--out FILE``
writes it elsewhere, for a check run that should not replace the day's figures).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _common import setup_django, time_get, write_results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--out", type=Path, help="results file (default: benchmarks/results/)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        setup_django(data_dir)
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
        results = {name: time_get(client, path, args.repeats) for name, path in pages.items()}

    print(f"{'page':<10}  {'median':>9}  {'p90':>9}")
    for name, row in results.items():
        print(f"{name:<10}  {row['median_ms']:>6} ms  {row['p90_ms']:>6} ms")
    write_results("plan_pages", args.repeats, results, args.out)


if __name__ == "__main__":
    main()
