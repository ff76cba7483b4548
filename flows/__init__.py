"""Prefect flows of Policy Radar and the `radar` CLI; the parts below them are sub-packages.

``sources`` (where pages come from), ``fetch`` (the HTTP client), ``runner`` (one source at a
time through the page pool) and ``runtime`` (API server, writer lock, progress, logs).
"""

import os

# Offline machines: no telemetry calls from an ephemeral or local Prefect server.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# On a busy 2-core machine the ephemeral API server can take longer than Prefect's 20 s default.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
