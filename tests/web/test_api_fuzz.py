"""Fuzz the JSON API against its own OpenAPI document with schemathesis.

A throwaway live server (pytest-django's ``live_server``) with an athlete who has a
plan and logs, a coach linked to them, and nobody: schemathesis runs every operation
of ``/api/openapi.json`` once per person, with its default checks, a bounded number of
examples and a fixed seed, through its examples, coverage, fuzzing and stateful phases
(the stateful phase follows the OpenAPI links, e.g. a created upload -> its confirm).
Any failure fails this test with schemathesis's own report. The accepted false
positives are in ``schemathesis.toml`` beside this file, each explained.

``FUZZ_EXTRA`` (environment) adds options to ``schemathesis run`` when debugging, e.g.
``FUZZ_EXTRA="--phases stateful"``; run with ``-s`` to see each report.

Skipped on the PostgreSQL rerun of the web suite: it tests the HTTP contract, which
does not change with the database, and it is the slowest test there.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from backstride.web.accounts.models import Role
from backstride.web.api.models import ApiToken
from backstride.web.api.tokens import digest, issue_token
from backstride.web.logbook import services as logbook
from backstride.web.sharing.models import CoachLink
from tests.web.conftest import make_user
from tests.web.plans.helpers import plan_for

CONFIG = Path(__file__).with_name("schemathesis.toml")
SEED = 20261207
# Far above the ids the fuzzer guesses (1, small numbers, the schema's bounds), so a
# random DELETE /api/tokens/{id} or link revoke does not end the run's own token or
# the coach's link.
FAR_ID = 2_000_000_000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")), reason="HTTP contract: run once, on SQLite"
    ),
]


def _token(user: object, raw: str, pk: int) -> tuple[str, ...]:
    """A bearer token with an id far from what the fuzzer guesses (see ``FAR_ID``)."""
    ApiToken.objects.create(pk=pk, user=user, name="fuzz", digest=digest(raw), prefix=raw[:10])
    return (f"Authorization: Bearer {raw}",)


def _people() -> dict[str, tuple[str, ...]]:
    """The athlete (plan, logs, a token) and their coach, signed in; and nobody."""
    today = timezone.localdate()
    athlete = make_user("olive")
    plan_for(athlete, start=today - dt.timedelta(days=10))
    for back in (9, 7, 2):
        day = today - dt.timedelta(days=back)
        logbook.save_log(athlete, athlete, {"date": day, "minutes": 20, "rpe": 4}, today)
    issue_token(athlete, "phone")  # one the fuzzer may list and revoke
    coach = make_user("cora", role=Role.COACH)
    CoachLink.objects.create(pk=FAR_ID, coach=coach, athlete=athlete)
    return {
        "athlete": _token(athlete, "bst_fuzz-athlete-token-0123456789abcdefghijkl", FAR_ID),
        "coach": _token(coach, "bst_fuzz-coach-token-0123456789abcdefghijklmno", FAR_ID + 1),
        "anonymous": (),
    }


# Each person's run: which phases (examples per phase: schemathesis.toml). The athlete
# owns the data, so gets every phase; the coach's own routes are few (their other answers are the
# athlete's, or 403/404); nobody gets 401 everywhere, which a few examples show.
RUNS: dict[str, str] = {
    "athlete": "coverage,fuzzing,stateful",
    "coach": "fuzzing,stateful",
    "anonymous": "fuzzing",
}


def _run(
    base: str, headers: tuple[str, ...], phases: str, report: Path
) -> subprocess.CompletedProcess[str]:
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "--config-file",
        str(CONFIG),
        "run",
        f"{base}/api/openapi.json",
        "--url",
        base,
        "--seed",
        str(SEED),
        "--phases",
        phases,
        "--workers",
        "1",
        "--no-shrink",
        "--output-sanitize",
        "false",  # throwaway tokens; a failure should show the request that made it
        "--suppress-health-check",
        "all",
        "--report",
        "junit",
        "--report-junit-path",
        str(report),
    ]
    for header in headers:
        command += ["--header", header]
    command += os.environ.get("FUZZ_EXTRA", "").split()
    env = {**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_HOOKS": ""}
    # Run from the report's folder: schemathesis keeps a cache in ./.schemathesis.
    return subprocess.run(
        command, capture_output=True, text=True, env=env, check=False, cwd=report.parent
    )


def test_the_api_holds_its_openapi_contract_for_everyone(
    live_server: object, transactional_db: None, tmp_path: Path
) -> None:
    failures = []
    for who, headers in _people().items():
        done = _run(live_server.url, headers, RUNS[who], tmp_path / f"{who}.xml")  # type: ignore[attr-defined]
        print(f"== {who}", done.stdout, sep="\n")  # shown with -s
        if done.returncode != 0:
            failures.append(f"===== as {who} (exit {done.returncode})\n{done.stdout[-12000:]}")
    assert not failures, "\n".join(failures)
