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

# --- What the reverse proxy in front may tell gunicorn ----------------------------------
# The proxy sends the visitor's address (X-Real-IP, see CLIENT_ADDRESS_HEADER) and the
# scheme (X-Forwarded-Proto, see SECURE_PROXY_SSL_HEADER); it serves every buurt at the
# root of its host and sends no SCRIPT_NAME, PATH_INFO or REMOTE_USER. gunicorn's default
# would take SCRIPT_NAME and PATH_INFO headers from a trusted address straight into the
# WSGI environ: a visitor on that address (or one the proxy passes such a header for)
# could make Django route /agenda/ to the home page. So: no forwarder headers at all, and
# only the one scheme header the proxy really sets.
forwarder_headers = ""
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
# The proxy runs on this machine; FORWARDED_ALLOW_IPS names it when it does not.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
