"""What the web-page benchmarks share: a throw-away Django site, request timing, results.

coach_dashboard.py and plan_pages.py used to carry their own copies of these; when one
copy changed (say, the percentile) the two tables stopped being comparable. Scripts in
this folder are run as files (``.venv/bin/python benchmarks/NAME.py``), so Python puts
this folder on the path and ``from _common import ...`` finds this module.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def setup_django(data_dir: str) -> None:
    """Point Django at an empty database in ``data_dir`` and migrate it.

    Benchmarks must never touch a developer's real data, so every run gets its own folder
    and a secret key that is only good for this.
    """
    os.environ["DJANGO_SETTINGS_MODULE"] = "backstride.web.settings"
    os.environ["BACKSTRIDE_DATA_DIR"] = data_dir
    os.environ["BACKSTRIDE_SECRET_KEY"] = "benchmark-only-secret-key-0123456789-abcdefghij"
    os.environ["BACKSTRIDE_ALLOWED_HOSTS"] = "testserver"
    os.environ["BACKSTRIDE_LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def time_get(client: object, path: str, repeats: int) -> dict[str, float]:
    """Median and 90th percentile in ms of ``repeats`` GETs, after one warm-up request
    (templates and URL resolvers are compiled on first use, which no user waits for twice).
    A non-200 answer stops the run: timing an error page would flatter the figures."""
    client.get(path)
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 1),
        "p90_ms": round(samples[int(0.9 * (len(samples) - 1))], 1),
    }


def default_out(benchmark: str) -> Path:
    """benchmarks/results/NAME-DATE.json: one file per benchmark and day."""
    return HERE / "results" / f"{benchmark}-{dt.date.today().isoformat()}.json"


def write_results(benchmark: str, repeats: int, results: object, out: Path | None) -> Path:
    """Write the results with what they depend on (versions, machine, load), so a slow
    figure can be told apart from a busy machine; ``out`` None means ``default_out``."""
    import django

    doc = {
        "benchmark": benchmark,
        "date": dt.date.today().isoformat(),
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "repeats": repeats,
        "results": results,
    }
    target = out or default_out(benchmark)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(doc, indent=2) + "\n")
    shown = target.relative_to(HERE.parent) if target.is_relative_to(HERE.parent) else target
    print(f"wrote {shown}")
    return target
