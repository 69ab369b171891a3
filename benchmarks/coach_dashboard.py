"""Coach dashboard: how long ``/coach/`` and ``GET /api/coach/athletes`` take to render.

Set-up (a fresh SQLite database in a temporary folder, migrated): one coach linked to
``--athletes`` athletes (default 3 and 20). Each athlete has an 8-week plan that started
21 days ago (3 sessions a week) and a log for every past session except one, with knee
pain 7 on the latest, so every card carries flags and an adherence figure. Every request
rebuilds each athlete's plan with the engine (plans are not stored, only their inputs).

Run: ``.venv/bin/python benchmarks/coach_dashboard.py`` (about 10 s). Prints the median
and 90th percentile in milliseconds per page and writes
benchmarks/results/coach_dashboard-DATE.json with versions, date and load (``--out FILE``
writes it elsewhere, for a check run that should not replace the day's figures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import tempfile
from pathlib import Path

from _common import setup_django, time_get, write_results


def _populate(athletes: int) -> object:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from backstride.training.screening import QUESTION_IDS
    from backstride.web.accounts.models import Profile
    from backstride.web.coaching.models import CoachLink
    from backstride.web.logbook.services import save_log
    from backstride.web.plans import services as plans
    from backstride.web.plans.models import TrainingProfile

    users = get_user_model().objects
    coach = users.create(username="coach")
    Profile.objects.create(user=coach, role="coach", display_name="Coach")
    today = timezone.localdate()
    for number in range(athletes):
        athlete = users.create(username=f"athlete{number}")
        Profile.objects.create(user=athlete, display_name=f"Athlete {number}")
        TrainingProfile.objects.create(
            user=athlete, age=30 + number % 40, population="runner", environment="track"
        )
        plans.save_screening(athlete, {q: False for q in QUESTION_IDS})
        plan_row = plans.create_plan(athlete, athlete, today - dt.timedelta(days=21), 8)
        past = [s for s in plans.build_plan(plan_row).sessions if s.date < today]
        for index, session in enumerate(past[1:]):  # the first one is missed
            pain = {"knee": 7} if index == len(past) - 2 else {"knee": 2}
            save_log(athlete, athlete, {"session_uid": session.uid, "rpe": 5, "pain": pain}, today)
        CoachLink.objects.create(coach=coach, athlete=athlete)
    return coach


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--athletes", type=int, nargs="+", default=[3, 20])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--out", type=Path, help="results file (default: benchmarks/results/)")
    args = parser.parse_args()

    results = []
    for count in args.athletes:
        with tempfile.TemporaryDirectory() as data_dir:
            # One process per size keeps the databases apart.
            if os.fork() == 0:
                setup_django(data_dir)
                from django.test import Client

                coach = _populate(count)
                client = Client()
                client.force_login(coach)
                row = {"athletes": count}
                for name, path in (("page", "/coach/"), ("api", "/api/coach/athletes")):
                    row[name] = time_get(client, path, args.repeats)
                Path(data_dir, "result.json").write_text(json.dumps(row))
                os._exit(0)
            os.wait()
            results.append(json.loads(Path(data_dir, "result.json").read_text()))

    print(f"{'athletes':>8}  {'/coach/ median':>15}  {'p90':>7}  {'API median':>11}  {'p90':>7}")
    for row in results:
        page, api = row["page"], row["api"]
        print(
            f"{row['athletes']:>8}  {page['median_ms']:>12} ms  {page['p90_ms']:>7}  "
            f"{api['median_ms']:>8} ms  {api['p90_ms']:>7}"
        )
    write_results("coach_dashboard", args.repeats, results, args.out)


if __name__ == "__main__":
    main()
