"""`make run`: the embedded defaults, migrated and seeded, served on 127.0.0.1:8000.

Uses DATABASE_URL when set; otherwise starts the project's own PostgreSQL
cluster and stops it again on Ctrl-C.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pg  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
ADDRESS = os.environ.get("RUN_ADDRESS", "127.0.0.1:8000")
# A bounded server: at most WORKERS × THREADS requests, and so database
# connections, at once (the threaded runserver opened one per request and
# ran PostgreSQL out of connections under load).
WORKERS = int(os.environ.get("RUN_WORKERS", 2))
THREADS = int(os.environ.get("RUN_THREADS", 4))


def server_command(address, *, workers=WORKERS, threads=THREADS, reload=True):
    command = [
        PYTHON, "-m", "gunicorn", "marketplace.wsgi:application",
        "--bind", address, "--workers", str(workers), "--threads", str(threads),
        "--timeout", "60", "--graceful-timeout", "5", "--access-logfile", "-",
        "--no-control-socket",
    ]
    return command + (["--reload"] if reload else [])


def manage(*args, env):
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], check=True, env=env, cwd=ROOT)


def interrupt(_signum, _frame):
    raise KeyboardInterrupt


def main():
    # Ctrl-C and a supervisor's SIGTERM both end in a clean stop, even when
    # started from a shell that ignores SIGINT for background jobs.
    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    env = dict(os.environ)
    env.setdefault("DEBUG", "True")
    cluster = None
    if not env.get("DATABASE_URL"):
        cluster = pg.Cluster("dev")
        env["DATABASE_URL"] = cluster.start()
    try:
        manage("migrate", "--no-input", "-v", "0", env=env)
        manage("seed_demo", "--print-logins", env=env)
        print(f"\nThe marketplace is at http://{ADDRESS}/ (GraphQL: http://{ADDRESS}/graphql/)")
        print("Ctrl-C stops the server" + (" and PostgreSQL." if cluster else "."), flush=True)
        server = subprocess.Popen(server_command(ADDRESS), env=env, cwd=ROOT)
        try:
            server.wait()
        except KeyboardInterrupt:
            server.terminate()
            server.wait()
    except subprocess.CalledProcessError as error:
        print(f"\nStopped: `{' '.join(error.cmd[1:])}` failed (its output is above).")
        sys.exit(1)
    except KeyboardInterrupt:
        pass
    finally:
        if cluster is not None:
            cluster.stop()
            print("PostgreSQL stopped.")


if __name__ == "__main__":
    main()
