"""The JSON API (django-ninja), mounted at /api/ with its schema at /api/openapi.json.

Later domain routers attach with ``api.add_router("/plans/", router)`` and protect
their routes with :data:`backstride.web.api.auth.api_auth`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Path, Status, Swagger
from ninja.errors import HttpError

from backstride.web.accounts import throttle
from backstride.web.accounts.models import profile_for
from backstride.web.api import openapi, tokens
from backstride.web.api.auth import api_auth
from backstride.web.api.models import ApiToken
from backstride.web.api.schemas import IssuedToken, Me, Message, ObjectId, TokenOut, TokenRequest


class BackstrideAPI(NinjaAPI):
    """NinjaAPI whose schema documents the shared error answers and the links."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        openapi.document_errors(schema)
        openapi.add_links(schema)
        return schema


api = BackstrideAPI(
    title="Backstride API",
    version="1",
    description="Plans, session logs and progress for backwards running and walking. "
    "Authenticate with `Authorization: Bearer <token>` from `POST /api/token`.",
    urls_namespace="api",
    # Deep links put a link inside each operation's toggle button (nested controls that
    # screen readers cannot reach); the page's look is ours: api/templates/ninja/swagger.html.
    docs=Swagger(settings={"deepLinking": False}),
)


@api.exception_handler(MultiPartParserError)
def unreadable_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    """A multipart body without a boundary (or cut off): JSON 400 like every API error.

    Without this Django answers its HTML 400 page and logs a traceback.
    """
    return api.create_response(
        request,
        {"detail": f"The upload is not readable multipart/form-data: {exc}."},
        status=400,
    )


@api.exception_handler(SuspiciousOperation)
def refused_request(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    """Too large a body, too many fields or files: JSON 400 with Django's sentence."""
    return api.create_response(request, {"detail": str(exc) or "Bad request."}, status=400)


@api.post(
    "/token",
    response={201: IssuedToken, 400: Message, 401: Message, 429: Message},
    auth=None,
    summary="Exchange username and password for a personal API token",
)
def create_token(request: HttpRequest, payload: TokenRequest) -> Status:
    """Same password check and throttle as the sign-in page, so the API is no side door."""
    address = throttle.client_address(request)
    locked = throttle.begin_login(payload.username, address)
    if locked:
        return Status(429, {"detail": throttle.lockout_message(locked)})
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        throttle.login_failed(payload.username, address)
        return Status(401, {"detail": "Wrong username or password."})
    throttle.login_succeeded(payload.username, address)
    try:
        token, raw = tokens.issue_token(user, payload.name)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@api.get("/me", response=Me, auth=api_auth, summary="The signed-in person")
def me(request: HttpRequest) -> dict[str, str]:
    profile = profile_for(request.user)
    return {
        "username": request.user.get_username(),
        "email": request.user.email,
        "display_name": profile.display_name,
        "role": profile.role,
        "population": profile.population,
    }


@api.get("/tokens", response=list[TokenOut], auth=api_auth, summary="My API tokens")
def list_tokens(request: HttpRequest) -> object:
    return ApiToken.objects.filter(user=request.user)


@api.delete(
    "/tokens/{token_id}",
    response={204: None, 404: Message},
    auth=api_auth,
    summary="Revoke one of my API tokens",
)
def revoke_token(request: HttpRequest, token_id: Path[ObjectId]) -> Status:
    # Filtering by owner makes someone else's token indistinguishable from a missing one.
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    token.delete()
    return Status(204, None)


# Domain routers (each protects its routes with api_auth).
from backstride.web.analysis.api import router as analysis_router  # noqa: E402
from backstride.web.balance.api import router as balance_router  # noqa: E402
from backstride.web.coaching.api import router as coaching_router  # noqa: E402
from backstride.web.imports.api import router as imports_router  # noqa: E402
from backstride.web.logbook.api import router as logbook_router  # noqa: E402
from backstride.web.plans.api import router as plans_router  # noqa: E402
from backstride.web.progress.api import router as progress_router  # noqa: E402

api.add_router("", plans_router)
api.add_router("", logbook_router)
api.add_router("", imports_router)
api.add_router("/coach/", coaching_router)
api.add_router("", progress_router)
api.add_router("", analysis_router)
api.add_router("", balance_router)
