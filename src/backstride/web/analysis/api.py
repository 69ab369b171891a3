"""``/api/form-checks``: upload a video for a form check and read the results.

Same access rule as the pages: the athlete, or with ``?athlete=<id>`` a coach they share
with; anyone else gets 404. Only the athlete uploads.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Query, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from backstride.web.analysis import lease, services
from backstride.web.analysis.models import FormCheck
from backstride.web.api.auth import api_auth
from backstride.web.api.schemas import Message, ObjectId
from backstride.web.sharing.access import athlete_for

router = Router(auth=api_auth, tags=["form checks"])


@router.get(
    "/form-checks",
    response={200: list[dict[str, Any]], 404: Message},
    summary="Form checks, newest first",
)
def list_checks(request: HttpRequest, athlete: Query[ObjectId | None] = None) -> list[dict]:
    person = athlete_for(request, athlete)
    lease.recover_lost_checks()
    return [services.to_dict(c) for c in FormCheck.objects.filter(athlete=person)[:100]]


@router.post(
    "/form-checks",
    response={201: dict[str, Any], 400: Message},
    summary="Upload a video (multipart field `video`, optional `slowmo` factor); the "
    "analysis is queued",
)
def create_check(
    request: HttpRequest, video: File[UploadedFile], slowmo: Form[str | None] = None
) -> Status:
    try:
        check = services.create_check(request.user, video, uploaded_by=request.user, slowmo=slowmo)
    except services.UploadRefused as exc:
        raise HttpError(400, str(exc)) from None
    return Status(201, services.to_dict(check))


@router.get(
    "/form-checks/{check_id}",
    response={200: dict[str, Any], 404: Message},
    summary="One form check: status, error or summary with cue verdicts",
)
def get_check(request: HttpRequest, check_id: ObjectId) -> dict[str, Any]:
    return services.to_dict(services.check_for(request, check_id))
