"""What the player shows that the server owns, rendered into the play page as JSON.

The player estimates a block's duration from its metres when the plan gives no speed,
its end-of-session form asks for pain per body site and checks minutes and notes
against the log's limits. All of these come from the constants the rest of Backstride
uses (``training.energy.DEFAULT_SPEED_KMH``, the web log form's ``PAIN_LABELS``, the log
book's ``MAX_MINUTES`` and ``MAX_NOTES``), so the player cannot drift from the plan
pages, the log form or the log API.
"""

from __future__ import annotations

from typing import Any

from backstride.training.energy import DEFAULT_SPEED_KMH
from backstride.training.units import METRIC, SHORT_WORDS, Units, short_unit_meters
from backstride.web.logbook.forms import PAIN_LABELS
from backstride.web.logbook.models import MAX_MINUTES, MAX_NOTES


def player_constants(units: Units = METRIC) -> dict[str, Any]:
    """The JSON the play page renders in ``<script id="player-constants">``.

    ``units`` is the person's choice (``training.units``): the player says a block's
    distance in their short unit, converted with the factor given here.
    """
    return {
        "units": units.to_dict(),
        "short_unit": {"meters": short_unit_meters(units), "words": SHORT_WORDS[units.short]},
        "default_speed_kmh": {mode.value: kmh for mode, kmh in DEFAULT_SPEED_KMH.items()},
        "pain_sites": [[site.value, label] for site, label in PAIN_LABELS.items()],
        "max_minutes": MAX_MINUTES,
        "max_notes": MAX_NOTES,
    }
