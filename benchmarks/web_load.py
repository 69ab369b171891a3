"""Offered-rate load on a running Backstride, loopback only: rate, p50/p99, errors.

Open loop: request ``i`` is due at ``start + i / rate`` whatever happened before, and
its latency is counted from when it was due, so a server that falls behind shows it in
the tail (no "coordinated omission"). Each client thread keeps one HTTP/1.1 connection
open (keep-alive, as browsers do) unless ``--no-keepalive``; it signs in once (session
cookie for pages, an API token for the API) and then cycles through a mix of signed-in
pages, API reads and ``/health``. Bounded: at most ``--duration`` seconds (<= 600) and
``rate x duration`` requests (<= 100,000), and only loopback addresses are accepted.

A short reference run comes first: 30 sequential ``/health`` requests on one
connection; the tail is also printed as a ratio to that median, so figures from a busy
machine can be told apart from a slow server.

    # the default set-up (what `make run` starts), on a fresh SQLite data folder:
    .venv/bin/python benchmarks/web_load.py --serve default --rate 100 --duration 60
    # the scale set-up: PostgreSQL, 4 web processes x 4 threads, side-by-side worker:
    scripts/pg-test.sh .venv/bin/python benchmarks/web_load.py --serve scale
    # the earlier default (one waitress process, worker thread), for comparison:
    .venv/bin/python benchmarks/web_load.py --serve waitress
    # or any running server on this machine:
    .venv/bin/python benchmarks/web_load.py --url http://127.0.0.1:8000/ --user sam
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from _common import write_results

HERE = Path(__file__).resolve().parent
BACKSTRIDE = Path(sys.executable).with_name("backstride")
DEMO_PASSWORD = "backstride-demo"
# (path, needs) in the order each client cycles through them.
MIX = (
    ("/home/", "session"),
    ("/api/logs", "token"),
    ("/log/", "session"),
    ("/health", ""),
    ("/progress/", "session"),
    ("/api/form-checks", "token"),
    ("/learn/", "session"),
    ("/api/logs", "token"),
)
MAX_SECONDS = 600
MAX_REQUESTS = 100_000


def loopback_only(url: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror:
        raise SystemExit(f"cannot resolve {host!r}") from None
    if not addresses or not all(ipaddress.ip_address(a).is_loopback for a in addresses):
        raise SystemExit(f"{url} is not a loopback address: this tool only loads this machine")
    return parts


class Client:
    """One keep-alive connection with its own session cookie and API token."""

    def __init__(self, parts: urllib.parse.SplitResult, keepalive: bool, timeout_s: float):
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.keepalive, self.timeout_s = keepalive, timeout_s
        self.conn: http.client.HTTPConnection | None = None
        self.cookies: dict[str, str] = {}
        self.token = ""
        self.retries = 0

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout_s)
        return self.conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, bytes]:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if not self.keepalive:
            headers["Connection"] = "close"
        for attempt in (1, 2):
            reused = self.conn is not None
            conn = self._connection()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                break
            except (ConnectionError, http.client.RemoteDisconnected):
                # The server closed an idle keep-alive connection as we reused it: like a
                # browser, retry once on a new one (counted apart, never hidden).
                self.close()
                if not reused or attempt == 2 or method != "GET":
                    raise
                self.retries += 1
            except (OSError, http.client.HTTPException):
                self.close()
                raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        if not self.keepalive or response.will_close:
            self.close()
        return response.status, data

    def sign_in(self, user: str, password: str) -> None:
        status, page = self.request("GET", "/accounts/login/")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not match:
            raise SystemExit(f"login page answered {status}")
        form = urllib.parse.urlencode(
            {"username": user, "password": password, "csrfmiddlewaretoken": match.group(1)}
        )
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            form.encode(),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{self.host}:{self.port}/accounts/login/",
            },
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"sign-in as {user} failed ({status})")
        body = json.dumps({"username": user, "password": password, "name": "load test"})
        status, data = self.request(
            "POST", "/api/token", body.encode(), {"Content-Type": "application/json"}
        )
        if status != 201:
            raise SystemExit(f"API token for {user} refused ({status}): {data[:200]!r}")
        self.token = json.loads(data)["token"]

    def get(self, path: str, needs: str) -> int:
        headers = {"Authorization": f"Bearer {self.token}"} if needs == "token" else {}
        cookies, self.cookies = self.cookies, (self.cookies if needs == "session" else {})
        try:
            status, _ = self.request("GET", path, headers=headers)
        finally:
            if needs != "session":
                self.cookies = cookies
        return status


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    service_ms: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ok(self, ms: float, path: str, service_ms: float) -> None:
        with self.lock:
            self.latencies_ms.append(ms)
            self.service_ms.setdefault(path, []).append(service_ms)

    def error(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1


def percentile(sorted_ms: list[float], p: float) -> float:
    if not sorted_ms:
        return float("nan")
    return sorted_ms[min(len(sorted_ms) - 1, int(p / 100 * len(sorted_ms)))]


def reference_ms(parts: urllib.parse.SplitResult) -> float:
    client = Client(parts, keepalive=True, timeout_s=10)
    samples = []
    for _ in range(30):
        start = time.perf_counter()
        status, _ = client.request("GET", "/health")
        samples.append((time.perf_counter() - start) * 1000)
        if status != 200:
            raise SystemExit(f"/health answered {status}")
    client.close()
    return statistics.median(samples)


def run_load(args: argparse.Namespace, parts: urllib.parse.SplitResult) -> dict:
    total = min(MAX_REQUESTS, int(args.rate * args.duration))
    clients = [Client(parts, not args.no_keepalive, args.timeout) for _ in range(args.clients)]
    for client in clients:
        client.sign_in(args.user, args.password)
        # Signing 20 clients in takes seconds (Argon2); start the load on fresh
        # connections rather than ones the server may have closed as idle meanwhile.
        client.close()
    tally = Tally()
    next_ticket = iter(range(total))
    ticket_lock = threading.Lock()
    start = time.perf_counter() + 0.5

    def work(client: Client, offset: int) -> None:
        step = offset
        while True:
            with ticket_lock:
                i = next(next_ticket, None)
            if i is None:
                return
            due = start + i / args.rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            path, needs = MIX[step % len(MIX)]
            step += 1
            sent = time.perf_counter()
            try:
                status = client.get(path, needs)
            except TimeoutError:
                tally.error("timeout")
                continue
            except (OSError, http.client.HTTPException) as exc:
                tally.error(type(exc).__name__)
                continue
            if status == 200:
                done = time.perf_counter()
                tally.ok((done - due) * 1000, path, (done - sent) * 1000)
            else:
                tally.error(f"HTTP {status}")

    threads = [
        threading.Thread(target=work, args=(c, n), daemon=True) for n, c in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(args.duration + args.timeout + 30)
    elapsed = time.perf_counter() - start
    for client in clients:
        client.close()
    ms = sorted(tally.latencies_ms)
    return {
        "offered_rate": args.rate,
        "requests": total,
        "ok": len(ms),
        "errors": sum(tally.errors.values()),
        "error_kinds": tally.errors,
        "achieved_rate": round(len(ms) / elapsed, 1),
        "p50_ms": round(percentile(ms, 50), 1),
        "p90_ms": round(percentile(ms, 90), 1),
        "p99_ms": round(percentile(ms, 99), 1),
        "max_ms": round(ms[-1], 1) if ms else None,
        "service_p50_ms_by_path": {
            path: round(statistics.median(v), 1) for path, v in sorted(tally.service_ms.items())
        },
        "stale_connection_retries": sum(c.retries for c in clients),
        "clients": args.clients,
        "keepalive": not args.no_keepalive,
        "seconds": round(elapsed, 1),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(kind: str, folder: Path) -> tuple[subprocess.Popen, str]:
    """`backstride serve --demo` on a fresh data folder; ``scale`` needs DATABASE_URL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKSTRIDE_")}
    env.update(BACKSTRIDE_DATA_DIR=str(folder), BACKSTRIDE_LOG_LEVEL="WARNING")
    command = [str(BACKSTRIDE), "serve", "--demo", "--port", str(port := free_port())]
    if kind == "scale":
        if not env.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
            raise SystemExit("--serve scale needs DATABASE_URL (run it under scripts/pg-test.sh)")
        env["BACKSTRIDE_DB_CONN_MAX_AGE"] = "60"
        command += ["--processes", "4", "--threads", "4"]
    else:
        env.pop("DATABASE_URL", None)
        if kind == "waitress":  # the earlier default, for comparison
            command += ["--processes", "0"]
    log = (folder / "serve.log").open("wb")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve exited: {(folder / 'serve.log').read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("serve did not start within 120 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server on this machine")
    parser.add_argument(
        "--serve", choices=("default", "scale", "waitress"), help="start one to load"
    )
    parser.add_argument("--rate", type=float, default=100.0, help="requests per second")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds (<= 600)")
    parser.add_argument("--clients", type=int, default=20, help="connections (threads)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    parser.add_argument("--no-keepalive", action="store_true", help="a new connection each")
    parser.add_argument("--user", default="sam", help="demo login (default sam)")
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument("--out", type=Path, help="results JSON (default benchmarks/results/)")
    args = parser.parse_args()
    if not 0 < args.duration <= MAX_SECONDS or not 0 < args.rate <= 1000:
        parser.error(f"--duration must be in (0, {MAX_SECONDS}] and --rate in (0, 1000]")
    if not 1 <= args.clients <= 200:
        parser.error("--clients must be 1-200")
    if bool(args.url) == bool(args.serve):
        parser.error("give either --url or --serve")
    process = None
    with tempfile.TemporaryDirectory(prefix="backstride-load-") as tmp:
        if args.serve:
            process, url = start_server(args.serve, Path(tmp))
        else:
            url = args.url
        try:
            parts = loopback_only(url)
            load_before = os.getloadavg()
            ref = reference_ms(parts)
            result = run_load(args, parts)
            result.update(
                setup=args.serve or url,
                reference_health_median_ms=round(ref, 2),
                p99_over_reference=round(result["p99_ms"] / ref, 1),
                load_average_before=[round(x, 2) for x in load_before],
                load_average_after=[round(x, 2) for x in os.getloadavg()],
            )
        finally:
            if process is not None:
                process.terminate()
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()
    print(
        f"{result['setup']}: offered {args.rate:.0f}/s for {result['seconds']} s, "
        f"{result['clients']} {'keep-alive' if result['keepalive'] else 'one-shot'} clients"
    )
    print(
        f"  achieved {result['achieved_rate']}/s, p50 {result['p50_ms']} ms, "
        f"p90 {result['p90_ms']} ms, p99 {result['p99_ms']} ms, max {result['max_ms']} ms, "
        f"errors {result['errors']} {result['error_kinds'] or ''}, "
        f"stale keep-alive retries {result['stale_connection_retries']}"
    )
    print(f"  service time (sent to answered) p50 by path: {result['service_p50_ms_by_path']}")
    print(
        f"  reference /health median {result['reference_health_median_ms']} ms; "
        f"p99 = {result['p99_over_reference']} x reference; load average "
        f"{result['load_average_before']} -> {result['load_average_after']}"
    )
    label = args.serve or "url"
    write_results(
        f"web_load-{label}",
        result["requests"],
        result,
        args.out,
    )


if __name__ == "__main__":
    main()
