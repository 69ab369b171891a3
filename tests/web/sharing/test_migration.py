"""Moving CoachLink from coaching to sharing keeps every link, in both directions.

The migrations run for real on the test database (SQLite here, PostgreSQL under
scripts/pg-test.sh): links written before the move are read after it, the one-live-
link rule still holds on the renamed table, and undoing the move keeps them too.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from backstride.web.accounts.models import Profile, Role
from backstride.web.sharing.access import can_view
from backstride.web.sharing.models import CoachLink

BEFORE = [("coaching", "0001_initial")]


def migrate(targets: list[tuple[str, str]]) -> object:
    """Run the migrations to ``targets``; returns the historical apps at that point."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_links_written_before_the_move_are_read_after_it() -> None:
    old = migrate(BEFORE)
    assert "sharing_coachlink" not in connection.introspection.table_names()
    users = old.get_model("auth", "User")
    coach = users.objects.create(username="cora", password="!")
    athlete = users.objects.create(username="olive", password="!")
    other = users.objects.create(username="otto", password="!")
    links = old.get_model("coaching", "CoachLink")
    live = links.objects.create(coach=coach, athlete=athlete)
    ended = links.objects.create(
        coach=coach, athlete=other, revoked_at=timezone.now(), revoked_by="athlete"
    )

    migrate(latest())

    assert "coaching_coachlink" not in connection.introspection.table_names()
    moved = {link.pk: link for link in CoachLink.objects.all()}
    assert set(moved) == {live.pk, ended.pk}
    assert (moved[live.pk].coach_id, moved[live.pk].athlete_id) == (coach.pk, athlete.pk)
    assert moved[live.pk].is_active
    assert moved[ended.pk].revoked_by == "athlete" and not moved[ended.pk].is_active
    # The rule reads the moved rows: the live link grants access, the ended one does not.
    Profile.objects.create(user_id=coach.pk, role=Role.COACH, display_name="Cora")
    coach_user, athlete_user, other_user = (
        get_user_model().objects.get(pk=pk) for pk in (coach.pk, athlete.pk, other.pk)
    )
    assert can_view(coach_user, athlete_user)
    assert not can_view(coach_user, other_user)
    # The database still refuses a second live link for the same pair.
    with pytest.raises(IntegrityError), transaction.atomic():
        CoachLink.objects.create(coach=coach_user, athlete=athlete_user)


@pytest.mark.django_db(transaction=True)
def test_undoing_the_move_keeps_the_links(owner: object, coach: object) -> None:
    link = CoachLink.objects.create(coach=coach, athlete=owner)

    old = migrate(BEFORE)

    back = old.get_model("coaching", "CoachLink").objects.get()
    assert (back.pk, back.coach_id, back.athlete_id) == (link.pk, coach.pk, owner.pk)

    migrate(latest())

    assert list(CoachLink.objects.values_list("pk", "coach_id", "athlete_id")) == [
        (link.pk, coach.pk, owner.pk)
    ]
