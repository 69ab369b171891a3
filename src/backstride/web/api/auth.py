"""Authentication classes that every API router reuses.

``api_auth`` accepts a personal token (``Authorization: Bearer bst_...``) for scripts
and apps, or the browser's session cookie (with CSRF) for the web pages' own scripts.
Pass it as ``auth=api_auth`` on a router or route.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from backstride.web.api.tokens import user_for_token


class BearerTokenAuth(HttpBearer):
    """Resolve a personal API token to its user and attach it to the request."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is None:
            return None
        request.user = user
        return user


api_auth = [BearerTokenAuth(), SessionAuth()]
