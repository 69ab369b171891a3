"""Bad requests for the bad-input sweep in test_site_sweep.py, one list per route.

Keys are "actor method path"; paths may name the owner's ids in braces, filled from the
sweep's world. Each payload is wrong on purpose: a wrong type, a huge number, a
10,000-character string or an id that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LONG = "x" * 10_000
HUGE = "9" * 30
UNKNOWN = "999999999"


@dataclass(frozen=True)
class Bad:
    """One bad request: who sends it, where, and what (form fields or a JSON body)."""

    actor: str
    method: str
    path: str
    data: Any
    api_call: bool = False


BAD_FORMS: dict[str, list[dict[str, Any]]] = {
    "owner post /accounts/": [{"display_name": LONG}],
    "owner post /accounts/tokens/": [{"name": LONG}, {"name": " "}],
    "owner post /onboarding/": [
        {"age": "abc", "population": "runner", "environment": "track"},
        {"age": HUGE, "population": "runner", "environment": "track", "sessions_per_week": 3},
        {"age": 40, "population": "alien", "environment": "moon", "sessions_per_week": HUGE},
    ],
    # Only one answer of many: the rest are asked again, never taken as "no".
    "owner post /onboarding/screening/": [{"chest_pain": "maybe"}, {"chest_pain": "no"}],
    "owner post /onboarding/clearance/": [
        {"professional_name": LONG, "cleared_on": "2026-01-01"},
        {"professional_name": "Dr Who", "cleared_on": "2026-13-45"},
    ],
    "owner post /onboarding/create-plan/": [
        {"start": "not-a-date", "weeks": 8},
        {"start": "2026-01-01", "weeks": HUGE},
        {"start": "9999-12-31", "weeks": "abc"},
    ],
    "owner post /plans/repeat-week/": [{"week": "abc"}, {"week": HUGE}, {"week": 999}],
    "owner post /plans/fall-review/": [{"note": LONG}],
    "owner post /log/session/{uid}/": [
        {"completed": "100", "rpe": "abc", "minutes": 20, "date": "2026-01-01"},
        {"completed": "100", "rpe": 5, "minutes": "1e308", "date": "2026-01-01"},
        {"completed": "100", "rpe": 5, "minutes": 20, "date": "someday", "notes": LONG},
        {"completed": "7", "rpe": 5, "minutes": 20, "date": "2026-01-01", "pain_knee": 99},
    ],
    "owner post /log/session/no-such-session/": [{"completed": "100", "rpe": 5, "minutes": 20}],
    "owner post /log/entry/{entry}/soreness/": [{"soreness": "abc"}, {"soreness": 99}],
    "owner post /log/entry/" + UNKNOWN + "/soreness/": [{"soreness": 3}],
    "owner post /accounts/tokens/" + UNKNOWN + "/revoke/": [{}],
    "coach post /coach/invites/": [{"note": LONG}],
    "coach post /coach/invites/" + UNKNOWN + "/cancel/": [{}],
    "coach post /coach/athletes/{owner}/clearance/": [
        {"professional_name": "Dr Who", "cleared_on": "yesterday"},
        {"professional_name": LONG, "cleared_on": "2026-01-01"},
    ],
    "coach post /coach/athletes/" + UNKNOWN + "/repeat-week/": [{}],
    "coach post /coach/athletes/{owner}/notes/": [{"text": LONG}, {"text": "ok", "session": LONG}],
    "coach post /coach/links/" + UNKNOWN + "/revoke/": [{}],
    "owner post /my-data/delete/": [{"confirm": "somebody-else"}, {"confirm": LONG}],
    "anonymous post /accounts/signup/": [
        {"username": LONG, "email": "a@b.c", "password1": "x", "password2": "y"},
        {"username": "newbie", "email": "not-an-email", "password1": "x", "password2": "x"},
    ],
    "anonymous post /accounts/login/": [{"username": LONG, "password": LONG}],
    "anonymous post /accounts/password-reset/": [{"email": LONG}],
}
BAD_API: dict[str, list[Any]] = {
    "anonymous post /api/token": [
        {"username": LONG, "password": "x"},
        {"username": 12, "password": ["x"]},
        "not json at all",
    ],
    "owner post /api/logs": [
        {"completed_fraction": "abc"},
        {"completed_fraction": 1, "rpe": 11},
        {"completed_fraction": 1, "minutes": 1e308},
        {"completed_fraction": 1, "minutes": 10, "notes": LONG},
        {"completed_fraction": 1, "session_uid": "no-such-session"},
        {"completed_fraction": 1, "minutes": 10, "date": "2999-01-01"},
        {"completed_fraction": 1, "minutes": 10, "pain": {"elbow": 3}},
        {"completed_fraction": 1, "minutes": 10, "pain": {"knee": 99}},
        {"completed_fraction": 1, "minutes": 10, "steps": [{"name": "x"}] * 201},
        [1, 2, 3],
    ],
    "owner delete /api/tokens/" + UNKNOWN: [None],
    "owner delete /api/tokens/" + HUGE: [None],
    "owner delete /api/tokens/abc": [None],
    "coach post /api/coach/invites": [{"note": LONG}, {"note": ["a list"]}],
    "coach post /api/coach/links/" + UNKNOWN + "/revoke": [None],
    "coach post /api/coach/links/" + HUGE + "/revoke": [None],
    "owner get /api/logs?limit=abc": [None],
    "owner get /api/logs?limit=" + HUGE: [None],
    "owner get /api/plan/sessions/" + "x" * 500: [None],
    "owner get /api/progress?weeks=" + HUGE: [None],
    "coach get /api/plan?athlete=" + HUGE: [None],
    "owner post /api/balance-tests": [
        {"trials_s": [0], "present": "helper", "helper_confirmed": True},
        {"trials_s": [200], "present": "helper", "helper_confirmed": True},
        {"trials_s": [3.2, -1], "present": "helper", "helper_confirmed": True},
        {"trials_s": [3.2, 3.4, 3.3], "present": "helper", "helper_confirmed": True},
        {"trials_s": [], "present": "helper", "helper_confirmed": True},
        {"trials_s": [3.2], "present": "helper", "helper_confirmed": False},
        {"trials_s": [3.2], "present": "alone", "helper_confirmed": True},
        {"trials_s": ["abc"], "present": "helper", "helper_confirmed": True},
        {"trials_s": [1e308], "present": "helper", "helper_confirmed": True},
        {"trials_s": [3.0] * 11, "present": "helper", "helper_confirmed": True},
        {"trials_s": [3.2], "present": "helper", "helper_confirmed": True, "group": "martian"},
        {
            "trials_s": [3.2],
            "present": "helper",
            "helper_confirmed": True,
            "taken_on": "2999-01-01",
        },
        [1, 2, 3],
    ],
    "owner get /api/balance-tests/" + HUGE: [None],
    "coach get /api/balance-tests?athlete=" + HUGE: [None],
}
