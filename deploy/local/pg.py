"""Embedded PostgreSQL for `make run` and the test suite.

Starts (creating it on first use) a private PostgreSQL 15 cluster that
belongs to this checkout, and prints or returns its connection URL. The
cluster lives in the git-ignored `.data/` folder of the project; when run as
root, the server runs as the `postgres` system user (initdb refuses root),
and if that user cannot reach the checkout (e.g. under /root) the cluster
moves to a per-project folder under /var/tmp.

Usage:  python deploy/local/pg.py start|stop|url [--name dev|test]
"""

import argparse
import fcntl
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DB_USER = "terroir"
DB_NAME = "terroir"
FAST_TEST_OPTIONS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


def find_bindir():
    candidates = [os.environ.get("PG_BINDIR", "")]
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    sys.exit(
        "PostgreSQL server binaries not found. Install them (Debian: "
        "`apt-get install postgresql`), set PG_BINDIR, or set DATABASE_URL."
    )


def running_as_root():
    return os.geteuid() == 0


def server_user_can_reach(path):
    probe = ["runuser", "-u", "postgres", "--", "test", "-w", str(path)]
    return subprocess.run(probe, capture_output=True).returncode == 0


class Cluster:
    def __init__(self, name):
        self.name = name
        self.root = self._choose_root()
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.port_file = self.root / "port"

    def _choose_root(self):
        local = PROJECT_ROOT / ".data" / f"pg-{self.name}"
        if not running_as_root():
            return local
        local.parent.mkdir(parents=True, exist_ok=True)
        shutil.chown(local.parent, "postgres", "postgres")
        if server_user_can_reach(local.parent):
            return local
        digest = hashlib.sha256(str(PROJECT_ROOT).encode()).hexdigest()[:12]
        return Path("/var/tmp") / f"terroir-{digest}" / f"pg-{self.name}"

    def _as_server_user(self, argv, **kwargs):
        if running_as_root():
            argv = ["runuser", "-u", "postgres", "--", *argv]
        return subprocess.run(argv, check=True, **kwargs)

    @contextmanager
    def _lock(self):
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root.parent / f".pg-{self.name}.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    @property
    def port(self):
        return int(self.port_file.read_text()) if self.port_file.exists() else None

    def url(self):
        return f"postgres://{DB_USER}@127.0.0.1:{self.port}/{DB_NAME}"

    def is_running(self):
        if not self.port:
            return False
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def start(self, fast=False):
        with self._lock():
            if self.is_running():
                return self.url()
            bindir = find_bindir()
            if running_as_root():
                self.root.mkdir(parents=True, exist_ok=True)
                for path in (self.root.parent, self.root):
                    shutil.chown(path, "postgres", "postgres")
                os.chmod(self.root, 0o700)
            fresh = not (self.data / "PG_VERSION").exists()
            if fresh:
                self._as_server_user(
                    [
                        str(bindir / "initdb"), "-D", str(self.data), "-U", DB_USER,
                        "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N",
                    ],
                    stdout=subprocess.DEVNULL,
                )
            port = free_port()
            options = f"-p {port} -k {self.socket_dir} -c listen_addresses=127.0.0.1"
            if fast:
                options += " " + FAST_TEST_OPTIONS
            self._as_server_user(
                [
                    str(bindir / "pg_ctl"), "-D", str(self.data), "-l",
                    str(self.root / "server.log"), "-w", "-o", options, "start",
                ],
                stdout=subprocess.DEVNULL,
            )
            self.port_file.write_text(str(port))
            if fresh:
                subprocess.run(
                    [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port),
                     "-U", DB_USER, DB_NAME],
                    check=True,
                )
            return self.url()

    def stop(self):
        with self._lock():
            if not (self.data / "postmaster.pid").exists():
                return
            self._as_server_user(
                [str(find_bindir() / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
                 "stop"],
                stdout=subprocess.DEVNULL,
            )
            self.port_file.unlink(missing_ok=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Lease:
    """Shared use of a cluster by several processes (parallel test runs).

    Each user registers its PID; the last live one to leave stops the server,
    so one run finishing never pulls the database from under another.
    """

    def __init__(self, cluster):
        self.cluster = cluster
        self.users = cluster.root.parent / f".pg-{cluster.name}.users"

    def _live_pids(self):
        if not self.users.exists():
            return set()
        pids = {int(p) for p in self.users.read_text().split() if p.strip().isdigit()}
        return {pid for pid in pids if _pid_alive(pid)}

    def acquire(self, fast=False):
        url = self.cluster.start(fast=fast)
        with self.cluster._lock():
            pids = self._live_pids() | {os.getpid()}
            self.users.write_text("\n".join(map(str, sorted(pids))))
        return url

    def release(self):
        with self.cluster._lock():
            pids = self._live_pids() - {os.getpid()}
            self.users.write_text("\n".join(map(str, sorted(pids))))
        if not pids:
            self.cluster.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["start", "stop", "url"])
    parser.add_argument("--name", default="dev")
    args = parser.parse_args()
    cluster = Cluster(args.name)
    if args.command == "start":
        started = time.monotonic()
        print(cluster.start(fast=args.name == "test"))
        print(f"PostgreSQL ready in {time.monotonic() - started:.2f}s", file=sys.stderr)
    elif args.command == "stop":
        cluster.stop()
    else:
        print(cluster.url() if cluster.is_running() else "")


if __name__ == "__main__":
    main()
