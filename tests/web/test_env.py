"""The typed environment readers: clear values pass, anything else stops start-up."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import strategies as st

from backstride.web.env import (
    KNOWN_VARIABLES,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_secret,
    env_str,
)


@pytest.mark.parametrize("text", ["1", "true", "TRUE", "yes", "on", " On "])
def test_env_bool_accepts_common_spellings_of_yes(text: str) -> None:
    assert env_bool("X_FLAG", False, env={"X_FLAG": text}) is True


@pytest.mark.parametrize("text", ["0", "false", "no", "off", ""])
def test_env_bool_accepts_common_spellings_of_no(text: str) -> None:
    assert env_bool("X_FLAG", True, env={"X_FLAG": text}) is False


def test_env_bool_uses_the_default_when_unset() -> None:
    assert env_bool("X_FLAG", True, env={}) is True


def test_env_bool_names_the_variable_when_the_value_is_a_typo() -> None:
    with pytest.raises(ImproperlyConfigured, match=r"X_FLAG='ture' is not a yes/no value"):
        env_bool("X_FLAG", False, env={"X_FLAG": "ture"})


def test_env_int_reads_numbers_and_enforces_bounds() -> None:
    assert env_int("X_N", 5, env={"X_N": "12"}) == 12
    assert env_int("X_N", 5, env={}) == 5
    with pytest.raises(ImproperlyConfigured, match="X_N='twelve' is not a whole number"):
        env_int("X_N", 5, env={"X_N": "twelve"})
    with pytest.raises(ImproperlyConfigured, match="below the minimum of 1"):
        env_int("X_N", 5, minimum=1, env={"X_N": "0"})
    with pytest.raises(ImproperlyConfigured, match="above the maximum of 10"):
        env_int("X_N", 5, maximum=10, env={"X_N": "11"})


def test_env_list_splits_on_commas_and_drops_blanks() -> None:
    assert env_list("X_L", env={"X_L": "a.example, b.example,,"}) == ["a.example", "b.example"]
    assert env_list("X_L", "x,y", env={}) == ["x", "y"]


def test_env_str_and_path_fall_back_to_defaults(tmp_path: Path) -> None:
    assert env_str("X_S", "dflt", env={"X_S": "  "}) == "dflt"
    assert env_path("X_P", tmp_path, env={}) == tmp_path.resolve()
    assert env_path("X_P", Path("/nowhere"), env={"X_P": str(tmp_path)}) == tmp_path.resolve()


def test_env_secret_reads_the_file_variant(tmp_path: Path) -> None:
    secret_file = tmp_path / "key"
    secret_file.write_text("s3cret-from-file\n", encoding="utf-8")
    assert env_secret("X_KEY", env={"X_KEY_FILE": str(secret_file)}) == "s3cret-from-file"
    assert env_secret("X_KEY", env={"X_KEY": "direct"}) == "direct"
    assert env_secret("X_KEY", "fallback", env={}) == "fallback"


def test_env_secret_refuses_both_forms_at_once(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="either X_KEY or X_KEY_FILE, not both"):
        env_secret("X_KEY", env={"X_KEY": "a", "X_KEY_FILE": str(tmp_path / "k")})


def test_env_secret_explains_a_missing_or_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        env_secret("X_KEY", env={"X_KEY_FILE": str(tmp_path / "absent")})
    empty = tmp_path / "empty"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(ImproperlyConfigured, match="which is empty"):
        env_secret("X_KEY", env={"X_KEY_FILE": str(empty)})


def test_every_read_is_recorded_for_the_documentation_check() -> None:
    env_str("X_RECORDED_NAME", env={})
    env_secret("X_RECORDED_SECRET", env={})
    assert {"X_RECORDED_NAME", "X_RECORDED_SECRET", "X_RECORDED_SECRET_FILE"} <= KNOWN_VARIABLES


@given(st.text(max_size=40))
def test_env_bool_either_reads_a_flag_or_names_the_variable(text: str) -> None:
    try:
        value = env_bool("X_FUZZ", False, env={"X_FUZZ": text})
    except ImproperlyConfigured as exc:
        assert str(exc).startswith("X_FUZZ=")
    else:
        assert value is (text.strip().lower() in {"1", "true", "yes", "on"})


@given(st.text(max_size=40))
def test_env_int_either_reads_a_bounded_number_or_names_the_variable(text: str) -> None:
    try:
        value = env_int("X_FUZZ", 7, minimum=0, maximum=100, env={"X_FUZZ": text})
    except ImproperlyConfigured as exc:
        assert str(exc).startswith("X_FUZZ=")
    else:
        assert 0 <= value <= 100
