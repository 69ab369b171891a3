"""The pain-monitoring model as a decision table: one row per rule the adaptation applies.

The published model (Thomeé 1997 for patellofemoral pain; Silbernagel et al. 2007 for
Achilles tendinopathy) lets pain reach 5/10 during and after activity, asks that it has
settled by the next morning, and forbids a rise from week to week. Backstride applies
it with a few stricter rows (``stricter=True``): it holds at 4-5/10, refers above 7/10,
steps back on swelling. ``adaptation.decide`` names these row ids in every
``Basis`` it returns, docs/science/adaptation-load-energy.md prints the table, the Learn
safety page renders :func:`learn_markdown`, and each row has a test.
"""

from __future__ import annotations

from dataclasses import dataclass

from backstride.training.models import Action


@dataclass(frozen=True)
class PainRow:
    """One row of the pain decision table: what is looked at, when it fires, what follows.

    ``stricter`` rows are where Backstride asks more than the published model; their
    sentence to the person says so. ``source`` names where the row comes from.
    """

    id: str
    signal: str
    condition: str
    action: Action
    source: str
    stricter: bool = False


PAIN_TABLE: tuple[PainRow, ...] = (
    PainRow(
        "during-acceptable",
        "pain during the session",
        "0-3/10",
        Action.PROGRESS,
        "pain-monitoring model (0-2 safe, up to 5 acceptable)",
    ),
    PainRow(
        "during-hold",
        "pain during the session",
        "4-5/10",
        Action.REPEAT,
        "ours: the model accepts up to 5/10",
        stricter=True,
    ),
    PainRow(
        "during-high",
        "pain during the session",
        "6-7/10",
        Action.REGRESS,
        "pain-monitoring model (above 5: high-risk zone)",
    ),
    PainRow(
        "during-refer",
        "pain during the session",
        "8-10/10",
        Action.STOP,
        "ours: the model steps back above 5; above 7 we also refer",
        stricter=True,
    ),
    PainRow(
        "sharp-knee-shin",
        "sharp pain",
        "with knee or shin pain",
        Action.STOP,
        "source article: sharp pain means stop",
    ),
    PainRow(
        "sharp-other",
        "sharp pain",
        "elsewhere, or at no named site",
        Action.REGRESS,
        "source article",
    ),
    PainRow(
        "swelling",
        "swelling",
        "after the session or the next morning",
        Action.REGRESS,
        "ours: swelling is a sign the joint was overloaded",
        stricter=True,
    ),
    PainRow(
        "morning-settled",
        "next-morning pain",
        "at or below the pre-session level (and 5/10 or less)",
        Action.PROGRESS,
        "pain-monitoring model: pain must have settled by the next morning",
    ),
    PainRow(
        "morning-not-settled",
        "next-morning pain",
        "above the pre-session level, or above the pain during the session, up to 5/10",
        Action.REPEAT,
        "pain-monitoring model: pain must have settled by the next morning",
    ),
    PainRow(
        "morning-high",
        "next-morning pain",
        "above 5/10",
        Action.REGRESS,
        "pain-monitoring model: at most 5/10 after activity",
    ),
    PainRow(
        "morning-no-baseline-hold",
        "next-morning pain",
        "4-5/10 with no pre-session level to compare",
        Action.REPEAT,
        "ours: without the pre-session level we cannot see that it settled",
        stricter=True,
    ),
    PainRow(
        "morning-no-baseline",
        "next-morning pain",
        "1-3/10, not above the session's pain, with no pre-session level to compare",
        Action.PROGRESS,
        "pain-monitoring model (within its limits); we ask for the pre-session level",
    ),
    PainRow(
        "morning-missing",
        "next-morning pain",
        "not answered yet",
        Action.PROGRESS,
        "ours: the decision is provisional until it is answered",
    ),
    PainRow(
        "weekly-morning-rise",
        "next-morning pain",
        "higher in the last 7 days than in the 7 days before (week to week)",
        Action.REPEAT,
        "pain-monitoring model: symptoms must not increase from week to week",
    ),
    PainRow(
        "rising-session-pain",
        "pain at one site",
        "higher in each of the last three logs that recorded it, ending above 3/10 "
        "(ending at 3/10 or less: hold)",
        Action.STOP,
        "ours, after the model's no-increase rule",
        stricter=True,
    ),
    PainRow(
        "pain-unknown",
        "pain during the session",
        "not answered (an import or a skipped question)",
        Action.PROGRESS,
        "ours: missing is not zero; the decision is provisional",
    ),
    PainRow(
        "fall-unreviewed",
        "a fall",
        "that has not been reviewed yet",
        Action.REPEAT,
        "ours: no progress until a fall is reviewed",
    ),
    PainRow(
        "near-fall",
        "a near fall",
        "in the latest session",
        Action.REPEAT,
        "ours: slower, nearer support",
    ),
)

_ROWS = {row.id: row for row in PAIN_TABLE}


def table_row(rule_id: str) -> PainRow:
    """The pain-table row with this id (ValueError for an unknown id)."""
    if rule_id not in _ROWS:
        raise ValueError(f"no pain-table row {rule_id!r}")
    return _ROWS[rule_id]


def learn_markdown() -> list[str]:
    """Bullet lines for the Learn safety page: the pain table in plain words.

    Included by ``@pain-rules`` in the Learn content, so the page and the code share one
    table; rows where Backstride is stricter than the published model say so.
    """
    words = {
        Action.PROGRESS: "fine, the plan goes on",
        Action.REPEAT: "hold the plan where it is",
        Action.REGRESS: "step back to a shorter, easier session",
        Action.STOP: "pause and see a physiotherapist or doctor",
    }
    lines = []
    for row in PAIN_TABLE:
        if row.id in ("morning-missing", "pain-unknown", "morning-no-baseline"):
            continue  # bookkeeping rows, not rules a person applies
        stricter = " (stricter than the published model)" if row.stricter else ""
        what = words[row.action]
        lines.append(f"- {row.signal.capitalize()} {row.condition}: {what}{stricter}.")
    return lines
