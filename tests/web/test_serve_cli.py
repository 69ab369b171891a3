"""`backstride serve` and `backstride worker` as real processes on a fresh data folder."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

# `backstride serve/worker`, registering only the web commands: the other command
# modules belong to other slices and are tested there.
BACKSTRIDE = [
    sys.executable,
    "-c",
    "import backstride.cli.web_commands; from backstride.cli import app; app()",
]


def clean_env(data_dir: Path) -> dict[str, str]:
    """The caller's environment minus any Backstride settings, as on a fresh machine."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BACKSTRIDE_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env["BACKSTRIDE_DATA_DIR"] = str(data_dir)
    return env


def free_port() -> int:
    """A free port *below* the kernel's ephemeral range.

    `serve --demo` binds its port seconds after we choose it (it migrates first). A port
    from bind(0) lies in the ephemeral range, where any other server that binds port 0
    (another worker's live_server) or any outgoing connection may be handed it meanwhile:
    then serve fails, or worse, /health is answered by someone else's server. Nothing
    is given a port below that range unless it asks for that exact number.
    """
    ranges = Path("/proc/sys/net/ipv4/ip_local_port_range")
    low = int(ranges.read_text().split()[0]) if ranges.exists() else 32_768
    rng = random.SystemRandom()
    for _ in range(50):
        port = rng.randrange(20_000, low)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"no free port found between 20000 and {low}")


def get_json(url: str, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def wait_for_health(url: str, process: subprocess.Popen, seconds: float = 120) -> dict:
    # A bound on waiting, not a speed test: several web processes and a worker start
    # within seconds, but took over 30 s when other jobs kept both cores busy.
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"serve exited early: {process.stderr.read()}")
        try:
            return get_json(url + "health")[1]
        except OSError:
            time.sleep(0.1)
    pytest.fail("serve did not answer /health in time")


def test_serve_demo_migrates_creates_demo_logins_and_serves(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [*BACKSTRIDE, "serve", "--demo", "--port", str(port)],
        env=clean_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://localhost:{port}/"
        assert wait_for_health(base, process) == {"status": "ok", "database": "sqlite"}
        status, body = get_json(
            base + "api/token", {"username": "kim", "password": "backstride-demo"}
        )
        assert status == 201 and body["token"].startswith("bst_")
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=15)
    assert process.returncode == 0, err
    assert f"Backstride is running at http://localhost:{port}/" in out
    for line in ("coach  (coach / physio)", "ada    (older adult)", "sam    (footballer)"):
        assert f"demo login: {line}" in out
    assert "password for all demo logins: backstride-demo" in out
    key_file = tmp_path / "secret_key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(tmp_path / "backstride.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        users = sorted(row[0] for row in db.execute("SELECT username FROM auth_user"))
        # Start-up housekeeping was queued for the in-process worker.
        queued = [
            row[0] for row in db.execute("SELECT task_path FROM django_tasks_database_dbtaskresult")
        ]
    assert users == ["ada", "coach", "kim", "sam"]
    assert any(path.endswith("prune_login_failures") for path in queued)
    worker = subprocess.run(
        [*BACKSTRIDE, "worker", "--batch"],
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert worker.returncode == 0, worker.stderr


def test_worker_on_an_empty_database_explains_what_to_do(tmp_path: Path) -> None:
    result = subprocess.run(
        [*BACKSTRIDE, "worker", "--batch"],
        env=clean_env(tmp_path) | {"BACKSTRIDE_SECRET_KEY": "k" * 40},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Error: The database is not ready" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_on_a_busy_port_says_so_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [*BACKSTRIDE, "serve", "--port", str(port)],
            env=clean_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"Error: Port {port} is already in use; choose another with --port." in result.stderr
    assert "Traceback" not in result.stderr
    # Without --demo nobody is created.
    with sqlite3.connect(tmp_path / "backstride.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM auth_user").fetchone()[0] == 0


def test_bad_configuration_is_one_clear_line(tmp_path: Path) -> None:
    env = clean_env(tmp_path) | {"BACKSTRIDE_DEBUG": "maybe"}
    result = subprocess.run(
        [*BACKSTRIDE, "worker", "--batch"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Error: BACKSTRIDE_DEBUG='maybe' is not a yes/no value; "
        "use one of 1/0, true/false, yes/no, on/off."
    ]


def test_python_m_backstride_web_runs_django_management_commands(tmp_path: Path) -> None:
    env = clean_env(tmp_path) | {"BACKSTRIDE_SECRET_KEY": "k" * 40}
    result = subprocess.run(
        [sys.executable, "-m", "backstride.web", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def children(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of a process's children, from /proc."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            listed = (task / "children").read_text().split()
        except OSError:  # the thread ended between listing and reading
            continue
        for child in listed:
            try:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            found.append((int(child), cmdline.decode()))
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_serve_runs_several_web_processes_and_restarts_a_killed_worker(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [*BACKSTRIDE, "serve", "--port", str(port), "--processes", "2", "--threads", "2"],
        env=clean_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_for_health(f"http://localhost:{port}/", process)["status"] == "ok"

        def workers() -> list[int]:
            return [pid for pid, cmd in children(process.pid) if "backstride.web.runner" in cmd]

        web = [pid for pid, cmd in children(process.pid) if "backstride.web.runner" not in cmd]
        assert len(web) == 2 and len(workers()) == 1
        (first,) = workers()
        os.kill(first, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and workers() in ([], [first]):
            time.sleep(0.1)
        assert len(workers()) == 1 and workers() != [first]  # a new worker took over
        assert get_json(f"http://localhost:{port}/health")[0] == 200
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
    assert process.returncode == 0
