"""What `backstride serve` and `backstride worker` do, as functions the CLI calls.

Embedded default on Linux and macOS: gunicorn with several processes (threads each, so
keep-alive clients are served) over SQLite in WAL mode, plus one side-by-side
``backstride worker`` process that ``serve`` starts, restarts if it dies, and stops. One
waitress process reached only ~63 requests/s on two cores (the GIL keeps it on one
core); several processes over WAL hold 100/s (docs/benchmarks.md, issue 14). Where
gunicorn cannot run (Windows) it falls back to waitress with a worker thread, the
earlier default. Django's runserver was not chosen: it is documented as unfit for real
traffic. Scale path: gunicorn or granian web processes plus separate `backstride worker`
processes over PostgreSQL (docs/deployment.md).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
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


def default_processes() -> int:
    """One web process per core plus one, at least two: measured best on two cores."""
    return max(2, (os.cpu_count() or 1) + 1)


def gunicorn_available() -> bool:
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return False
    return os.name == "posix"


def check_port_free(host: str, port: int) -> None:
    """Raise OSError(EADDRINUSE) now: gunicorn would retry for seconds, then log it."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host.strip("[]") or "0.0.0.0", port))


def serve_forever(host: str, port: int, threads: int, processes: int | None = None) -> None:
    """Serve until stopped, with the task worker beside the web server.

    gunicorn (``processes`` web processes of ``threads`` threads) plus a supervised
    worker process where gunicorn runs; else waitress plus a worker thread. OSError if
    the port is taken.
    """
    if not gunicorn_available() or processes == 0:
        serve_with_waitress(host, port, threads)
        return
    check_port_free(host, port)
    from django.db import connections

    connections.close_all()  # the forked web processes open their own
    worker = WorkerProcess()
    worker.start()
    try:
        run_gunicorn(gunicorn_options(host, port, threads, processes or default_processes()))
    finally:
        worker.stop()


def serve_with_waitress(host: str, port: int, threads: int) -> None:
    """One process: waitress threads and a django-tasks-db worker thread."""
    from waitress import serve

    from backstride.web.wsgi import application

    worker = WorkerThread()
    worker.start()
    try:
        serve(application, host=host, port=port, threads=threads, ident="backstride")
    finally:
        worker.stop()


def gunicorn_options(host: str, port: int, threads: int, processes: int) -> dict[str, object]:
    """gunicorn settings of the default server (gthread: threads serve keep-alive clients)."""
    address = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return {
        "bind": f"{address or '0.0.0.0'}:{port}",
        "workers": processes,
        "threads": threads,
        "worker_class": "gthread",
        # Browsers and the player keep connections open between requests.
        "keepalive": 5,
        "proc_name": "backstride",
        # Django is already set up in this process: forked web processes share it
        # (faster start, less memory) instead of importing everything again.
        "preload_app": True,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        # Uploads of up to 200 MiB over a slow phone link take a while.
        "timeout": 120,
        "graceful_timeout": 5,
    }


def run_gunicorn(options: dict[str, object]) -> None:
    """gunicorn run from Python, no config file; returns (SystemExit) when it stops."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> object:
            from backstride.web.wsgi import application

            return application

    Server().run()


WORKER_COMMAND = [sys.executable, "-m", "backstride.web.runner"]


class WorkerProcess:
    """A ``backstride worker`` process beside the web server, restarted if it dies.

    A process rather than a thread because gunicorn forks its web processes from the
    one that starts it, and an analysis must not compete for a web process's GIL. A
    killed worker's form check is picked up again through its lease.
    """

    def __init__(self, restart_delay_s: float = 1.0) -> None:
        self.restart_delay_s = restart_delay_s
        self._stopping = threading.Event()
        self._process: subprocess.Popen[bytes] | None = None
        self._thread = threading.Thread(
            target=self._supervise, name="worker-supervisor", daemon=True
        )

    def start(self) -> None:
        self._process = self._spawn()
        self._thread.start()

    def _spawn(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen(WORKER_COMMAND, preexec_fn=_die_with_parent)

    def _supervise(self) -> None:
        while not self._stopping.is_set():
            assert self._process is not None
            # The exit status says nothing here: gunicorn's master reaps every child of
            # this process, ours included. A worker that stopped with `serve` (Ctrl+C
            # reaches the whole group) is restarted at most once, then stopped by stop().
            self._process.wait()
            if self._stopping.wait(self.restart_delay_s):
                return
            self._process = self._spawn()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def stop(self, timeout_s: float = 10.0) -> None:
        """SIGTERM (finish the current task); after ``timeout_s`` SIGKILL: leases recover it."""
        self._stopping.set()
        process = self._process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _die_with_parent() -> None:
    """Linux: the worker gets SIGTERM when `serve` dies, even by kill -9."""
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


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


if __name__ == "__main__":  # the side-by-side worker `serve` starts (WORKER_COMMAND)
    use_local_secret_key(data_dir(), create=False)
    setup_django()
    run_worker(1.0, False, "*")
