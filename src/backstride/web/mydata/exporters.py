"""Exporters for the apps that existed before ``mydata``, and the coaching app.

Apps added later register their own; as a fallback, :func:`register_builtin_exporters`
also registers any installed app listed in :data:`GENERIC_APPS`, exporting every model
row that points at the user through a foreign key (so nothing is forgotten).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q

from backstride.web.accounts.models import Profile
from backstride.web.api.models import ApiToken
from backstride.web.coaching.models import CoachAction, Invite
from backstride.web.mydata.registry import Rows, model_rows, register, registered
from backstride.web.sharing.models import CoachLink

# Apps whose rows are exported generically when they do not register an exporter.
GENERIC_APPS: tuple[str, ...] = ("plans", "logbook")


def export_account(user: AbstractBaseUser) -> dict[str, Rows]:
    account = {
        "username": user.get_username(),
        "email": getattr(user, "email", ""),
        "date_joined": getattr(user, "date_joined", None),
        "last_login": getattr(user, "last_login", None),
    }
    profiles = model_rows(Profile.objects.filter(user=user), exclude=("id", "user"))
    return {"account": [account], "profile": profiles}


def export_api_tokens(user: AbstractBaseUser) -> dict[str, Rows]:
    # The digest is derived from the secret: never export it.
    tokens = ApiToken.objects.filter(user=user)
    return {"api_tokens": model_rows(tokens, exclude=("user", "digest"))}


def _name(user: AbstractBaseUser | None) -> str:
    if user is None:
        return "(deleted account)"
    profile = getattr(user, "profile", None)
    return profile.name if profile is not None else user.get_username()


def export_coaching(user: AbstractBaseUser) -> dict[str, Rows]:
    links = CoachLink.objects.filter(Q(athlete=user) | Q(coach=user)).select_related(
        "coach__profile", "athlete__profile"
    )
    link_rows = [
        {
            "id": link.pk,
            "my_role": "athlete" if link.athlete_id == user.pk else "coach",
            "coach": _name(link.coach),
            "athlete": _name(link.athlete),
            "accepted_at": link.accepted_at,
            "revoked_at": link.revoked_at,
            "revoked_by": link.revoked_by,
        }
        for link in links
    ]
    actions = CoachAction.objects.filter(Q(athlete=user) | Q(actor=user)).select_related(
        "athlete__profile", "actor__profile"
    )
    action_rows = [
        {
            "id": a.pk,
            "athlete": _name(a.athlete),
            "made_by": _name(a.actor),
            "kind": a.kind,
            "detail": a.detail,
            "created_at": a.created_at,
        }
        for a in actions
    ]
    invites = model_rows(Invite.objects.filter(coach=user), exclude=("coach", "token"))
    return {"coach_links": link_rows, "plan_changes": action_rows, "coach_invites": invites}


def _looks_secret(field_name: str) -> bool:
    """Feed secrets and token digests grant access; an export file must not carry them."""
    return any(word in field_name for word in ("secret", "token", "digest", "password"))


# Foreign keys that say whose data a row is. Others that point at a user (recorded_by,
# made_by, reviewed_by, created_by) only say who typed it: a coach's export must not
# carry an athlete's rows because the coach entered them.
OWNER_FIELDS = ("user", "athlete", "owner")


def user_paths(model: type, user_model: type) -> list[str]:
    """Lookups from ``model`` to the user who owns the row: a direct owner foreign key,
    or one hop through a parent row (e.g. a plan change -> its plan -> the athlete)."""
    paths = []
    for field in model._meta.concrete_fields:
        if not field.is_relation or field.related_model is None:
            continue
        if field.related_model is user_model:
            if field.name in OWNER_FIELDS:
                paths.append(field.name)
        elif field.related_model is not model:
            for parent in field.related_model._meta.concrete_fields:
                if (
                    parent.is_relation
                    and parent.related_model is user_model
                    and parent.name in OWNER_FIELDS
                ):
                    paths.append(f"{field.name}__{parent.name}")
    return paths


def generic_exporter(app_label: str):
    """Every row of the app's models that leads to the user within one hop."""
    user_model = get_user_model()

    def export(user: AbstractBaseUser) -> dict[str, Rows]:
        out: dict[str, Rows] = {}
        for model in apps.get_app_config(app_label).get_models():
            paths = user_paths(model, user_model)
            if not paths:
                continue
            query = Q()
            for path in paths:
                query |= Q(**{path: user})
            rows = model.objects.filter(query).distinct().order_by("pk")
            secret = [f.name for f in model._meta.concrete_fields if _looks_secret(f.name)]
            out[f"{app_label}_{model._meta.model_name}"] = model_rows(rows, exclude=secret)
        return out

    export.generic = True  # type: ignore[attr-defined]
    return export


def register_builtin_exporters() -> None:
    for label, exporter in (
        ("accounts", export_account),
        ("api", export_api_tokens),
        ("coaching", export_coaching),
    ):
        if label not in registered():
            register(label, exporter)
    for label in GENERIC_APPS:
        if label not in registered():
            register(label, generic_exporter(label))
