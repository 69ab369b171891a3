"""3MBWT interpretation: every cut-off and its boundaries, the MDC rule, bad trial times."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.training.balance_test import (
    CUTOFFS,
    MAX_TRIAL_S,
    MDCS,
    MIN_TRIAL_S,
    PROTOCOL,
    BalanceGroup,
    BalanceTestError,
    Band,
    compare,
    group_for,
    interpret,
    next_test_due,
    trial_result,
)
from backstride.training.models import Population

OLDER = BalanceGroup.OLDER_ADULT
PD = BalanceGroup.PARKINSON
MS = BalanceGroup.MULTIPLE_SCLEROSIS


def test_protocol_names_its_source_trials_and_result_rule():
    assert "3MBWT" in PROTOCOL.name
    assert "Carter" in PROTOCOL.source and "2019" in PROTOCOL.source
    assert PROTOCOL.timed_trials == 2 and PROTOCOL.practice_walks == 1
    assert PROTOCOL.result_rule.startswith("mean")
    assert PROTOCOL.distance_m == 3.0


def test_the_result_is_the_mean_of_the_timed_trials_to_a_hundredth():
    r = trial_result([3.21, 3.48])
    assert r.result_s == pytest.approx(3.35) and r.complete
    assert r.trials_s == (3.21, 3.48)
    # Floats that average to 4.4999999... are 4.50, so they fall on the cut-off.
    assert trial_result([4.49, 4.51]).result_s == 4.5


def test_one_trial_is_accepted_but_marked_incomplete_and_a_third_is_refused():
    one = trial_result([5.0])
    assert one.result_s == 5.0 and not one.complete
    with pytest.raises(BalanceTestError, match="2 timed trials, got 3"):
        trial_result([3.0, 3.1, 3.2])
    with pytest.raises(BalanceTestError, match="no trial times"):
        trial_result([])


@pytest.mark.parametrize(
    ("seconds", "message"),
    [
        (0, "more than 0 s"),
        (0.0, "more than 0 s"),
        (-2.5, "more than 0 s"),
        (math.nan, "more than 0 s"),
        (math.inf, "more than 0 s"),
        (200, "longer than 60 s"),
        (MAX_TRIAL_S + 0.01, "left running"),
        (0.6, "stopped too early"),
        ("quick", "number of seconds"),
        (None, "number of seconds"),
    ],
)
def test_impossible_trial_times_get_a_clear_error(seconds, message):
    with pytest.raises(BalanceTestError, match=message):
        trial_result([seconds])


def test_trial_time_limits_are_inclusive():
    assert trial_result([MIN_TRIAL_S]).result_s == MIN_TRIAL_S
    assert trial_result([MAX_TRIAL_S]).result_s == MAX_TRIAL_S


@pytest.mark.parametrize(
    ("seconds", "band"),
    [
        (1.5, Band.LOW),
        (2.99, Band.LOW),
        (3.0, Band.LOW),  # Carter 2019: <= 3.0 s low risk
        (3.01, Band.BETWEEN),
        (4.0, Band.BETWEEN),
        (4.49, Band.BETWEEN),
        (4.5, Band.RISK),  # >= 4.5 s high risk
        (4.51, Band.RISK),
        (12.0, Band.RISK),
    ],
)
def test_older_adult_bands_follow_carter_2019_at_each_boundary(seconds, band):
    result = interpret(seconds, OLDER)
    assert result.band == band
    assert result.in_risk_range is (band == Band.RISK)
    assert result.talk_to_physio is (band == Band.RISK)


@pytest.mark.parametrize(
    ("seconds", "band"), [(4.19, Band.LOW), (4.2, Band.RISK), (4.21, Band.RISK), (2.0, Band.LOW)]
)
def test_parkinson_cutoff_is_4_2_seconds(seconds, band):
    assert interpret(seconds, PD).band == band


@pytest.mark.parametrize(
    ("seconds", "side"), [(5.49, "under"), (5.5, "at or over"), (7.0, "at or over")]
)
def test_polo_ferrero_5_5_s_line_is_shown_with_its_modest_accuracy(seconds, side):
    result = interpret(seconds, OLDER)
    line = next(x for x in result.lines if "Polo-Ferrero" in x)
    assert f"{side} the cut-off of 5.5 s" in line
    assert "AUC 0.655" in line and "modest" in line and "483" in line
    # The band stays Carter's: the 2025 line is context, not a second verdict.
    assert result.band == (Band.RISK if seconds >= 4.5 else Band.BETWEEN)


def test_every_cutoff_row_names_source_study_and_accuracy():
    for row in CUTOFFS:
        assert row.source and row.study and row.accuracy
    pd = interpret(5.0, PD)
    assert any("Carter et al. 2020" in x and "AUC 0.699" in x for x in pd.lines)
    older = interpret(3.5, OLDER)
    assert any("Carter et al. 2019" in x for x in older.lines)


@pytest.mark.parametrize("group", [MS, BalanceGroup.OTHER])
def test_groups_without_a_published_cutoff_get_no_band_and_no_risk_claim(group):
    result = interpret(9.0, group)
    assert result.band == Band.NO_CUTOFF
    assert not result.in_risk_range and not result.talk_to_physio
    assert result.cutoffs == ()
    assert any("there is none for this group" in x for x in result.lines)


@pytest.mark.parametrize("group", list(BalanceGroup))
@pytest.mark.parametrize("seconds", [2.0, 3.6, 4.3, 6.0])
def test_wording_informs_and_never_diagnoses(group, seconds):
    result = interpret(seconds, group)
    text = " ".join((result.headline, *result.lines)).lower()
    assert "does not diagnose" in text
    for claim in ("you have", "you will fall", "you are at high risk", "diagnosis:"):
        assert claim not in text
    assert ("talk to your physiotherapist" in text) is result.in_risk_range


def test_interpret_refuses_impossible_results():
    for bad in (0, 200, -1):
        with pytest.raises(BalanceTestError):
            interpret(bad, OLDER)
    with pytest.raises(ValueError):
        interpret(3.0, "martian")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("group", "mdc", "source"),
    [(MS, 1.69, "Söke"), (PD, 2.13, "Kocer")],
)
def test_mdc_boundary_per_group(group, mdc, source):
    assert {m.group: m.seconds for m in MDCS}[group] == mdc
    below = compare(6.0, round(6.0 + mdc - 0.01, 2), group)
    at = compare(6.0, round(6.0 + mdc, 2), group)
    above = compare(6.0, round(6.0 + mdc + 0.01, 2), group)
    faster = compare(8.0, round(8.0 - mdc - 0.01, 2), group)
    assert below.beyond_mdc is False and at.beyond_mdc is False  # "larger than" the MDC
    assert above.beyond_mdc is True and faster.beyond_mdc is True
    assert above.change_s > 0 and faster.change_s < 0
    assert "slower" in above.message and "faster" in faster.message
    assert source in above.message and above.mdc_s == mdc
    assert "measurement noise" in below.message


@pytest.mark.parametrize("group", [OLDER, BalanceGroup.OTHER])
def test_groups_without_a_published_mdc_say_so_instead_of_guessing(group):
    change = compare(4.0, 9.0, group)
    assert change.beyond_mdc is None and change.mdc_s is None
    assert "no published minimal detectable change" in change.message
    assert change.change_s == 5.0


def test_compare_checks_both_times():
    with pytest.raises(BalanceTestError):
        compare(0, 3.0, MS)
    with pytest.raises(BalanceTestError):
        compare(3.0, 200, MS)


def test_plan_population_maps_to_a_comparison_group():
    assert group_for(Population.OLDER_ADULT) == OLDER
    assert group_for(Population.RUNNER) == BalanceGroup.OTHER


_ORDER = {Band.LOW: 0, Band.BETWEEN: 1, Band.RISK: 2}


@given(
    a=st.floats(min_value=MIN_TRIAL_S, max_value=MAX_TRIAL_S),
    b=st.floats(min_value=MIN_TRIAL_S, max_value=MAX_TRIAL_S),
    group=st.sampled_from([OLDER, PD]),
)
@settings(max_examples=200, deadline=None)
def test_a_slower_time_never_lands_in_a_better_band(a, b, group):
    fast, slow = sorted((a, b))
    assert _ORDER[interpret(fast, group).band] <= _ORDER[interpret(slow, group).band]


@given(
    trials=st.lists(st.floats(min_value=MIN_TRIAL_S, max_value=MAX_TRIAL_S), min_size=1, max_size=2)
)
def test_the_result_lies_between_the_fastest_and_slowest_trial(trials):
    result = trial_result(trials)
    assert min(result.trials_s) <= result.result_s <= max(result.trials_s)


def test_the_next_test_is_due_four_weeks_after_the_last():
    import datetime as dt

    today = dt.date(2026, 12, 7)
    assert next_test_due(None, today) == today
    assert next_test_due(dt.date(2026, 11, 30), today) == dt.date(2026, 12, 28)
