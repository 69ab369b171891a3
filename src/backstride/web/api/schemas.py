"""Request/response shapes, plus reusable constrained types for later routers.

``ObjectId`` bounds path ids to what every database can store, so an absurd id such as
``/api/tokens/99999999999999999999`` is a clear 422 instead of an integer overflow (500)
inside the database driver.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import Field

MAX_DB_INT = 2**63 - 1
ObjectId = Annotated[int, Field(ge=1, le=MAX_DB_INT)]


class TokenRequest(Schema):
    username: str = Field(min_length=1, max_length=150)
    # Argon2 would happily hash megabytes; a cap keeps one request cheap.
    password: str = Field(min_length=1, max_length=1024)
    name: str = Field(default="API token", min_length=1, max_length=80)


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
    detail: str
