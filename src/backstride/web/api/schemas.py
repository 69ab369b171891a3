"""Request/response shapes, plus reusable constrained types for later routers.

``ObjectId`` bounds path ids to what every database can store, so an absurd id such as
``/api/tokens/99999999999999999999`` is a clear 422 instead of an integer overflow (500)
inside the database driver.

Request bodies are strict (``BodyIn`` and the ``Strict*`` types): a JSON body must be an
object, a boolean is not a number and a string is not a boolean or a number. Pydantic's
lax mode would read ``[null, null]`` as ``{}`` (django-ninja reads attributes off any
object) and ``false`` as step index 0; a client that sends those has a bug we should
tell it about, not guess around. Query and path parameters stay lax: they arrive as text.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, get_args

from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import AwareDatetime, BeforeValidator, Field, ValidationInfo, model_validator
from pydantic.functional_validators import ModelWrapValidatorHandler

MAX_DB_INT = 2**63 - 1
ObjectId = Annotated[int, Field(ge=1, le=MAX_DB_INT)]

# Booleans and text are strict per field (pydantic's strict mode: only true/false, only
# text). Numbers are checked by ``BodyIn`` instead: pydantic's strict int refuses 3.0,
# which JSON Schema calls an integer, and a validator function on the type would hide
# its bounds (minimum/maximum) from the OpenAPI document.
StrictBool = Annotated[bool, Field(strict=True)]
StrictStr = Annotated[str, Field(strict=True)]


def _iso_text(value: Any) -> Any:
    """Dates and times come as ISO text; lax pydantic would read 0 as 1970-01-01."""
    if not isinstance(value, str | dt.date):
        raise ValueError("must be ISO 8601 text, e.g. 2026-03-02 or 2026-03-02T09:30:00+01:00")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_text)]
IsoAwareDatetime = Annotated[AwareDatetime, BeforeValidator(_iso_text)]


def _mentions_number(annotation: Any) -> bool:
    """int or float anywhere in the type (``float | None``, ``list[int]``, ``dict[str, int]``)."""
    if annotation in (int, float):
        return True
    return any(_mentions_number(arg) for arg in get_args(annotation) if arg is not bool)


def _not_a_number(value: Any) -> bool:
    """``true`` or text where a number (or numbers in a list or object) belongs."""
    if isinstance(value, dict):
        value = list(value.values())
    items = value if isinstance(value, list) else [value]
    return any(isinstance(item, bool | str) for item in items)


class BodyIn(Schema):
    """Base of every JSON request body: a JSON object, whose numbers are JSON numbers."""

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(
        cls, values: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo
    ) -> Any:
        # Replaces ninja's validator of the same name, which reads attributes off any
        # object (a list included); a dict or an instance goes on to it unchanged.
        if not isinstance(values, dict | cls):
            raise ValueError("must be a JSON object")
        if isinstance(values, dict):
            if cls.model_config.get("extra") == "forbid":
                # ninja hands the handler a getter that only reads known fields, so an
                # unknown one would be silently dropped: refuse it here instead.
                unknown = sorted(set(values) - set(cls.model_fields))
                if unknown:
                    raise ValueError(f"unknown field(s): {', '.join(map(str, unknown))}")
            wrong = [
                name
                for name, field in cls.model_fields.items()
                if name in values
                and _mentions_number(field.annotation)
                and _not_a_number(values[name])
            ]
            if wrong:
                raise ValueError(
                    f"{', '.join(wrong)}: numbers must be JSON numbers, not text or true/false"
                )
        return handler(DjangoGetter(values, cls, info.context))


class ErrorItem(Schema):
    """One problem with the request, as django-ninja (pydantic) reports it."""

    type: str = Field(description="A machine-readable kind, e.g. `missing`, `less_than_equal`.")
    loc: list[str | int] = Field(
        description="Where: `body`/`query`/`path`, then the field names, e.g. "
        '`["body", "payload", "rpe"]`.'
    )
    msg: str = Field(description="A sentence, e.g. `Input should be less than or equal to 10`.")


class ValidationErrors(Schema):
    """The 422 body: every problem found in the request, as a list (never one string)."""

    detail: list[ErrorItem]


class TokenRequest(BodyIn):
    username: StrictStr = Field(min_length=1, max_length=150)
    # Argon2 would happily hash megabytes; a cap keeps one request cheap.
    password: StrictStr = Field(min_length=1, max_length=1024)
    name: StrictStr = Field(default="API token", min_length=1, max_length=80)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None


class IssuedToken(TokenOut):
    token: str = Field(description="The secret. Shown only now; store it safely.")


class Me(Schema):
    username: str
    email: str
    display_name: str
    role: str
    population: str


class Message(Schema):
    """Every error other than 422: one sentence a person can act on."""

    detail: str
