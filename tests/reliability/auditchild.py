"""Child of the no-execution test: an ingest under a Python audit hook that records what ran.

The hook (``sys.addaudithook``, so it sees every layer: lxml, feedparser, yaml, pickle,
subprocess, sockets) records processes started, objects unpickled, code compiled from text that
carries the hostile pages' token, DNS look-ups of the beacon host, connections, opens of the
watched local files and imports of JavaScript engines. With ``RADAR_AUDIT_UNSAFE=1`` the extractor is
replaced by a deliberately unsafe one (pickle, ``yaml.unsafe_load``, ``eval`` of scripts): the
control run that shows the probe and the payloads are live.

Usage: ``auditchild.py SOURCES DATA REPORT`` (extraction inline: ``RADAR_WORKERS=1``).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

TOKEN = os.environ["RADAR_AUDIT_TOKEN"]
WATCHED = tuple(os.environ["RADAR_AUDIT_WATCH"].split(os.pathsep))
BEACON = os.environ["RADAR_AUDIT_BEACON_HOST"]
SPAWN = ("os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty",
         "subprocess.Popen", "pty.spawn", "os.startfile")  # fmt: skip
ENGINES = ("js2py", "quickjs", "dukpy", "py_mini_racer", "playwright", "selenium", "pyppeteer")
seen: list[str] = []
connects: list[str] = []


def carries_token(value: Any) -> bool:
    """Return True when text, bytes or a code object's constants contain the token."""
    if isinstance(value, str):
        return TOKEN in value
    if isinstance(value, bytes | bytearray):
        return TOKEN.encode() in value
    consts = getattr(value, "co_consts", None)
    return consts is not None and any(carries_token(c) for c in consts)


def hook(event: str, args: tuple[Any, ...]) -> None:
    """Record the events hostile content could cause."""
    if event in SPAWN:
        seen.append(f"{event}: {str(args)[:200]}")
    elif event == "pickle.find_class":
        seen.append(f"unpickled {args[0]}.{args[1]}")
    elif event in ("compile", "exec") and args and carries_token(args[0]):
        seen.append(f"{event} of page content")
    elif event == "socket.getaddrinfo" and BEACON in str(args[0]):
        seen.append(f"resolved {args[0]}")
    elif event == "socket.connect":
        connects.append(str(args[1]))
    elif event == "open" and any(w in str(args[0]) for w in WATCHED):
        seen.append(f"opened {str(args[0])[:200]}")
    elif event == "import" and str(args[0]).split(".")[0] in ENGINES:
        seen.append(f"imported {args[0]}")


def unsafe_extractor() -> None:
    """Swap in an extractor that executes what it reads (for the control run only)."""
    import pickle
    import re

    import yaml

    import extractors.pipeline as pipeline

    real = pipeline.extract_noted

    def extract(page: Any) -> Any:
        text = page.body.decode("utf-8", "replace")
        for run in (
            lambda: pickle.loads(page.body),
            lambda: yaml.unsafe_load(text.split("---")[1]),
            *(lambda s=s: eval(s) for s in re.findall(r"<script>(.*?)</script>", text, re.S)),
        ):
            with contextlib.suppress(Exception):  # most pages are not pickles, nor YAML
                run()
        return real(page)

    pipeline.extract_noted = extract


def main() -> None:
    """Install the hook, run the ingest, write what was recorded."""
    if os.environ.get("RADAR_AUDIT_UNSAFE") == "1":
        unsafe_extractor()
    from flows.config import load_sources
    from flows.ingest import run_ingest
    from flows.sources import Window

    sources, data, report = sys.argv[1:4]
    sys.addaudithook(hook)
    stats = run_ingest(load_sources(Path(sources)), data, Window())
    errors = {s.source: s.error for s in stats}
    Path(report).write_text(json.dumps({"seen": seen, "connects": connects, "errors": errors}))


if __name__ == "__main__":
    main()
