"""A new password ends every API token of the person.

Whoever reset or changed the password (the owner after a leak, or someone who took
the account over) must not leave a token behind that still works. Django already ends
the other sessions (their auth hash changes); tokens are ours to end. Watching the
saved password hash catches every path: the reset form, a change form, the admin,
``manage.py changepassword``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model


def note_password_change(sender: Any, instance: Any, update_fields: Any = None, **_: Any) -> None:
    """pre_save: remember whether this save stores a different password hash."""
    instance._backstride_password_changed = False
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance._backstride_password_changed = stored is not None and stored != instance.password


def revoke_tokens_after_password_change(sender: Any, instance: Any, **_: Any) -> None:
    """post_save: a changed password deletes (revokes) all the person's API tokens."""
    if getattr(instance, "_backstride_password_changed", False):
        from backstride.web.api.models import ApiToken

        ApiToken.objects.filter(user=instance).delete()
        instance._backstride_password_changed = False


def connect() -> None:
    from django.db.models.signals import post_save, pre_save

    user_model = get_user_model()
    pre_save.connect(note_password_change, sender=user_model, dispatch_uid="bs-pw-note")
    post_save.connect(
        revoke_tokens_after_password_change, sender=user_model, dispatch_uid="bs-pw-revoke"
    )
