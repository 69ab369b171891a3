"""Authentication classes that every API router reuses.

``api_auth`` accepts a personal token (``Authorization: Bearer bst_...``) for scripts
and apps, or the browser's session cookie (with CSRF) for the web pages' own scripts.
Pass it as ``auth=api_auth`` on a router or route.

Nobody signed in gets 401 on every method: the CSRF check belongs to a signed-in
browser session (it protects that session from other sites' forms), so it runs only
once the session has a user. A signed-in browser that posts without the CSRF token
still gets 403 "CSRF check Failed".
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from backstride.web.api.tokens import user_for_token


class BearerTokenAuth(HttpBearer):
    """Resolve a personal API token to its user and attach it to the request."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header)
        if header and header.split(" ", 1)[0].lower() != self.openapi_scheme:
            raise AuthenticationError()  # Basic, Token ...: credentials we do not take
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is None:
            # A wrong token is a 401 even when a session cookie rides along: the
            # request said who it is, and that was not true.
            raise AuthenticationError()
        request.user = user
        return user


class SignedInSessionAuth(SessionAuth):
    """Django's session, with ninja's CSRF check, only when the session has a user."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None  # not signed in: a 401, not a CSRF complaint
        return super().__call__(request)


api_auth = [BearerTokenAuth(), SignedInSessionAuth()]
