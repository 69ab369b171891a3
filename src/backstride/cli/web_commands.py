"""Commands: `backstride serve` (web app + its task worker) and `backstride worker`.

Thin on purpose: options are parsed here, the work is in :mod:`backstride.web.runner`.
"""

from __future__ import annotations

import errno
import signal
from typing import Annotated

import typer

from backstride.cli import app
from backstride.cli.errors import CliError, handles_errors


def _stop_on_sigterm() -> None:
    # Service managers send SIGTERM; turn it into the same clean exit as Ctrl+C.
    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


@app.command()
@handles_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo", help="Create the demo accounts (coach, ada, kim, sam).")
    ] = False,
    threads: Annotated[
        int, typer.Option(min=1, max=64, help="Web server threads (per process).")
    ] = 8,
    processes: Annotated[
        int | None,
        typer.Option(
            min=0,
            max=64,
            help="Web processes (default: cores + 1, at least 2); 0 = one waitress process.",
        ),
    ] = None,
) -> None:
    """Migrate the database, start the web app and a background worker, print the URL."""
    from backstride.web import runner

    folder = runner.prepare_environment(host)
    runner.setup_django()
    runner.migrate()
    accounts = ()
    if demo:
        from backstride.web.core.demo import DEMO_PASSWORD, load_demo

        accounts = load_demo()
    # Housekeeping the worker does once per start: old failed-login counters go away.
    from backstride.web.core.tasks import prune_login_failures

    prune_login_failures.enqueue()
    # Form checks a previous worker left half-done are queued again (or failed with a reason).
    from backstride.web.analysis.lease import recover_lost_checks

    recover_lost_checks()
    shown_host = "localhost" if host in runner.ANY_ADDRESS or host == "127.0.0.1" else host
    typer.echo(f"Backstride is running at http://{shown_host}:{port}/")
    typer.echo(f"Database: {runner.database_label()}; data folder: {folder}")
    for account in accounts:
        typer.echo(f"  demo login: {account.username:<6} ({account.description})")
    if accounts:
        typer.echo(f"  password for all demo logins: {DEMO_PASSWORD}")
    typer.echo("Press Ctrl+C to stop.")
    _stop_on_sigterm()
    try:
        runner.serve_forever(host, port, threads, processes)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise CliError(f"Port {port} is already in use; choose another with --port.") from None
        raise CliError(f"Cannot listen on {host}:{port}: {exc.strerror or exc}.") from None
    except KeyboardInterrupt:
        typer.echo("Stopping.")


@app.command()
@handles_errors
def worker(
    interval: Annotated[
        float, typer.Option(min=0.0, max=3600.0, help="Seconds between polls when idle.")
    ] = 1.0,
    batch: Annotated[
        bool, typer.Option("--batch", help="Run the tasks that are due, then exit.")
    ] = False,
    queues: Annotated[str, typer.Option(help="Comma-separated queues, or '*' for all.")] = "*",
) -> None:
    """Run background tasks from the database queue (start several for more throughput)."""
    from backstride.web import runner
    from backstride.web.env import data_dir

    runner.use_local_secret_key(data_dir(), create=False)
    runner.setup_django()
    runner.run_worker(interval, batch, queues)
