"""The sources file: which sources to ingest and how (sources are data, not code)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from extractors.exceptions import ConfigError
from extractors.urlhost import address_problem
from flows.fetch import strip_userinfo

SourceKind = Literal["directory", "feed", "sitemap", "urls"]
KINDS: tuple[str, ...] = ("directory", "feed", "sitemap", "urls")
DEFAULT_INCLUDE = ("*.html", "*.htm", "*.md", "*.txt", "*.json")
DEFAULT_DATA = "radar-data"
DEFAULT_RECHECK_DAYS = 3.0
# A BCP-47 language tag as sources write it: "en", "zh-Hans", "zh_TW", "pt-BR".
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*\Z")
# An HTTP field name is a token (RFC 9110 5.1); a value holds no control character but tab.
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+\Z")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
MAX_RECHECK_DAYS = 36500  # a century: "re-check every stored page on every run"
_COMMON = {"name", "kind", "timezone", "language", "max_pages", "user_agent", "allow_private"}
_ALLOWED: dict[str, set[str]] = {
    "directory": _COMMON | {"path", "include", "exclude", "max_bytes"},
    "feed": _COMMON | {"url", "headers", "recheck_days"},
    "sitemap": _COMMON | {"url", "headers", "recheck_days"},
    "urls": _COMMON | {"urls", "file", "headers", "recheck_days"},
}
# Keys that were accepted once and are refused now, with the reason.
_REMOVED = {
    "redact_headers": "removed: the value of every header in [sources.headers] is always redacted",
}


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """One entry of the sources file."""

    name: str
    kind: SourceKind
    path: Path | None = None
    url: str | None = None
    urls: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    timezone: str = "UTC"
    language: str | None = None
    max_pages: int | None = None
    max_bytes: int = 10 * 1024 * 1024
    user_agent: str | None = None
    allow_private: bool = False
    headers: dict[str, str] = field(default_factory=dict)
    # A stored page is re-requested (conditionally) until it is this many days old (published,
    # else fetched), or when its listing says it changed after it was fetched.
    recheck_days: float = DEFAULT_RECHECK_DAYS


def parse_day(value: str | date | None, what: str) -> date | None:
    """Parse a YYYY-MM-DD date; raise ConfigError with a clear message otherwise."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(f"{what} must be a date like 2025-01-31, got {value!r}") from None


def load_sources(path: Path | str) -> list[SourceConfig]:
    """Read and validate a sources TOML file."""
    file = Path(path)
    if not file.is_file():
        raise ConfigError(f"sources file not found: {file}")
    try:
        doc = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: not valid TOML: {exc}") from None
    entries = doc.get("sources")
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{file}: needs at least one [[sources]] table")
    sources = [
        _parse_source(entry, file.parent, f"{file}: source #{i + 1}")
        for i, entry in enumerate(entries)
    ]
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"{file}: source names must be unique; repeated: {', '.join(dupes)}")
    return sources


def select_sources(sources: list[SourceConfig], only: list[str] | None) -> list[SourceConfig]:
    """Return the sources named in ``only`` (all when empty); unknown names are an error."""
    if not only:
        return sources
    known = {s.name for s in sources}
    unknown = [n for n in only if n not in known]
    if unknown:
        raise ConfigError(
            f"unknown source(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )
    return [s for s in sources if s.name in set(only)]


def _parse_source(entry: Any, base: Path, where: str) -> SourceConfig:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: must be a table")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: 'name' is required")
    if _CONTROL.search(name) or "\t" in name:
        raise ConfigError(f"{where}: the name {name!r} holds a control character")
    where = f"{where} ({name})"
    kind = entry.get("kind")
    if kind not in KINDS:
        raise ConfigError(f"{where}: unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    removed = sorted(set(entry) & set(_REMOVED))
    if removed:
        raise ConfigError(f"{where}: {removed[0]} is {_REMOVED[removed[0]]}")
    extra = set(entry) - _ALLOWED[kind]
    if extra:
        raise ConfigError(f"{where}: unknown key(s) for kind {kind}: {', '.join(sorted(extra))}")
    tz = entry.get("timezone", "UTC")
    try:
        ZoneInfo(str(tz))
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{where}: unknown timezone {tz!r}") from None
    values: dict[str, Any] = {"name": name, "kind": kind, "timezone": str(tz)}
    for key in ("language", "user_agent"):
        if key in entry:
            if not isinstance(entry[key], str):
                raise ConfigError(f"{where}: {key} must be a string, got {entry[key]!r}")
            values[key] = entry[key]
    agent = values.get("user_agent", "")
    if _CONTROL.search(agent) or not agent.isascii():
        raise ConfigError(
            f"{where}: user_agent must be printable ASCII (a line break or 'ü' fails every request)"
        )
    if "language" in values and not _LANGUAGE_TAG.match(values["language"]):
        raise ConfigError(
            f"{where}: language must be a tag like 'en', 'zh-Hans' or 'zh-TW', "
            f"got {values['language']!r}"
        )
    for key in ("max_pages", "max_bytes"):
        if key in entry:
            count = entry[key]
            if isinstance(count, bool) or not isinstance(count, int) or count <= 0:
                raise ConfigError(f"{where}: {key} must be a positive integer, got {count!r}")
            values[key] = count
    if "allow_private" in entry:
        if not isinstance(entry["allow_private"], bool):
            raise ConfigError(
                f"{where}: allow_private must be true or false (unquoted), "
                f"got {entry['allow_private']!r}"
            )
        values["allow_private"] = entry["allow_private"]
    if "recheck_days" in entry:
        days = entry["recheck_days"]
        if (
            isinstance(days, bool)
            or not isinstance(days, int | float)
            or not 0 <= days <= MAX_RECHECK_DAYS  # also refuses nan
        ):
            raise ConfigError(
                f"{where}: recheck_days must be a number from 0 to {MAX_RECHECK_DAYS}, got {days!r}"
            )
        values["recheck_days"] = float(days)
    if "headers" in entry:
        values["headers"] = _headers(entry["headers"], where)
    for key in ("include", "exclude"):
        if key in entry:
            values[key] = _strings(entry[key], f"{where}: {key}")
    if kind == "directory":
        raw = entry.get("path")
        if not isinstance(raw, str):
            raise ConfigError(f"{where}: 'path' is required for a directory source")
        folder = (base / raw).resolve()
        if not folder.is_dir():
            raise ConfigError(f"{where}: folder not found: {folder}")
        values["path"] = folder
    elif kind in ("feed", "sitemap"):
        if not isinstance(entry.get("url"), str):
            raise ConfigError(f"{where}: 'url' is required for a {kind} source")
        values["url"] = _http_url(entry["url"], where)
    else:
        urls = list(_strings(entry.get("urls", []), f"{where}: urls"))
        if "file" in entry:
            listing = base / str(entry["file"])
            if not listing.is_file():
                raise ConfigError(f"{where}: URL list not found: {listing}")
            try:  # utf-8-sig: a byte-order mark (Notepad writes one) is no part of the first URL
                lines = listing.read_text(encoding="utf-8-sig").splitlines()
            except UnicodeDecodeError as exc:
                raise ConfigError(
                    f"{where}: URL list {listing} is not UTF-8 (byte {exc.start}); save it as UTF-8"
                ) from None
            except OSError as exc:
                raise ConfigError(f"{where}: URL list {listing}: {exc.strerror}") from None
            urls += [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
        if not urls:
            raise ConfigError(f"{where}: a urls source needs 'urls' or 'file'")
        values["urls"] = tuple(_http_url(u, where) for u in urls)
    return SourceConfig(**values)


def _headers(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(f"{where}: headers must be a table of strings")
    for name, text in value.items():
        if not _HEADER_NAME.match(name):
            raise ConfigError(f"{where}: {name!r} is no HTTP header name (a space or a symbol?)")
        if _CONTROL.search(text) or not text.isascii():
            raise ConfigError(
                f"{where}: header {name} must be printable ASCII (a line break or 'ü' fails "
                "every request)"
            )
    return dict(value)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return tuple(value)


def _http_url(url: str, where: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"{where}: not an http(s) URL: {url!r}")
    problem = address_problem(url)
    if problem is not None:
        raise ConfigError(f"{where}: {problem}: {strip_userinfo(url)!r}")
    parts = urlsplit(url)
    if parts.username or parts.password:
        shown = url.replace(parts.netloc, parts.netloc.rsplit("@", 1)[-1])
        raise ConfigError(
            f"{where}: credentials in a URL would be stored and logged ({shown}); "
            "send them as [sources.headers] (e.g. Authorization) instead"
        )
    return url
