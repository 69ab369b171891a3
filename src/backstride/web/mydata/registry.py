"""A small registry of exporters: each app says what it stores about a person.

An exporter is ``f(user) -> {name: rows}`` where rows are flat dicts. The My data page
collects them all into one zip with a JSON and a CSV file per name. Apps register in
their ``AppConfig.ready()`` (or here in ``exporters.py``) with :func:`register`; a name
may be registered once, so two apps cannot silently overwrite each other's file.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.db import models

Rows = list[dict[str, Any]]
Exporter = Callable[[AbstractBaseUser], dict[str, Rows]]

_EXPORTERS: dict[str, Exporter] = {}
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,60}$")


def register(app_label: str, exporter: Exporter) -> None:
    """Add ``exporter`` under ``app_label``; registering the same function again is a no-op.

    A generic fallback registered by ``exporters.py`` is replaced by the app's own one.
    """
    existing = _EXPORTERS.get(app_label)
    replaceable = getattr(existing, "generic", False)  # a fallback gives way to the app's own
    if existing is not None and existing is not exporter and not replaceable:
        raise ValueError(f"An exporter is already registered for {app_label!r}.")
    _EXPORTERS[app_label] = exporter


def registered() -> tuple[str, ...]:
    return tuple(_EXPORTERS)


def plain(value: Any) -> Any:
    """Make a model value JSON-friendly: dates as ISO text, decimals as numbers."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes | memoryview):
        return None  # binary blobs (e.g. uploads) are not useful in a CSV
    return value


def model_rows(objects: Iterable[models.Model], exclude: Iterable[str] = ()) -> Rows:
    """Every concrete field of each object, by column name (``athlete_id``), minus ``exclude``."""
    skip = set(exclude)
    rows: Rows = []
    for obj in objects:
        row = {}
        for field in obj._meta.concrete_fields:
            if field.name in skip or field.attname in skip:
                continue
            row[field.attname] = plain(getattr(obj, field.attname))
        rows.append(row)
    return rows


def collect(user: AbstractBaseUser) -> dict[str, Rows]:
    """All rows about ``user`` from every registered exporter, keyed by file name."""
    collected: dict[str, Rows] = {}
    for app_label, exporter in _EXPORTERS.items():
        for name, rows in exporter(user).items():
            if not _NAME.match(name):
                raise ValueError(f"Exporter {app_label!r} returned a bad file name {name!r}.")
            if name in collected:
                raise ValueError(f"Two exporters both produce {name!r}.")
            collected[name] = [{k: plain(v) for k, v in row.items()} for row in rows]
    return collected


# Names people read on the My data page for topics that are not one model's rows.
TOPIC_LABELS = {
    "account": "Your account",
    "profile": "Profile",
    "api_tokens": "API tokens (names only)",
    "coach_links": "Coach links",
    "plan_changes": "Coach notes",
    "coach_invites": "Coach invites",
    "form_checks": "Form checks",
    "form_check_reports": "Form check reports",
    "imported_activities": "Imported activities",
    "import_uploads": "Imported files",
    "plans_trainingprofile": "Training profile",
    "plans_screening": "Readiness answers",
    "plans_clearancerecord": "Clearances from a professional",
    "plans_fallreview": "Fall reviews",
    "plans_trainingplan": "Plans",
    "plans_planchange": "Plan changes",
    "logbook_logentry": "Session logs",
    "logbook_logchange": "Changes to session logs",
    "plans_painreview": "Pain reviews by a professional",
    "balance_tests": "Balance tests",
    "balance_trials": "Balance test walks",
    "balance_videos": "Filmed balance tests",
}


def topic_label(name: str) -> str:
    """A person's name for an export topic: "Log entries", not ``logbook_logentry``.

    Topics are listed above; a generic topic not listed yet (``<app label>_<model name>``,
    exporters.generic_exporter) is named by its model's plural verbose name; anything else
    falls back to the file name in words. A test checks every topic has a listed name.
    """
    if name in TOPIC_LABELS:
        return TOPIC_LABELS[name]
    app_label, _, model_name = name.partition("_")
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return name.replace("_", " ").capitalize()
    return str(model._meta.verbose_name_plural).capitalize()


def _csv_text(rows: Rows) -> str:
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                key: json.dumps(value) if isinstance(value, dict | list) else value
                for key, value in row.items()
            }
        )
    return buffer.getvalue()


README = """Your Backstride data, exported {when}.

Each topic is here twice: NAME.json (exact types, nested values kept) and NAME.csv
(opens in a spreadsheet; nested values are written as JSON text). Dates are ISO 8601
in UTC. API token secrets are never stored, so only their names and prefixes appear.
"""


def build_zip(user: AbstractBaseUser, now: dt.datetime | None = None) -> bytes:
    """The export as zip bytes: README.txt plus a JSON and a CSV file per topic."""
    when = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    data = collect(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(when=when))
        for name, rows in data.items():
            archive.writestr(f"{name}.json", json.dumps(rows, indent=2, ensure_ascii=False))
            archive.writestr(f"{name}.csv", _csv_text(rows))
    return buffer.getvalue()
