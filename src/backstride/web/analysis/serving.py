"""Sending a check's files through a view: whole, or in byte ranges for <video>.

Phones' browsers (Safari above all) only play a video whose server answers HTTP range
requests, which Django's FileResponse does not do; this is the small part of RFC 9110
they use: one ``bytes=start-end`` range.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape
from pathlib import Path

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024

# report.html is self-contained (no script, images inline): forbid everything else.
REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; media-src 'self'"


_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
# Inline style only: the report's CSP allows no stylesheet or script from elsewhere.
APP_BAR = (
    '<nav aria-label="Backstride" style="padding:0.75rem 1rem;margin:0 0 1rem;'
    'background:#0f5c4a;font:600 1rem/1.4 system-ui,sans-serif">'
    '<a href="{href}" style="color:#fff;text-underline-offset:0.2em">'
    "&larr; Back to this form check in Backstride</a></nav>"
)


def with_app_bar(html: str, back_url: str) -> str:
    """report.html with a link back to the app right after <body> (at the very top when
    the file has no body tag)."""
    bar = APP_BAR.format(href=escape(back_url))
    match = _BODY.search(html)
    if match is None:
        return bar + html
    return html[: match.end()] + bar + html[match.end() :]


def _chunks(path: Path, start: int, length: int) -> Iterator[bytes]:
    with path.open("rb") as handle:
        handle.seek(start)
        left = length
        while left > 0:
            data = handle.read(min(CHUNK, left))
            if not data:
                break
            left -= len(data)
            yield data


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(start, end inclusive) of a single satisfiable range, else None."""
    match = _RANGE.match(header.strip())
    if not match or size == 0:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        start, end = max(0, size - int(last)), size - 1
    else:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
    if start > end or start >= size:
        return None
    return start, end


def file_response(request: HttpRequest, path: Path, content_type: str) -> HttpResponse:
    """The file, honouring a Range header; always private and never sniffed."""
    size = path.stat().st_size
    header = request.headers.get("Range", "")
    if header:
        span = parse_range(header, size)
        if span is None:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        start, end = span
        response = StreamingHttpResponse(
            _chunks(path, start, end - start + 1), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    else:
        response = FileResponse(path.open("rb"), content_type=content_type)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, max-age=3600"
    return response
