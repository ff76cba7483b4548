"""Fetch settings: concurrency, pacing, timeouts and retry limits (defaults, env overrides)."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

DEFAULT_USER_AGENT = "PolicyRadar/0.1 (+https://github.com/policy-radar/policy-radar)"
ENV_PREFIX = "RADAR_FETCH_"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How politely and patiently the fetcher works (one value per run)."""

    concurrency: int = 16
    per_host: int = 2
    min_interval: float = 1.0
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    page_timeout: float = 60.0
    max_redirects: int = 5
    max_attempts: int = 4
    backoff_base: float = 1.0
    backoff_max: float = 30.0
    max_retry_after: float = 120.0
    max_crawl_delay: float = 30.0
    dead_host_after: int = 3
    queue_size: int = 32
    max_sitemaps: int = 200
    user_agent: str = DEFAULT_USER_AGENT

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> FetchSettings:
        """Return the defaults overridden by ``RADAR_FETCH_<FIELD>`` variables."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in dataclasses.fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is None or not raw.strip():
                continue
            kind = type(getattr(cls(), f.name))
            try:
                values[f.name] = kind(raw.strip())
            except ValueError:
                raise ValueError(f"{ENV_PREFIX}{f.name.upper()}: not a {kind.__name__}") from None
        return cls(**values)  # type: ignore[arg-type]
