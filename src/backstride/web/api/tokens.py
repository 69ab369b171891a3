"""Issuing and checking personal API tokens (storage in :mod:`.models`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from backstride.web.api.models import ApiToken

TOKEN_PREFIX = "bst_"
MAX_TOKENS_PER_USER = 50
# Writing last_used_at on every request would turn each API read into a write;
# once a minute is precise enough to spot unused tokens.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def digest(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode("utf-8")).hexdigest()


def issue_token(user: AbstractBaseUser, name: str) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the row and the only copy of the secret."""
    name = name.strip()
    if not name:
        raise ValueError("Give the token a name, e.g. the script or device that will use it.")
    if len(name) > 80:
        raise ValueError("A token name can be at most 80 characters.")
    if ApiToken.objects.filter(user=user).count() >= MAX_TOKENS_PER_USER:
        raise ValueError(
            f"You already have {MAX_TOKENS_PER_USER} tokens; revoke unused ones first."
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, digest=digest(raw), prefix=raw[: len(TOKEN_PREFIX) + 6]
    )
    return token, raw


def user_for_token(raw_token: str) -> AbstractBaseUser | None:
    """The active user owning ``raw_token``, or None for unknown/revoked tokens."""
    if not raw_token.startswith(TOKEN_PREFIX) or len(raw_token) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(raw_token), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
