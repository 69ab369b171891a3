"""The 3-metre backward walk test (3MBWT): protocol, trial result, cut-offs, real change.

Why a test of walking backward: stepping back without seeing where the foot goes asks
more of balance than walking forward, and in the studies below slower 3MBWT times went
with a history of falls. The test does not diagnose anything and cannot say whether one
person will fall; it places a time next to the groups those studies measured. Every
line a person sees comes from :func:`interpret` and :func:`compare`, so the web page,
the API and the CLI say the same thing.

Numbers and their sources are in ``docs/balance-test.md`` (from the project's science
notes, section 6). Times are compared after rounding to 0.01 s, the resolution a
stopwatch or a 100 fps video gives, so 4.4999999 from averaging floats is 4.50.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from backstride.training.models import Population

# Below this a 3 m walk backward would be faster than 3 m/s: a mis-tap, not a walk. The
# fastest 3MBWT in our sources is 1.41 s (children 8-14 y, Arora 2024).
MIN_TRIAL_S = 1.0
# Above this (3 m in a minute, 0.05 m/s) the stopwatch was almost surely left running.
# The slowest published group cut-off we know is 10.31 s (Parkinson's, Kocer 2023).
MAX_TRIAL_S = 60.0


# How often the test is repeated to see a trend: a product choice (the issue's "every 4
# weeks"), not a published interval. Changes smaller than the MDC need time to show.
REPEAT_AFTER_DAYS = 28


class BalanceTestError(ValueError):
    """Input that cannot be a 3MBWT result (message is shown to the person as is)."""


@dataclass(frozen=True)
class Protocol:
    """How the test is run and which number counts as the result."""

    name: str
    source: str
    distance_m: float
    practice_walks: int
    timed_trials: int
    result_rule: str
    how_sure: str


PROTOCOL = Protocol(
    name="3-metre backward walk test (3MBWT)",
    source="Carter et al. 2019, J Geriatr Phys Ther 42:249 (doi 10.1519/JPT.0000000000000149)",
    distance_m=3.0,
    practice_walks=1,
    timed_trials=2,
    result_rule="mean",
    how_sure=(
        "The cut-offs are quoted from Carter 2019 by Carter 2020. The trial count (one "
        "practice walk, two timed walks, their mean) follows clinical summaries of that "
        "protocol; we have not checked it against the full text."
    ),
)


class BalanceGroup(StrEnum):
    """Whose published figures a result is compared with."""

    OLDER_ADULT = "older-adult"  # community-dwelling older adults
    PARKINSON = "parkinson"
    MULTIPLE_SCLEROSIS = "multiple-sclerosis"
    OTHER = "other"  # no published cut-off in our sources


def group_for(population: Population) -> BalanceGroup:
    """Default comparison group for a plan population (conditions are chosen explicitly)."""
    return BalanceGroup.OLDER_ADULT if population == Population.OLDER_ADULT else BalanceGroup.OTHER


class Band(StrEnum):
    """Where a result falls against its group's cut-offs."""

    LOW = "low"  # at or below the low-risk cut-off / below the single cut-off
    BETWEEN = "between"  # between a low and a high cut-off
    RISK = "risk"  # at or above the (high-)risk cut-off
    NO_CUTOFF = "no-cutoff"  # no published cut-off for this group


@dataclass(frozen=True)
class CutOff:
    """One published threshold with what is known of its accuracy."""

    group: BalanceGroup
    low_s: float | None  # "low risk" at or below this, when the study gives one
    risk_s: float  # at or above this the study's risk range starts
    source: str
    study: str
    accuracy: str
    decides_band: bool  # False: shown for context, the band comes from another row


CUTOFFS: tuple[CutOff, ...] = (
    CutOff(
        group=BalanceGroup.OLDER_ADULT,
        low_s=3.0,
        risk_s=4.5,
        source="Carter et al. 2019, J Geriatr Phys Ther 42:249",
        study="community-dwelling older adults, falls asked about afterwards (retrospective)",
        accuracy=("not in our reference notes (the two cut-offs are quoted by Carter et al. 2020)"),
        decides_band=True,
    ),
    CutOff(
        group=BalanceGroup.OLDER_ADULT,
        low_s=None,
        risk_s=5.5,
        source="Polo-Ferrero et al. 2025, J Funct Morphol Kinesiol 10(2):154",
        study="483 community-dwelling older adults (mean age 76), 101 had fallen in the past year",
        accuracy=(
            "modest: AUC 0.655, sensitivity 59.5 %, specificity 68.6 %; the authors say the "
            "test alone has limited predictive power"
        ),
        decides_band=False,
    ),
    CutOff(
        group=BalanceGroup.PARKINSON,
        low_s=None,
        risk_s=4.2,
        source="Carter et al. 2020, Top Geriatr Rehabil 36(3):140-145",
        study="175 people with Parkinson's disease, falls asked about afterwards (retrospective)",
        accuracy="modest: AUC 0.699 (the best of the cut-offs tried)",
        decides_band=True,
    ),
)


@dataclass(frozen=True)
class Mdc:
    """Minimal detectable change: smaller differences between two tests can be noise."""

    group: BalanceGroup
    seconds: float
    source: str


MDCS: tuple[Mdc, ...] = (
    Mdc(BalanceGroup.MULTIPLE_SCLEROSIS, 1.69, "Söke et al. 2022, Int J Rehabil Res 45(3):209"),
    Mdc(BalanceGroup.PARKINSON, 2.13, "Kocer et al. 2023, Ir J Med Sci 192(6):3063"),
)

NOT_A_DIAGNOSIS = (
    "This test does not diagnose anything and cannot predict a fall for one person; it "
    "compares your time with groups of people in published studies."
)
SEE_PHYSIO = (
    "Your time is in the range the study linked with falls. Please talk to your "
    "physiotherapist or doctor about it before you make backward walking harder."
)


@dataclass(frozen=True)
class TrialResult:
    """The timed trials of one test and the number the protocol uses."""

    trials_s: tuple[float, ...]
    result_s: float
    complete: bool  # all of the protocol's timed trials were done
    protocol: Protocol = PROTOCOL


@dataclass(frozen=True)
class Interpretation:
    """What a result means for the chosen group, in words that inform."""

    result_s: float
    group: BalanceGroup
    band: Band
    in_risk_range: bool
    talk_to_physio: bool
    headline: str
    lines: tuple[str, ...]
    cutoffs: tuple[CutOff, ...]


@dataclass(frozen=True)
class Change:
    """Difference between two test results against the group's MDC."""

    previous_s: float
    current_s: float
    change_s: float  # current - previous; negative = faster
    mdc_s: float | None
    mdc_source: str | None
    beyond_mdc: bool | None  # None: no published MDC for the group
    message: str


def _hundredths(seconds: float) -> float:
    """Round half up to 0.01 s as a person would (3.345 -> 3.35, not binary 3.34)."""
    # Rounding to 1e-6 first removes float noise such as 3.3449999999999998 from 6.69 / 2.
    return float(Decimal(repr(round(seconds, 6))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def check_trial(seconds: float) -> float:
    """One trial time in seconds, rounded to 0.01 s; a clear error when it cannot be real."""
    try:
        value = float(seconds)
    except (TypeError, ValueError):
        raise BalanceTestError(
            f"a trial time must be a number of seconds, not {seconds!r}"
        ) from None
    if not math.isfinite(value) or value <= 0:
        raise BalanceTestError(f"a trial time must be more than 0 s (got {seconds!r})")
    if value < MIN_TRIAL_S:
        raise BalanceTestError(
            f"{value:.2f} s for 3 m backward is faster than {MIN_TRIAL_S:.0f} s: "
            "the timer was probably stopped too early"
        )
    if value > MAX_TRIAL_S:
        raise BalanceTestError(
            f"{value:.2f} s is longer than {MAX_TRIAL_S:.0f} s for 3 m: the timer was "
            "probably left running; please time this trial again"
        )
    return _hundredths(value)


def trial_result(trials_s: Sequence[float], protocol: Protocol = PROTOCOL) -> TrialResult:
    """Check the timed trials and compute the protocol's result (their mean).

    Fewer trials than the protocol asks for are accepted (a test stopped after a
    near-fall still has a time) but marked incomplete; more are refused, so a practice
    walk typed in by mistake cannot change the result.
    """
    times = tuple(check_trial(t) for t in trials_s)
    if not times:
        raise BalanceTestError("no trial times: time at least one walk of 3 m backward")
    if len(times) > protocol.timed_trials:
        raise BalanceTestError(
            f"the protocol has {protocol.timed_trials} timed trials, got {len(times)}: "
            "leave the practice walk out"
        )
    mean = _hundredths(sum(times) / len(times))
    return TrialResult(times, mean, len(times) == protocol.timed_trials, protocol)


def _band(result_s: float, row: CutOff) -> Band:
    if result_s >= row.risk_s:
        return Band.RISK
    if row.low_s is None or result_s <= row.low_s:
        return Band.LOW
    return Band.BETWEEN


def _cutoff_line(result_s: float, row: CutOff) -> str:
    band = _band(result_s, row)
    if row.low_s is not None:
        where = {
            Band.LOW: f"at or under the low-risk cut-off of {row.low_s:.1f} s",
            Band.BETWEEN: f"between the cut-offs of {row.low_s:.1f} s and {row.risk_s:.1f} s",
            Band.RISK: f"at or over the higher-risk cut-off of {row.risk_s:.1f} s",
        }[band]
    else:
        side = "at or over" if band is Band.RISK else "under"
        where = f"{side} the cut-off of {row.risk_s:.1f} s"
    return f"{result_s:.2f} s is {where} ({row.source}; {row.study}; accuracy: {row.accuracy})."


def interpret(result_s: float, group: BalanceGroup) -> Interpretation:
    """Place a test result against the published cut-offs for ``group``."""
    value = check_trial(result_s)
    group = BalanceGroup(group)
    rows = tuple(r for r in CUTOFFS if r.group == group)
    deciding = next((r for r in rows if r.decides_band), None)
    if deciding is None:
        band = Band.NO_CUTOFF
        headline = f"{value:.2f} s for 3 m backward."
        lines = [
            "The published cut-offs we use were set in older adults and in people with "
            "Parkinson's disease; there is none for this group, so we show the time "
            "without judging it. Repeat tests show whether it changes.",
        ]
    else:
        band = _band(value, deciding)
        headline = {
            Band.LOW: f"{value:.2f} s: in the range the study found for people at lower risk.",
            Band.BETWEEN: f"{value:.2f} s: between the study's lower- and higher-risk ranges.",
            Band.RISK: f"{value:.2f} s: in the range the study linked with falls.",
        }[band]
        if deciding.low_s is None and band is Band.LOW:
            headline = f"{value:.2f} s: under the study's cut-off."
        lines = [_cutoff_line(value, r) for r in rows]
    in_risk = band is Band.RISK
    lines.append(NOT_A_DIAGNOSIS)
    if in_risk:
        lines.append(SEE_PHYSIO)
    return Interpretation(
        result_s=value,
        group=group,
        band=band,
        in_risk_range=in_risk,
        talk_to_physio=in_risk,
        headline=headline,
        lines=tuple(lines),
        cutoffs=rows,
    )


def mdc_for(group: BalanceGroup) -> Mdc | None:
    """The group's published minimal detectable change, or None when we have none."""
    return next((m for m in MDCS if m.group == BalanceGroup(group)), None)


def compare(previous_s: float, current_s: float, group: BalanceGroup) -> Change:
    """Is the change between two tests larger than the group's minimal detectable change?"""
    before, now = check_trial(previous_s), check_trial(current_s)
    delta = _hundredths(now - before)
    mdc = mdc_for(group)
    way = "faster" if delta < 0 else "slower"
    size = f"{abs(delta):.2f} s {way}" if delta else "the same time"
    if mdc is None:
        message = (
            f"{size} than last time. We have no published minimal detectable change for "
            "this group, so we cannot say whether the difference is more than measurement "
            "noise."
        )
        return Change(before, now, delta, None, None, None, message)
    beyond = abs(delta) > mdc.seconds
    if beyond:
        message = (
            f"{size} than last time: more than the {mdc.seconds:.2f} s a change must exceed "
            f"to be more than measurement noise ({mdc.source})."
        )
    else:
        message = (
            f"{size} than last time: within the {mdc.seconds:.2f} s that can be measurement "
            f"noise ({mdc.source}), so not a clear change."
        )
    return Change(before, now, delta, mdc.seconds, mdc.source, beyond, message)


def next_test_due(last_taken_on: dt.date | None, today: dt.date) -> dt.date:
    """When the next test is due: 4 weeks after the last one, or today for a first test."""
    if last_taken_on is None:
        return today
    return last_taken_on + dt.timedelta(days=REPEAT_AFTER_DAYS)
