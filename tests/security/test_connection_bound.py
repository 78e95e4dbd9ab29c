"""`make run` serves with a bounded server: a burst of requests never needs
more database connections than it has threads (the threaded runserver opened
one per request until PostgreSQL answered "too many clients")."""

import os
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from tests.fixtures.services import free_port, wait_for_port

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "deploy" / "local"))
import run  # noqa: E402

WORKERS, THREADS = 2, 2


def database_url(settings_dict):
    user, host, port = settings_dict["USER"], settings_dict["HOST"], settings_dict["PORT"]
    return f"postgres://{user}@{host}:{port}/{settings_dict['NAME']}"


def connections_now():
    """Connections to the test database: this test's, and any a live test server left idle."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        )
        return cursor.fetchone()[0]


@pytest.fixture
def make_run_server(transactional_db):
    """The `make run` server's URL, and how many connections were open before it started."""
    already_open = connections_now()
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DEBUG": "True",
        "DATABASE_URL": database_url(connection.settings_dict),
    }
    command = run.server_command(
        f"127.0.0.1:{port}", workers=WORKERS, threads=THREADS, reload=False
    )
    process = subprocess.Popen(
        command, env=env, cwd=run.ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for_port(port, process, timeout=60)
        yield f"http://127.0.0.1:{port}", already_open
    finally:
        process.terminate()
        process.wait(timeout=20)


class ConnectionSampler(threading.Thread):
    def __init__(self, settings_dict):
        super().__init__(daemon=True)
        self.settings_dict = settings_dict
        self.peak = 0
        self.done = threading.Event()

    def run(self):
        sd = self.settings_dict
        # Not `with connect()`: psycopg2 2.9 opens a transaction there even in
        # autocommit, and pg_stat_activity would stay one frozen snapshot.
        probe = psycopg2.connect(
            dbname="postgres", user=sd["USER"], host=sd["HOST"], port=sd["PORT"]
        )
        probe.autocommit = True
        try:
            with probe.cursor() as cursor:
                while not self.done.is_set():
                    cursor.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s",
                        [sd["NAME"]],
                    )
                    self.peak = max(self.peak, cursor.fetchone()[0])
                    time.sleep(0.01)
        finally:
            probe.close()


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.status


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_requests_is_served_within_a_bounded_number_of_connections(make_run_server):
    # given
    url, already_open = make_run_server
    sampler = ConnectionSampler(connection.settings_dict)
    sampler.start()

    # when
    try:
        with ThreadPoolExecutor(max_workers=40) as pool:
            statuses = list(pool.map(fetch, [f"{url}/ar/"] * 120))
    finally:
        sampler.done.set()
        sampler.join()

    # then
    assert statuses == [200] * 120
    assert 0 < sampler.peak - already_open <= WORKERS * THREADS
