"""Deleting an account and everything that points at it.

Foreign keys do most of the work (every per-person row cascades from the user), but
two stores hold the person without a foreign key: the login throttle (keyed by the
username) and Django's sessions (the user id inside encoded data, e.g. a phone still
signed in). Both are cleared too, inside the same transaction.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from backstride.web.accounts import throttle


def _sessions_of(user_pk: object) -> list[str]:
    keys = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_pk):
            keys.append(session.session_key)
    return keys


@transaction.atomic
def delete_account(user: AbstractBaseUser) -> None:
    """Remove the user, every row that cascades from them, their throttle and sessions."""
    throttle.record_success(user.get_username())
    Session.objects.filter(session_key__in=_sessions_of(user.pk)).delete()
    user.delete()
