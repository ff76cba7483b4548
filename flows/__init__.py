"""Prefect flows and tasks of Policy Radar: thin orchestration and the `radar` CLI."""

import os

# Offline machines: no telemetry calls from an ephemeral or local Prefect server.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# On a busy 2-core machine the ephemeral API server can take longer than Prefect's 20 s default.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
