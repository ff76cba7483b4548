"""robots.txt rules, and what the process remembers per host across sources and runs."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from protego import Protego

from extractors.exceptions import FetchError
from flows.fetch.redact import strip_userinfo

ROBOTS_TTL = 3600.0  # RFC 9309 allows caching for up to 24 hours
log = logging.getLogger("policy_radar.fetch")


@dataclass(frozen=True, slots=True)
class Rules:
    """What robots.txt says about one host: parsed rules, a whole-host refusal, a delay."""

    robots: Protego | None = None
    refusal: str | None = None
    delay: float | None = None

    def check(self, url: str, agent: str) -> None:
        """Raise FetchError("robots") when the rules forbid fetching a URL."""
        if self.refusal is not None:
            raise FetchError("robots", self.refusal)
        if self.robots is not None and not self.robots.can_fetch(url, agent):
            raise FetchError("robots", f"robots.txt disallows {strip_userinfo(url)}")


def parse_rules(text: str, agent: str, where: str) -> Rules:
    """Parse a robots.txt body; an unreadable file allows everything."""
    try:
        robots = Protego.parse(text)
        delay = robots.crawl_delay(agent)
    except Exception as exc:  # protego raises plain exceptions on odd files
        log.warning("unreadable robots.txt at %s: %s", where, exc)
        return Rules()
    return Rules(robots=robots, delay=float(delay) if delay else None)


def rules_after_failure(exc: FetchError) -> Rules | None:
    """Return the rules when robots.txt failed: None if the host is unreachable (nothing known)."""
    if exc.reason in ("connection_error", "timeout"):
        return None
    if exc.reason == "http_5xx":
        return Rules(refusal=f"robots.txt unavailable ({exc.detail}); host disallowed")
    return Rules()  # 4xx, too large, unreadable: no rules, everything allowed


class HostMemory:
    """Process-wide per-host memory: robots rules (for ROBOTS_TTL) and the next start slot."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: dict[tuple[str, str], tuple[float, Rules]] = {}
        self._slots: dict[str, float] = {}

    def rules(self, host: str, agent: str) -> Rules | None:
        """Return the remembered rules of a host for an agent, if still fresh."""
        with self._lock:
            found = self._rules.get((host, agent))
        if found is None or time.monotonic() - found[0] > ROBOTS_TTL:
            return None
        return found[1]

    def remember(self, host: str, agent: str, rules: Rules) -> None:
        """Keep the rules of a host for later sources and runs of this process."""
        with self._lock:
            self._rules[(host, agent)] = (time.monotonic(), rules)

    def next_start(self, host: str) -> float:
        """Return the earliest monotonic time the next request to a host may start."""
        with self._lock:
            return self._slots.get(host, 0.0)

    def forget(self, host: str) -> None:
        """Drop what is remembered of a host: its rules for every agent and its start slot."""
        with self._lock:
            self._rules = {k: v for k, v in self._rules.items() if k[0] != host}
            self._slots.pop(host, None)

    def book(self, host: str, when: float) -> None:
        """Record the next start slot of a host."""
        with self._lock:
            self._slots[host] = max(when, self._slots.get(host, 0.0))


MEMORY = HostMemory()
