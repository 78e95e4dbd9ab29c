"""Benchmark harness: a seeded database, the production server, and a load generator.

    from tests.bench.harness import bench_database, Server, load, report

    url = bench_database(products=10_000, cooperatives=1_000)   # seeded once, then reused
    with Server(url) as server:                                  # gunicorn, 2 workers, DEBUG off
    with Server(url, raw_saleor=True) as saleor:                 # Saleor 2.10 alone, same database
        result = load(server, ["/", "/ar/"], concurrency=8, count=400)
        report("home", result)                                   # p50/p95 ms, req/s, errors

`bench_database` keeps its own PostgreSQL cluster (`.data/pg-bench`) and one
database per size, seeded by `manage.py seed_bench` and migrated on every
call. A request is a path (GET) or a dict: `{"method": "POST", "path":
"/graphql/", "json": {...}, "headers": {...}}`. `load` runs `concurrency`
threads, each on its own keep-alive connection, round-robin over the
requests, after `warmup` unmeasured requests per thread.
"""

import http.client
import json as jsonlib
import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy" / "local"))
import pg  # noqa: E402
from run import server_command  # noqa: E402

PYTHON = sys.executable
BENCH_SECRET_KEY = "bench-secret-key-not-for-production-" + "x" * 20
_lease = None


def _server_env(database_url, extra=None):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DEBUG="False",
        SECRET_KEY=BENCH_SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        ALLOWED_CLIENT_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on loopback: TLS ends at the proxy in production.
        SECURE_SSL_REDIRECT="False",
        DJANGO_SETTINGS_MODULE="marketplace.settings",
    )
    env.pop("CELERY_BROKER_URL", None)
    env.update(extra or {})
    return env


def _manage(*args, env):
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], check=True, env=env, cwd=ROOT)


def _psql_scalar(cluster, database, sql):
    bindir = pg.find_bindir()
    output = subprocess.run(
        [
            str(bindir / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(cluster.port),
            "-U",
            pg.DB_USER,
            "-d",
            database,
            "-tAc",
            sql,
        ],
        capture_output=True,
        text=True,
    )
    return output.stdout.strip() if output.returncode == 0 else None


def bench_database(products=10_000, cooperatives=1_000, *, reseed=False):
    """URL of a migrated database holding the bench catalogue of that size."""
    global _lease
    cluster = pg.Cluster("bench")
    if _lease is None:
        _lease = pg.Lease(cluster)
        _lease.acquire(fast=True)
    name = f"bench_{products}_{cooperatives}"
    if (
        _psql_scalar(cluster, pg.DB_NAME, f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
        != "1"
    ):
        subprocess.run(
            [
                str(pg.find_bindir() / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(cluster.port),
                "-U",
                pg.DB_USER,
                name,
            ],
            check=True,
        )
    url = f"postgres://{pg.DB_USER}@127.0.0.1:{cluster.port}/{name}"
    env = _server_env(url)
    _manage("migrate", "--no-input", "-v", "0", env=env)
    seeded = _psql_scalar(
        cluster, name, "SELECT count(*) FROM product_product WHERE slug LIKE 'bench-%'"
    )
    if reseed or seeded != str(products):
        _manage(
            "seed_bench", "--products", str(products), "--cooperatives", str(cooperatives), env=env
        )
    return url


def release_bench_database():
    global _lease
    if _lease is not None:
        _lease.release()
        _lease = None


class Server:
    """The production server (gunicorn, `workers` workers, DEBUG off) on a free port."""

    def __init__(self, database_url, *, workers=2, env=None, start_timeout=180, raw_saleor=False):
        self.database_url = database_url
        self.raw_saleor = raw_saleor
        self.workers = workers
        self.extra_env = env or {}
        self.start_timeout = start_timeout
        self.process = None
        self.url = None

    def __enter__(self):
        address = f"127.0.0.1:{pg.free_port()}"
        self.url = f"http://{address}"
        command = server_command(address, workers=self.workers, reload=False)
        command = [arg for arg in command if arg not in ("--access-logfile", "-")]
        env = _server_env(self.database_url, self.extra_env)
        if self.raw_saleor:
            # Saleor's own project (its settings, URLs, schema and resolvers) on
            # the same database: none of our apps, bridges or caches.
            command = [
                "saleor.wsgi:application" if arg == "marketplace.wsgi:application" else arg
                for arg in command
            ]
            env["DJANGO_SETTINGS_MODULE"] = "tests.bench.raw_saleor_settings"
            # Its defaults are the US and dollars: stock ships to Morocco, prices are in MAD.
            env.setdefault("DEFAULT_COUNTRY", "MA")
            env.setdefault("DEFAULT_CURRENCY", "MAD")
        else:
            # DEBUG off serves static files by the manifest collectstatic writes (as the image).
            _manage("collectstatic", "--noinput", "-v", "0", env=env)
        self.process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}")
            try:
                status = _send(_connection(self.url), {"path": "/robots.txt"})[0]
                if status < 500:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError("the server did not answer in time")

    def __exit__(self, *exc):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass(frozen=True)
class LoadResult:
    count: int
    errors: int
    p50_ms: float
    p95_ms: float
    requests_per_second: float
    statuses: dict
    resent: int = 0
    failures: dict = None

    def line(self):
        return (
            f"p50 {self.p50_ms:.1f} ms, p95 {self.p95_ms:.1f} ms, "
            f"{self.requests_per_second:.1f} req/s, {self.errors} errors / {self.count}"
            + (f" ({self.resent} resent on a closed keep-alive connection)" if self.resent else "")
            + (f" {self.failures}" if self.failures else "")
        )


def _connection(base_url):
    parts = urlsplit(base_url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)


def _as_request(request):
    if isinstance(request, str):
        return {"method": "GET", "path": request}
    return request


STALE_CONNECTION = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)


def _send(connection, request):
    request = _as_request(request)
    headers = dict(request.get("headers") or {})
    body = request.get("body")
    if "json" in request:
        body = jsonlib.dumps(request["json"]).encode()
        headers.setdefault("Content-Type", "application/json")
    connection.request(request.get("method", "GET"), request["path"], body=body, headers=headers)
    response = connection.getresponse()
    payload = response.read()
    return response.status, payload


def is_error(status, payload):
    """Anything but a 2xx answer, or a GraphQL answer carrying top-level errors."""
    if not 200 <= status < 300:
        return True
    if payload[:1] in (b"{", b"["):
        try:
            data = jsonlib.loads(payload)
        except ValueError:
            return True
        answers = data if isinstance(data, list) else [data]
        return any(isinstance(a, dict) and a.get("errors") for a in answers)
    return False


def load(server, requests, *, concurrency=1, count=200, warmup=3):
    """Send `count` requests (round-robin over `requests`) from `concurrency` threads."""
    base_url = server.url if isinstance(server, Server) else server
    requests = [_as_request(r) for r in requests]
    latencies, statuses, errors, resent, failures = [], {}, [0], [0], {}
    lock = threading.Lock()
    counter = iter(range(count))
    barrier = threading.Barrier(concurrency + 1)

    def worker(offset):
        connection = _connection(base_url)
        for index in range(warmup):
            try:
                _send(connection, requests[(offset + index) % len(requests)])
            except (OSError, http.client.HTTPException):
                connection = _connection(base_url)
        barrier.wait()
        while True:
            with lock:
                index = next(counter, None)
            if index is None:
                break
            request = requests[index % len(requests)]
            started = time.perf_counter()
            try:
                try:
                    status, payload = _send(connection, request)
                except STALE_CONNECTION:
                    # The server closed the kept-alive connection between two
                    # requests (nothing was processed): resend once, as HTTP clients do.
                    connection.close()
                    connection = _connection(base_url)
                    with lock:
                        resent[0] += 1
                    status, payload = _send(connection, request)
                failed = is_error(status, payload)
            except (OSError, http.client.HTTPException) as error:
                status, failed = 0, True
                with lock:
                    failures[type(error).__name__] = failures.get(type(error).__name__, 0) + 1
                connection.close()
                connection = _connection(base_url)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
                errors[0] += failed
        connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else 0.0
    return LoadResult(
        count=len(latencies),
        errors=errors[0],
        p50_ms=statistics.median(latencies) if latencies else 0.0,
        p95_ms=p95,
        requests_per_second=len(latencies) / wall if wall else 0.0,
        statuses=statuses,
        resent=resent[0],
        failures=failures,
    )


def report(label, result):
    print(f"{label}: {result.line()}", flush=True)
    return result
