"""Prefect flows and tasks of Policy Radar: thin orchestration and the `radar` CLI."""

import os

# Offline machines: no telemetry calls from an ephemeral or local Prefect server.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
