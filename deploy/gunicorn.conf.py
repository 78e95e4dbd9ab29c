"""gunicorn in production (the image's command): sized by the environment.

Connections: every thread holds at most one database connection, so
WEB_CONCURRENCY × GUNICORN_THREADS × replicas is what PgBouncer (or
PostgreSQL) must accept; deploy/README.md sizes the pool.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", 2))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then: bounded memory over weeks of uptime.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = 200
accesslog = "-"
access_log_format = (
    '{"remote": "%(h)s", "request": "%(r)s", "status": %(s)s, "bytes": "%(b)s", '
    '"duration_ms": %(M)s, "agent": "%(a)s"}'
)
errorlog = "-"
control_socket_disable = True
# Only the proxy in front may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
