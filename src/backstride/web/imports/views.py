"""Upload a watch file, see what it matched, confirm it into the log book.

Post/redirect/get: the upload stores a preview and redirects to it; confirming
redirects to the log book. Only the person who trained imports their own files.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from backstride.export.text import format_seconds, mib_text
from backstride.web.imports import services
from backstride.web.imports.models import ImportUpload

MAX_ID = 2**63 - 1


def _own_upload(request: HttpRequest, raw: str | None) -> ImportUpload:
    text = str(raw or "")
    if not text.isdigit() or len(text) > 19 or not 1 <= int(text) <= MAX_ID:
        raise Http404("No such import.")
    upload = ImportUpload.objects.filter(pk=int(text), athlete=request.user).first()
    if upload is None:
        raise Http404("No such import.")
    return upload


def _rows(upload: ImportUpload) -> list[dict]:
    return [
        {
            **item,
            "duration": format_seconds(item["duration_s"]),
            "backward": format_seconds(item["backward_seconds"]),
            "percent": round(item["completed_fraction"] * 100),
            "importable": services.importable(item),
            "suggested": services.suggested(item),
            "index": index,
        }
        for index, item in enumerate(upload.items)
    ]


@require_http_methods(["GET", "POST"])
@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """GET: the form (or the preview with ?upload=); POST: parse, match, show the preview."""
    if request.method == "GET" and request.GET.get("upload"):
        found = _own_upload(request, request.GET.get("upload"))
        return render(request, "imports/preview.html", {"upload": found, "rows": _rows(found)})
    error = ""
    if request.method == "POST":
        sent = request.FILES.get("file")
        if sent is None:
            error = "Choose a FIT, GPX or TCX file (or a zip of them) to upload."
        elif sent.size > services.MAX_UPLOAD_BYTES:
            error = f"{sent.name} is larger than {mib_text(services.MAX_UPLOAD_BYTES)}."
        else:
            try:
                made = services.preview(request.user, sent.read(), sent.name or "upload")
            except ValueError as exc:
                error = str(exc)
            else:
                return redirect(f"{request.path}?upload={made.pk}")
    return render(request, "imports/upload.html", {"error": error}, status=400 if error else 200)


@require_POST
@login_required
def confirm(request: HttpRequest) -> HttpResponse:
    found = _own_upload(request, request.POST.get("upload"))
    raw = request.POST.getlist("keep")
    if not all(k.isdigit() and len(k) < 6 for k in raw):
        messages.error(request, "That activity is not part of this import.")
        return redirect(f"{reverse('imports:upload')}?upload={found.pk}")
    # The preview's form marks itself with "selection": without it (a plain POST of the
    # upload id) every importable activity is kept, as before the preview had ticks.
    keep = {int(k) for k in raw} if request.POST.get("selection") else None
    if keep is not None and not keep and found.confirmed_at is None:
        messages.error(request, "Tick at least one activity to save; nothing was saved.")
        return redirect(f"{reverse('imports:upload')}?upload={found.pk}")
    try:
        created, problems = services.confirm(found, request.user, timezone.localdate(), keep)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("logbook:history")
    if created:
        messages.success(
            request,
            f"Imported {len(created)} session{'s' if len(created) != 1 else ''}. "
            "Open each one to add effort and any pain (it counts as not answered until "
            "you do); each one also lets you undo the whole import.",
        )
    for problem in problems:
        messages.warning(request, problem)
    return redirect("logbook:history")


@require_POST
@login_required
def undo(request: HttpRequest, upload_id: int) -> HttpResponse:
    """Remove every log a confirmed import made (only the person's own imports)."""
    found = _own_upload(request, str(upload_id))
    try:
        removed = services.undo(found, request.user, timezone.localdate())
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"Import undone: {removed} log{'s' if removed != 1 else ''} removed; the next "
            "session was decided again from the logs left.",
        )
    return redirect("logbook:history")
