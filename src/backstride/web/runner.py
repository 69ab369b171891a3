"""What `backstride serve` and `backstride worker` do, as functions the CLI calls.

Embedded default: one process runs waitress (a pure-Python, multi-threaded WSGI server
meant for production, which works the same on Linux, macOS and Windows and does not
fork, so a worker thread can live beside it) plus one django-tasks-db worker thread,
over SQLite in WAL mode. Django's runserver was not chosen: it is documented as unfit
for real traffic and its autoreloader restarts the process. Scale path: gunicorn or
granian web processes plus separate `backstride worker` processes (docs/deployment.md).
"""

from __future__ import annotations

import os
import secrets
import threading
from pathlib import Path

from backstride.web.env import data_dir, env_bool

LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
ANY_ADDRESS = ("0.0.0.0", "::", "")


def prepare_environment(host: str) -> Path:
    """Set environment defaults for a one-machine install, before Django reads them.

    Creates the data folder and, when no secret key is configured and debug is off,
    a random key kept in ``<data dir>/secret_key`` (mode 600) so sessions survive
    restarts. Explicit settings always win over these defaults.
    """
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backstride.web.settings")
    use_local_secret_key(folder, create=True)
    if "BACKSTRIDE_ALLOWED_HOSTS" not in os.environ:
        hosts = list(LOCAL_HOSTS)
        if host not in ANY_ADDRESS and host not in hosts:
            hosts.append(host)
        os.environ["BACKSTRIDE_ALLOWED_HOSTS"] = ",".join(hosts)
    return folder


def _debug_requested() -> bool:
    from django.core.exceptions import ImproperlyConfigured

    try:
        return env_bool("BACKSTRIDE_DEBUG", False)
    except ImproperlyConfigured as exc:
        raise ValueError(str(exc)) from None


def use_local_secret_key(folder: Path, create: bool) -> None:
    """Point BACKSTRIDE_SECRET_KEY_FILE at ``<folder>/secret_key`` when no key is set.

    `serve` creates the file on first start; `worker` on the same machine only reuses
    it, so both processes sign with the same key.
    """
    configured = os.environ.get("BACKSTRIDE_SECRET_KEY") or os.environ.get(
        "BACKSTRIDE_SECRET_KEY_FILE"
    )
    if configured or _debug_requested():
        return
    key_file = folder / "secret_key"
    if create and not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(50))
    if key_file.exists():
        os.environ["BACKSTRIDE_SECRET_KEY_FILE"] = str(key_file)


def setup_django() -> None:
    """Load settings and apps, turning configuration mistakes into a ValueError."""
    import django
    from django.core.exceptions import ImproperlyConfigured

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backstride.web.settings")
    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise ValueError(str(exc)) from None


def migrate() -> None:
    """Bring the database schema up to date (runs the system checks first)."""
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("migrate", interactive=False, verbosity=0)
    except SystemCheckError as exc:
        raise ValueError(f"The configuration has problems:\n{exc}") from None


def database_label() -> str:
    """A short, password-free description of the database for the start-up banner."""
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"SQLite {connection.settings_dict['NAME']} (WAL)"
    host = connection.settings_dict.get("HOST") or "local socket"
    return f"{connection.vendor} {connection.settings_dict.get('NAME')} on {host}"


class WorkerThread(threading.Thread):
    """django-tasks-db's worker loop in a daemon thread, for the embedded default.

    It reuses the library's ``Worker`` (claiming rows under an exclusive transaction),
    so the same tasks run the same way as under a separate `backstride worker`.
    """

    def __init__(self, interval_seconds: float = 1.0) -> None:
        super().__init__(name="backstride-task-worker", daemon=True)
        from django.utils.crypto import get_random_string
        from django_tasks_db.management.commands.db_worker import Worker

        self.worker = Worker(
            queue_names=["*"],
            interval=interval_seconds,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=f"in-process-{get_random_string(12)}",
            excluded_queue_names=[],
        )

    def run(self) -> None:
        from django.db import connections

        from backstride.web.analysis.lease import LeaseKeeper

        keeper = LeaseKeeper()
        keeper.start()
        try:
            self.worker.run()
        finally:
            keeper.stop()
            connections.close_all()

    def stop(self, timeout_seconds: float = 5.0) -> None:
        """Finish the current task, then leave the loop."""
        self.worker.running = False
        self.join(timeout_seconds)


def serve_forever(host: str, port: int, threads: int) -> None:
    """Serve the app with waitress until interrupted; OSError if the port is taken."""
    from waitress import serve

    from backstride.web.wsgi import application

    serve(application, host=host, port=port, threads=threads, ident="backstride")


def run_worker(interval_seconds: float, batch: bool, queues: str) -> None:
    """The scale-path worker: django-tasks-db's ``db_worker`` without code reloading."""
    from django.core.management import call_command
    from django.db import DatabaseError

    from backstride.web.analysis.lease import LeaseKeeper, recover_lost_checks

    # Jobs whose worker died are queued again (or failed) by every living worker.
    keeper = LeaseKeeper()
    try:
        recover_lost_checks()
        if not batch:
            keeper.start()
        call_command(
            "db_worker",
            queue_name=queues,
            interval=interval_seconds,
            batch=batch,
            reload=False,
            startup_delay=not batch,
            verbosity=1,
        )
    except DatabaseError as exc:
        raise ValueError(
            f"The database is not ready ({exc}); run `python -m backstride.web migrate` "
            "or start `backstride serve` once."
        ) from None
    finally:
        if keeper.is_alive():
            keeper.stop()
