"""Plan generation: how long ``generate_plan`` takes, and what the plans it makes look like.

Profiles (16 weeks, 3 sessions a week, no screening, start 2026-03-02)
    general-track       40-year-old, no running experience, on a track;
    general-treadmill   the same on a treadmill (walking bridge before the first jog);
    runner-5y-track     30-year-old runner with 5 years of forward running;
    older-treadmill     75-year-old older adult on a treadmill;
    runner-history      the runner with one logged 600 s session two days before the start.

For each: mean milliseconds per plan over ``--repeats`` runs, the first jogging week,
the main walking and jogging speeds reached, and the largest rise in backward seconds and
metres over the previous full week (both must stay at or below 10 %).

Run: ``.venv/bin/python benchmarks/plan_generation.py`` (a few seconds). Prints a table
and writes benchmarks/results/plan_generation-DATE.json with versions, date and load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import time
from pathlib import Path

from backstride.training.models import (
    BlockKind,
    Environment,
    Mode,
    Plan,
    Population,
    Profile,
    SessionLog,
)
from backstride.training.plans import generate_plan

HERE = Path(__file__).resolve().parent
START = dt.date(2026, 3, 2)
RUNNER = Profile(age=30, population=Population.RUNNER, running_experience_years=5)
CASES: dict[str, tuple[Profile, tuple[SessionLog, ...]]] = {
    "general-track": (Profile(age=40), ()),
    "general-treadmill": (Profile(age=40, environment=Environment.TREADMILL), ()),
    "runner-5y-track": (RUNNER, ()),
    "older-treadmill": (
        Profile(age=75, population=Population.OLDER_ADULT, environment=Environment.TREADMILL),
        (),
    ),
    "runner-history": (
        RUNNER,
        (SessionLog(date=START - dt.timedelta(days=2), backward_seconds=600),),
    ),
}


def largest_rises(plan: Plan) -> tuple[float, float]:
    """Largest week-on-week rise (seconds, metres) over the last full week, in percent."""
    last = None
    rise_s = rise_m = 0.0
    for week in plan.weeks:
        if last is not None and not week.deload:
            rise_s = max(rise_s, 100 * (week.backward_seconds / last[0] - 1))
            rise_m = max(rise_m, 100 * (week.backward_meters / last[1] - 1))
        if not week.deload:
            last = (week.backward_seconds, week.backward_meters)
    return rise_s, rise_m


def describe(plan: Plan) -> dict[str, object]:
    mains = [(s.week, b) for s in plan.sessions for b in s.blocks if b.kind == BlockKind.MAIN]
    runs = [w for w, b in mains if b.mode in (Mode.JOG, Mode.RUN)]
    walk_speeds = [b.speed_kmh for _, b in mains if b.mode == Mode.WALK and b.speed_kmh]
    run_speeds = [b.speed_kmh for _, b in mains if b.mode in (Mode.JOG, Mode.RUN)]
    rise_s, rise_m = largest_rises(plan)
    return {
        "first_jog_week": min(runs) if runs else None,
        "walk_kmh": [min(walk_speeds, default=None), max(walk_speeds, default=None)],
        "jog_kmh": [min(run_speeds, default=None), max(run_speeds, default=None)],
        "max_rise_seconds_pct": round(rise_s, 1),
        "max_rise_meters_pct": round(rise_m, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    rows = {}
    for name, (profile, history) in CASES.items():
        began = time.perf_counter()
        for _ in range(args.repeats):
            plan = generate_plan(profile, START, 16, history=history)
        ms = 1000 * (time.perf_counter() - began) / args.repeats
        rows[name] = {"ms_per_plan": round(ms, 2), **describe(plan)}
        print(f"{name:18} {ms:6.1f} ms  {rows[name]}")
    out = HERE / "results" / f"plan_generation-{dt.date.today().isoformat()}.json"
    out.parent.mkdir(exist_ok=True)
    meta = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "load_average": os.getloadavg(),
        "repeats": args.repeats,
    }
    out.write_text(json.dumps({"meta": meta, "results": rows}, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
