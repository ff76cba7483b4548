"""Helpers for following the docs as written: a fresh copy of the checkout, its shell blocks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
HEADING = re.compile(r"^(#{1,6}) (.+)$", re.M)
LONG_RUNNING = ("server start", "radar serve", "worker start")


def fresh_copy(dest: Path) -> Path:
    """Copy the checkout's files (tracked and new, not ignored) to dest, as a clone would have."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in filter(None, listing.split("\0")):
        source = REPO / rel
        if source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)  # keeps mtimes: make sees .venv as up to date
    for tool in (".venv", ".tools"):  # installed once per machine; `make` would build them
        if (REPO / tool).exists():
            (dest / tool).symlink_to(REPO / tool)
    return dest


def section(doc: Path, title: str) -> str:
    """Return the text of the section with this heading, up to the next heading as high."""
    text = doc.read_text(encoding="utf-8")
    headings = list(HEADING.finditer(text))
    for index, match in enumerate(headings):
        if match.group(2).strip() == title:
            level = len(match.group(1))
            end = next(
                (h.start() for h in headings[index + 1 :] if len(h.group(1)) <= level),
                len(text),
            )
            return text[match.end() : end]
    raise AssertionError(f"{doc.name} has no section {title!r}")


def blocks(doc: Path, title: str, language: str = "sh") -> list[str]:
    """Return the code blocks of one language in a section, in order."""
    found = [m.group(2) for m in FENCE.finditer(section(doc, title)) if m.group(1) == language]
    assert found, f"no {language} block in {doc.name} § {title}"
    return found


def commands(block: str) -> list[str]:
    """Return a shell block's commands: continuations joined, comments dropped."""
    joined = re.sub(r"\\\n\s*", "", block)
    out = []
    for line in joined.splitlines():
        line = re.sub(r"\s+#\s.*$", "", line).strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def is_long_running(command: str) -> bool:
    """Return True for a command that runs until stopped (server, serve, worker)."""
    return any(word in command for word in LONG_RUNNING)


@dataclass
class Webhook:
    """A local HTTP server recording the JSON bodies posted to it."""

    url: str
    bodies: list[dict[str, Any]] = field(default_factory=list)


@contextmanager
def webhook() -> Iterator[Webhook]:
    """Run a webhook receiver on 127.0.0.1 for the block; yield what it receives."""
    received: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            received.append(json.loads(self.rfile.read(length) or b"{}"))
            self.send_response(200)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Webhook(f"http://127.0.0.1:{server.server_address[1]}/alert", received)
    finally:
        server.shutdown()
        server.server_close()


def shell_env(base: dict[str, str], **extra: str) -> dict[str, str]:
    """Return an environment for bash: base plus extra, PATH kept."""
    env = dict(base)
    env.setdefault("PATH", os.environ.get("PATH", "/usr/bin:/bin"))
    env.update(extra)
    return env
