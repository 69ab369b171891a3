"""The keys the plan JSON promises (docs: `backstride plan --format json`), written out by hand.

Both the exporter's own tests and the CLI tests check plan JSON against this one copy, so
the contract cannot drift between them. It is spelled out here rather than imported from
backstride.export, so that a key dropped from the exporter fails the tests.
"""

from __future__ import annotations

SESSION_KEYS = frozenset({"date", "backward_seconds", "backward_meters", "blocks"})
BLOCK_KEYS = frozenset(
    {
        "kind",
        "direction",
        "mode",
        "repeats",
        "seconds",
        "meters",
        "rest_seconds",
        "speed_kmh",
        "cues",
        "muscles",
        "why",
    }
)


def assert_session_has_contract_keys(session: dict) -> None:
    """Every contract key on the session and on each of its blocks (extra keys are allowed),
    and muscles split into primary and secondary."""
    assert session.keys() >= SESSION_KEYS, sorted(SESSION_KEYS - session.keys())
    for block in session["blocks"]:
        assert block.keys() >= BLOCK_KEYS, sorted(BLOCK_KEYS - block.keys())
        assert block["muscles"].keys() == {"primary", "secondary"}
