"""Cross-cutting HTTP rules: no caching of private answers, and uploads refused by size.

Both are middleware because they must hold for every page and API route without each
view remembering them, and because the size check must run before anything reads the
body (the CSRF check reads a POSTed form, which would spool a 2 GB upload to disk).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from backstride.export.text import mib_text
from backstride.web.analysis.files import MAX_UPLOAD_BYTES as VIDEO_LIMIT
from backstride.web.imports.services import MAX_UPLOAD_BYTES as IMPORT_LIMIT

PRIVATE = "private, no-store"

# POST routes that take a file, and the largest file each accepts.
UPLOAD_LIMITS: dict[str, tuple[int, str, str]] = {
    "/form-checks/new/": (VIDEO_LIMIT, "a video", "/form-checks/"),
    "/api/form-checks": (VIDEO_LIMIT, "a video", ""),
    "/log/import/": (IMPORT_LIMIT, "an activity file", "/log/import/"),
    "/api/imports": (IMPORT_LIMIT, "an activity file", ""),
}
# Room for the multipart framing and the other form fields around the file.
MULTIPART_ALLOWANCE = 64 * 1024


def too_large_message(kind: str, limit_bytes: int) -> str:
    return (
        f"That upload is larger than the {mib_text(limit_bytes)} limit for {kind}. "
        "Trim or compress it and try again."
    )


class UploadLimitMiddleware:
    """Answer 413 from the declared Content-Length, before a byte of the body is read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path_info in UPLOAD_LIMITS:
            limit, kind, back = UPLOAD_LIMITS[request.path_info]
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
            if declared > limit + MULTIPART_ALLOWANCE:
                return self.refuse(request, too_large_message(kind, limit), back)
        return self.get_response(request)

    @staticmethod
    def refuse(request: HttpRequest, message: str, back: str) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            response: HttpResponse = JsonResponse({"detail": message}, status=413)
        else:
            page = render_to_string("413.html", {"message": message, "back": back}, request=request)
            response = HttpResponse(page, status=413)
        # The body was not read: the connection cannot carry another request.
        response["Connection"] = "close"
        response["Cache-Control"] = PRIVATE
        return response


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on signed-in pages and every API answer.

    A shared computer's browser cache or a proxy must not keep someone's logs or
    results. Responses that set their own Cache-Control (a served video that may be
    cached privately for seeking, a calendar feed) keep theirs.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or request.path_info.startswith("/api/"):
            response["Cache-Control"] = PRIVATE
        return response
