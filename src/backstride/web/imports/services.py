"""Preview and confirm watch-file imports; no HTTP here (pages and API share it).

Preview parses the upload, matches each activity to the active plan (sessions already
logged, and sessions an earlier activity in the same upload took, are not offered
again) and stores what the person will confirm. Confirm turns each new activity into a
log entry through ``logbook.services.save_log``, so imports are validated and decided
on exactly like a hand-written log; effort and pain are added afterwards on the entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from backstride.activities import Activity, ActivityError, fingerprint, read_file
from backstride.activities.fit import ENDS_EARLY
from backstride.activities.matching import Match, match_activity
from backstride.export.text import mib_text
from backstride.training.dates import DateOutOfRange, check_date
from backstride.web.accounts import throttle
from backstride.web.imports.models import ImportedActivity, ImportUpload
from backstride.web.logbook import services as logbook
from backstride.web.logbook.models import MAX_MINUTES, LogChange, LogEntry
from backstride.web.plans import services as plans

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
IMPORTS_AT_ONCE = 1  # per person, across all web processes (issue 14: 4 bombs at once)
MAX_FILE_NAME = 255


def _steps(match: Match) -> list[dict[str, Any]]:
    """Lap-matched steps in the log book's ``{name, planned_s, actual_s, skipped}`` shape."""
    steps = []
    for result in match.steps[: logbook.MAX_STEPS]:
        planned = result.planned
        label = f"{planned.block} ({planned.part})"
        steps.append(
            {
                "name": label[:200],
                "planned_s": round(planned.planned_seconds or 0.0, 1),
                "actual_s": round(result.lap.duration_s, 1) if result.lap else 0.0,
                "skipped": result.lap is None,
            }
        )
    return steps


def _date_problem(day: dt.date, today: dt.date, birth_year: int | None) -> str:
    """The date rule (``training.dates``) as a preview problem; "" when the day is fine."""
    try:
        check_date(day, today, birth_year=birth_year, what="its date")
    except DateOutOfRange as exc:
        return f"{str(exc).rstrip('.')}; check the watch's clock"
    if day > today:
        return "starts in the future; check the watch's clock"
    return ""


def _item(
    activity: Activity, match: Match, duplicate: bool, birth_year: int | None = None
) -> dict[str, Any]:
    try:
        local = timezone.localtime(activity.start)
    except (OverflowError, ValueError):  # year 1 at +14:00 has no local time
        local = activity.start
    problem = ""
    if match.minutes > MAX_MINUTES:
        problem = f"longer than {MAX_MINUTES / 60:g} hours; not a single session"
    else:
        problem = _date_problem(local.date(), timezone.localdate(), birth_year)
    session = match.session
    return {
        "fingerprint": fingerprint(activity),
        "file_name": (activity.file_name or "")[:MAX_FILE_NAME],
        "format": activity.source_format,
        "sport": activity.sport,
        "start": activity.start.isoformat(),
        "date": local.date().isoformat(),
        "duration_s": round(activity.duration_s, 1),
        "distance_m": None if activity.distance_m is None else round(activity.distance_m, 1),
        "has_gps": activity.has_gps,
        "device": activity.device,
        "laps": len(activity.laps),
        "warnings": list(activity.warnings),
        "duplicate": duplicate,
        "problem": problem,
        "session_uid": session.uid if session else None,
        "session_title": session.title if session else None,
        "session_date": session.date.isoformat() if session else None,
        "method": match.method,
        "minutes": match.minutes,
        "backward_seconds": match.backward_seconds,
        "backward_meters": match.backward_meters,
        "completed_fraction": match.completed_fraction,
        "steps": _steps(match),
        # Why it was not matched (other sport, no session near, implausible speed, zero
        # length): codes and the sentences the preview shows.
        "flags": [flag.value for flag in match.flags],
        "flag_texts": list(match.flag_texts),
    }


def preview(athlete: AbstractBaseUser, data: bytes, file_name: str) -> ImportUpload:
    """Parse, match and store the preview. Raises ValueError (ActivityError) in words."""
    name = (file_name or "upload").rsplit("/", 1)[-1][:MAX_FILE_NAME] or "upload"
    if len(data) > MAX_UPLOAD_BYTES:
        raise ActivityError(f"{name} is larger than {mib_text(MAX_UPLOAD_BYTES)}.")
    try:
        # Unpacking is the costly part (a zip can hold 200 files): one at a time each.
        with throttle.slot(f"import:{athlete.pk}", IMPORTS_AT_ONCE):
            result = read_file(data, name)
    except throttle.Busy:
        raise ActivityError(
            "Another import of yours is still being read; try again when it has finished."
        ) from None
    cut = [a for a in result.activities if ENDS_EARLY in a.warnings]
    if cut:
        which = cut[0].file_name or name
        raise ActivityError(
            f"{which} ends early: it may not have finished copying from the watch, so it "
            "would log less than you did. Copy it again and upload the whole file; "
            "nothing was saved."
        )
    row = plans.active_plan(athlete)
    sessions = plans.build_plan(row).sessions if row else ()
    taken = set(
        LogEntry.objects.filter(athlete=athlete)
        .exclude(session_uid="")
        .values_list("session_uid", flat=True)
    )
    known = set(
        ImportedActivity.objects.filter(athlete=athlete).values_list("fingerprint", flat=True)
    )
    items = []
    seen: set[str] = set()
    born = logbook.birth_year(athlete, timezone.localdate())
    for activity in sorted(result.activities, key=lambda a: a.start):
        match = match_activity(activity, sessions, exclude=taken)
        item = _item(activity, match, duplicate=False, birth_year=born)
        if row is not None:
            item["flag_texts"] = item["flag_texts"] + _before_plan(activity, row.start)
        item["duplicate"] = item["fingerprint"] in known or item["fingerprint"] in seen
        seen.add(item["fingerprint"])
        if match.session is not None and not item["duplicate"]:
            taken.add(match.session.uid)
        items.append(item)
    return ImportUpload.objects.create(
        athlete=athlete, file_name=name, items=items, problems=list(result.problems)
    )


YEARS_BEFORE_DAYS = 365  # an activity this long before the plan is from another time


def _before_plan(activity: Activity, plan_start: dt.date) -> list[str]:
    """A warning for an activity from long before the plan (an old file in a zip)."""
    day = timezone.localtime(activity.start).date()
    if (plan_start - day).days < YEARS_BEFORE_DAYS:
        return []
    return [
        f"This activity is from {day.day} {day:%b %Y}, long before your plan started "
        f"({plan_start.day} {plan_start:%b %Y}); untick it unless you mean to log it."
    ]


def suggested(item: dict[str, Any]) -> bool:
    """Ticked in the preview: importable and nothing the person should look at first."""
    return importable(item) and not item.get("flag_texts")


def importable(item: dict[str, Any]) -> bool:
    return not item["duplicate"] and not item["problem"]


def _log_data(item: dict[str, Any], file_name: str) -> dict[str, Any]:
    source = (
        item["file_name"] if item["file_name"] == file_name else f"{file_name}: {item['file_name']}"
    )
    data: dict[str, Any] = {
        "date": dt.date.fromisoformat(item["date"]),
        "minutes": item["minutes"],
        "notes": f"Imported from the watch file {source}."[:2000],
        "steps": item["steps"],
    }
    if item["session_uid"]:
        data.update(
            session_uid=item["session_uid"],
            completed_fraction=item["completed_fraction"],
            backward_seconds=item["backward_seconds"],
            backward_meters=item["backward_meters"],
        )
    return data


def confirm(
    upload: ImportUpload,
    by_user: AbstractBaseUser,
    today: dt.date,
    keep: Collection[int] | None = None,
) -> tuple[list[LogEntry], list[str]]:
    """Create one log entry per new activity; returns the entries and per-item problems.

    ``keep`` is the preview's ticked activities (positions in ``upload.items``); None
    keeps them all (the API). Each activity is saved on its own (one that fails
    validation does not block the others); the unique fingerprint makes a second
    confirm, or a re-upload, a no-op.
    """
    if upload.confirmed_at is not None:
        raise ValueError("This import was already confirmed.")
    if keep is not None and not set(keep) <= set(range(len(upload.items))):
        raise ValueError("That activity is not part of this import.")
    created: list[LogEntry] = []
    problems: list[str] = []
    for index, item in enumerate(upload.items):
        if keep is not None and index not in keep:
            continue
        label = f"{item['file_name']} ({item['date']})"
        if not importable(item):
            problems.append(
                f"{label}: {'already imported' if item['duplicate'] else item['problem']}."
            )
            continue
        try:
            with transaction.atomic():
                entry = logbook.save_log(
                    upload.athlete, by_user, _log_data(item, upload.file_name), today
                )
                ImportedActivity.objects.create(
                    athlete=upload.athlete,
                    upload=upload,
                    fingerprint=item["fingerprint"],
                    file_name=item["file_name"],
                    started_at=dt.datetime.fromisoformat(item["start"]),
                    log_entry=entry,
                )
        except IntegrityError:
            problems.append(f"{label}: already imported.")
        except ValueError as exc:
            problems.append(f"{label}: {exc}")
        else:
            created.append(entry)
    upload.confirmed_at = timezone.now()
    upload.save(update_fields=["confirmed_at"])
    return created, problems


@transaction.atomic
def undo(upload: ImportUpload, by_user: AbstractBaseUser, today: dt.date) -> int:
    """Remove every log this import made; the next session is decided again from the rest.

    Each removal is kept in the log-change history the linked coach reads. The
    activities may be imported again afterwards. Returns how many logs were removed.
    """
    if upload.confirmed_at is None:
        raise ValueError("This import was never saved, so there is nothing to undo.")
    if upload.undone_at is not None:
        raise ValueError("This import was already undone.")
    entries = [
        act.log_entry
        for act in ImportedActivity.objects.filter(upload=upload).select_related("log_entry")
        if act.log_entry is not None
    ]
    for entry in entries:
        logbook.delete_log(entry, by_user, today, kind=LogChange.Kind.UNDO_IMPORT)
    upload.undone_at = timezone.now()
    upload.save(update_fields=["undone_at"])
    return len(entries)
