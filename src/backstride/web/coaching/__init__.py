"""Coach/physio sharing: invites, accepted links, the coach dashboard and coach notes.

``can_view`` is re-exported lazily because other apps look it up on this package
(``backstride.web.plans.access``) and a package ``__init__`` must not import models
before Django's app registry is ready.
"""

from __future__ import annotations

from typing import Any


def can_view(coach_user: Any, athlete_user: Any) -> bool:
    """See :func:`backstride.web.coaching.access.can_view`."""
    from backstride.web.coaching.access import can_view as _can_view

    return _can_view(coach_user, athlete_user)
