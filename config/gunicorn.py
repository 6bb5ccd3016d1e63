"""gunicorn settings for `make serve` and the benchmarks (overridable with GUNICORN_CMD_ARGS)."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8100')}"
# Sync workers: django-tenants keeps the schema per connection and Django keeps one
# connection per thread; processes keep each request on its own connection.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
worker_class = "sync"
# Settings, apps and templates loaded once in the master, shared copy-on-write.
preload_app = True
# Bounded memory: a worker (and its PostgreSQL connection, whose catalog cache grows
# with every schema it touches) is replaced after this many requests.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
timeout = 60
accesslog = os.environ.get("GUNICORN_ACCESS_LOG")  # off by default: it costs throughput
# No control socket: its default path is per user, and two servers (the benchmark runs
# a tenant and a single-schema one side by side) would fight over it.
control_socket_disable = True
