"""Cost that grows with history: the pages and routes an athlete and a coach use daily.

Set-up (a fresh database, migrated: SQLite in a temporary folder, or the PostgreSQL
server of ``DATABASE_URL`` when it is set, e.g. ``scripts/pg-test.sh .venv/bin/python
benchmarks/web_history.py``): one coach linked to ``--athletes`` athletes (default 50).
Each athlete has a screening, an 8-week plan that started 21 days ago and one log a day
for ``--days`` days (default 1826: five years, about 2,000 logs each): the plan's
sessions by uid on their dates, free sessions on the other days, with some pain, most
next-morning answers given, and a rare near-fall or fall. The rows are written with
``bulk_create`` (saving 100,000 logs one by one through the log book would take an hour);
the stored decision fields are left empty, which no timed request reads.

The **reference** is the same set-up with ``--reference-days`` days of logs (default 21),
built and timed in the same run, so the ratio shows what history costs on this machine
at this moment.

Timed, after one warm-up request each (median and 90th percentile of ``--repeats``):
``POST /api/logs`` (a free 20-minute session by the first athlete, dated today; every
post adds one log), the coach dashboard ``/coach/``, the athlete's home ``/home/``, the
calendar ``/plans/`` and ``GET /api/progress?weeks=8`` (and ``weeks=104``, the longest range).

Run: ``.venv/bin/python benchmarks/web_history.py`` (about 2 minutes on SQLite);
``--out FILE`` writes the results elsewhere than
benchmarks/results/web_history-{sqlite,postgresql}-DATE.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import tempfile
import time
import traceback
from pathlib import Path

from _common import setup_django, write_results

REQUESTS = (
    ("POST /api/logs", "athlete", "post", "/api/logs"),
    ("/coach/", "coach", "get", "/coach/"),
    ("/home/", "athlete", "get", "/home/"),
    ("/plans/", "athlete", "get", "/plans/"),
    ("/api/progress?weeks=8", "athlete", "get", "/api/progress?weeks=8"),
    ("/api/progress?weeks=104", "athlete", "get", "/api/progress?weeks=104"),
)
POST_BODY = {"completed_fraction": 1.0, "rpe": 5, "minutes": 20, "pain": {"knee": 1}}


def _history(athlete: object, plan_sessions: list, days: int, today: dt.date, rng: random.Random):
    """One log a day for ``days`` days up to yesterday; plan sessions by uid on their day."""
    from backstride.web.logbook.models import LogEntry

    by_date = {s.date: s for s in plan_sessions if s.date < today}
    rows = []
    for back in range(days, 0, -1):
        day = today - dt.timedelta(days=back)
        session = by_date.get(day)
        minutes = float(rng.choice((15, 20, 25, 30, 40)))
        pain = {"knee": rng.randint(1, 4)} if rng.random() < 0.2 else {}
        rows.append(
            LogEntry(
                athlete=athlete,
                recorded_by=athlete,
                session_uid=session.uid if session else "",
                date=day,
                completed_fraction=1.0 if rng.random() < 0.9 else 0.8,
                rpe=float(rng.randint(3, 8)),
                minutes=minutes,
                backward_seconds=round(minutes * 60 * rng.uniform(0.3, 0.6), 1),
                backward_meters=0.0,
                pain=pain,
                next_morning_soreness=None if rng.random() < 0.2 else rng.randint(0, 3),
                near_fall=rng.random() < 0.01,
                fall=rng.random() < 0.001,
            )
        )
    LogEntry.objects.bulk_create(rows, batch_size=2000)


def _populate(athletes: int, days: int, seed: int) -> tuple[object, object]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from backstride.training.screening import QUESTION_IDS
    from backstride.web.accounts.models import Profile
    from backstride.web.plans import services as plans
    from backstride.web.plans.models import TrainingProfile
    from backstride.web.sharing.models import CoachLink

    rng = random.Random(seed)
    users = get_user_model().objects
    coach = users.create(username="coach")
    Profile.objects.create(user=coach, role="coach", display_name="Coach")
    today = timezone.localdate()
    first = None
    for number in range(athletes):
        athlete = users.create(username=f"athlete{number}")
        Profile.objects.create(user=athlete, display_name=f"Athlete {number}")
        TrainingProfile.objects.create(
            user=athlete, age=30 + number % 40, population="runner", environment="track"
        )
        plans.save_screening(athlete, {q: False for q in QUESTION_IDS})
        plan_row = plans.create_plan(athlete, athlete, today - dt.timedelta(days=21), 8)
        _history(athlete, list(plans.build_plan(plan_row).sessions), days, today, rng)
        CoachLink.objects.create(coach=coach, athlete=athlete)
        first = first or athlete
    return coach, first


def _time(client: object, method: str, path: str, repeats: int) -> dict[str, float]:
    """Median and p90 in ms after one warm-up; a wrong status stops the run (an error
    page is fast and would flatter the figures)."""
    expected = 201 if method == "post" else 200

    def once() -> float:
        start = time.perf_counter()
        if method == "post":
            response = client.post(path, POST_BODY, content_type="application/json")
        else:
            response = client.get(path)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == expected, (path, response.status_code, response.content)
        return elapsed

    once()
    samples = sorted(once() for _ in range(repeats))
    return {
        "median_ms": round(statistics.median(samples), 1),
        "p90_ms": round(samples[int(0.9 * (len(samples) - 1))], 1),
    }


def _run_one(data_dir: str, athletes: int, days: int, repeats: int, seed: int) -> dict:
    setup_django(data_dir)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    if connection.vendor != "sqlite":
        call_command("flush", interactive=False, verbosity=0)  # one server, one size at a time
    built = time.perf_counter()
    coach, athlete = _populate(athletes, days, seed)
    built = time.perf_counter() - built
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    clients = {"coach": Client(), "athlete": Client()}
    clients["coach"].force_login(coach)
    clients["athlete"].force_login(athlete)
    from backstride.web.logbook.models import LogEntry

    row = {
        "days": days,
        "athletes": athletes,
        "logs_per_athlete": LogEntry.objects.filter(athlete=athlete).count(),
        "database": connection.vendor,
        "build_s": round(built, 1),
        "requests": {},
    }
    for name, who, method, path in REQUESTS:
        row["requests"][name] = _time(clients[who], method, path, repeats)
    if connection.vendor != "sqlite":
        call_command("flush", interactive=False, verbosity=0)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--athletes", type=int, default=50)
    parser.add_argument("--days", type=int, default=1826, help="days of daily logs")
    parser.add_argument("--reference-days", type=int, default=21)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--out", type=Path, help="results file (default: benchmarks/results/)")
    args = parser.parse_args()

    results = []
    for days in (args.reference_days, args.days):
        with tempfile.TemporaryDirectory() as data_dir:
            # One process per size keeps the databases (and Django's caches) apart.
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    row = _run_one(data_dir, args.athletes, days, args.repeats, args.seed)
                    Path(data_dir, "result.json").write_text(json.dumps(row))
                    code = 0
                except BaseException:
                    traceback.print_exc()
                finally:
                    os._exit(code)
            if os.waitpid(pid, 0)[1] != 0:
                raise SystemExit(f"the run with {days} days of logs failed (see above)")
            results.append(json.loads(Path(data_dir, "result.json").read_text()))

    reference, long = results
    print(
        f"{reference['database']}, {args.athletes} athletes, load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    print(
        f"{'request':<26} {'ref median':>10} {'p90':>7}   {'long median':>11} {'p90':>7}  "
        f"{'ratio':>5}"
    )
    print(
        f"{'(logs per athlete)':<26} {reference['logs_per_athlete']:>10} {'':>7}   "
        f"{long['logs_per_athlete']:>11}"
    )
    for name, *_ in REQUESTS:
        ref, big = reference["requests"][name], long["requests"][name]
        ratio = big["median_ms"] / ref["median_ms"] if ref["median_ms"] else float("nan")
        print(
            f"{name:<26} {ref['median_ms']:>7} ms {ref['p90_ms']:>7}   "
            f"{big['median_ms']:>8} ms {big['p90_ms']:>7}  {ratio:>5.1f}"
        )
    name = "web_history-" + ("postgresql" if os.environ.get("DATABASE_URL") else "sqlite")
    write_results(name, args.repeats, results, args.out)


if __name__ == "__main__":
    main()
