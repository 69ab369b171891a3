"""``GET /api/progress``: the numbers of the progress page as JSON.

Same access rule as every other route: the signed-in person, or with ``?athlete=<id>``
someone who shares with them; anyone else gets 404 (never a hint that the id exists).
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from pydantic import Field

from backstride.web.api.auth import api_auth
from backstride.web.api.schemas import Message, ObjectId
from backstride.web.progress import services
from backstride.web.sharing.access import athlete_for

router = Router(auth=api_auth, tags=["progress"])

Weeks = Annotated[int, Field(ge=1, le=services.MAX_WEEKS)]


@router.get(
    "/progress",
    response={200: dict[str, Any], 404: Message},
    summary="Weekly volume, daily load with trends, pain and adherence",
)
def get_progress(
    request: HttpRequest,
    weeks: Query[Weeks | None] = None,
    athlete: Query[ObjectId | None] = None,
) -> dict[str, Any]:
    """``weeks`` 1-104 (default 8) counts back from this week's Monday."""
    person = athlete_for(request, athlete)
    span = services.DEFAULT_WEEKS if weeks is None else weeks
    return services.to_dict(services.progress_for(person, timezone.localdate(), span))
