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
from typing import Annotated, Any

from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import AwareDatetime, BeforeValidator, Field, ValidationInfo, model_validator
from pydantic.functional_validators import ModelWrapValidatorHandler

MAX_DB_INT = 2**63 - 1
ObjectId = Annotated[int, Field(ge=1, le=MAX_DB_INT)]

# Pydantic's strict mode, per field: JSON numbers for numbers (a float takes 1 and 1.5,
# an integer only 1), true/false for booleans, text for text; never "1" or true for 1.
StrictInt = Annotated[int, Field(strict=True)]
StrictFloat = Annotated[float, Field(strict=True)]
StrictBool = Annotated[bool, Field(strict=True)]
StrictStr = Annotated[str, Field(strict=True)]


def _iso_text(value: Any) -> Any:
    """Dates and times come as ISO text; lax pydantic would read 0 as 1970-01-01."""
    if not isinstance(value, str | dt.date):
        raise ValueError("must be ISO 8601 text, e.g. 2026-03-02 or 2026-03-02T09:30:00+01:00")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_text)]
IsoAwareDatetime = Annotated[AwareDatetime, BeforeValidator(_iso_text)]


class BodyIn(Schema):
    """Base of every JSON request body: only a JSON object is one."""

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(
        cls, values: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo
    ) -> Any:
        # Replaces ninja's validator of the same name, which reads attributes off any
        # object (a list included); a dict or an instance goes on to it unchanged.
        if not isinstance(values, dict | cls):
            raise ValueError("must be a JSON object")
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
