"""Front matter: YAML (`---`, or Hexo's closing `---` alone), TOML (`+++`), MultiMarkdown headers."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any

import yaml

from extractors.exceptions import FrontMatterError
from extractors.surrogates import mend_parsed

__all__ = [
    "parse_front_matter",
    "permalink_day",
    "person_names",
    "same_day_stamp",
    "title_text",
    "unnest_dates",
]

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
# A key at the start of a line: "title: …", "published_date: …", "Last Updated: …".
_KEY_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_\- ]{0,40}?)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$")
_TOML_FRONT = re.compile(r"\A\ufeff?\+\+\+[ \t]*\r?\n(.*?)\r?\n\+\+\+[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_TOML_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_\-]{0,40})[ \t]*=[ \t]*(.*?)[ \t]*$")
# MultiMarkdown / Pelican metadata: the file opens with "Title: …", "Date: …" lines and a blank
# line. Reader-service dumps ("Title:", "URL Source:", "Markdown Content:") have their own reader.
_MMD_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_\- ]{0,30}?)[ \t]*:[ \t]+(\S.*?)[ \t]*$")
_MMD_NEEDS = frozenset({"title", "date"})
_READER_KEYS = frozenset({"url source", "markdown content", "published time"})
# Hexo also reads a file that opens straight with its keys and closes them with a `---` line.
_OPEN_FRONT = re.compile(r"\A\ufeff?((?:[^\n]*\n){1,40}?)---[ \t]*(?:\r?\n|\Z)")
# Logseq page properties and Dataview fields: "title:: …", "author:: [[Name]]".
_PROPERTY_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_\-]{0,40})::[ \t]*(.*?)[ \t]*$")
# Org-mode in-buffer keywords at the top of a file: "#+title: …", "#+DATE: <2021-03-14 Sun>".
_ORG_KEYWORD = re.compile(r"^#\+([A-Za-z][A-Za-z0-9_\-]{0,30}):[ \t]*(.*?)[ \t]*$")
_ORG_STAMP = re.compile(
    r"[\[<]((?:19|20)\d{2}-\d{2}-\d{2})(?:[ \t]+[^\d\s\]>]+)?(?:[ \t]+(\d{1,2}:\d{2}))?[^\]>]*[\]>]"
)
_WIKI_VALUE = re.compile(r"\[\[([^\[\]|]+)(?:\|[^\[\]]*)?\]\]")
_QUOTED = re.compile(r"""\A(["'])(.*)\1\Z""", re.DOTALL)


def parse_front_matter(text: str) -> tuple[dict[str, Any], str] | None:
    """Split front matter from a page; None without front matter."""
    m = _FRONT.match(text)
    if not m:
        return _toml_front(text) or _line_header(text) or _org_header(text) or _hexo_front(text)
    try:
        data = _read_yaml(m.group(1))
    except yaml.YAMLError as exc:
        data = _loose_mapping(m.group(1))
        if data is None:
            raise FrontMatterError(f"invalid YAML front matter: {str(exc)[:120]}") from exc
    except (RecursionError, ValueError) as exc:  # "[[[[…" thousands deep
        raise FrontMatterError(f"unreadable YAML front matter: {type(exc).__name__}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter is not a mapping")
    return _lowered(data), text[m.end() :]


class _TextStamps(yaml.SafeLoader):
    """YAML's safe loader with timestamps left as text."""


_TextStamps.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read_yaml(block: str) -> Any:
    """Return a YAML block read safely; dates YAML cannot build ("2024-13-45") stay text."""
    try:
        value = yaml.safe_load(block)
    except ValueError:  # the timestamp constructor: month 13, day 0, an offset of +25:00
        loader = _TextStamps(block)  # what safe_load does, with the safe loader minus timestamps
        try:
            value = loader.get_single_data()
        finally:
            loader.dispose()
    if _expanded(value, {}, len(block)) > len(block):
        # Without aliases a block cannot hold more values than characters; with aliases of
        # aliases ("billion laughs") a 1 KB block stands for 10^9 values, and any reader of
        # them (an author list) would run for hours.
        raise FrontMatterError("YAML front matter expands past its own size (aliases of aliases)")
    return mend_parsed(block, value)


def _expanded(value: Any, seen: dict[int, int], limit: int) -> int:
    """Return how many values a parsed value holds with aliases expanded (stops past ``limit``)."""
    if not isinstance(value, list | dict):
        return 1
    known = seen.get(id(value))
    if known is not None:
        return known
    seen[id(value)] = limit + 1  # a value inside itself (`&a [*a]`) never ends
    parts = value if isinstance(value, list) else [*value.keys(), *value.values()]
    total = 1
    for part in parts:
        total += _expanded(part, seen, limit)
        if total > limit:
            break
    seen[id(value)] = total
    return total


def _lowered(data: dict[Any, Any]) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in data.items()}


def _toml_front(text: str) -> tuple[dict[str, Any], str] | None:
    """Split Hugo's TOML front matter (`+++` fences) from a page; None without it."""
    m = _TOML_FRONT.match(text)
    if not m:
        return None
    try:
        data: dict[str, Any] = tomllib.loads(m.group(1))
    except tomllib.TOMLDecodeError as exc:
        loose = _loose_toml(m.group(1))
        if loose is None:
            raise FrontMatterError(f"invalid TOML front matter: {str(exc)[:120]}") from exc
        data = loose
    except (RecursionError, ValueError) as exc:  # "a = [[[[…" thousands deep
        raise FrontMatterError(f"unreadable TOML front matter: {type(exc).__name__}") from exc
    return _lowered(data), text[m.end() :]


def _loose_toml(block: str) -> dict[str, Any] | None:
    """Read `key = value` lines of TOML a scraper left unquoted; None if not such lines."""
    data: dict[str, Any] = {}
    for line in block.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.lstrip().startswith("["):
            break  # a table: the page's own keys stand above it
        m = _TOML_LINE.match(line)
        if m is None:
            return None
        data[m.group(1)] = _scalar(m.group(2))
    return data or None


def _line_header(text: str) -> tuple[dict[str, Any], str] | None:
    """Split a header of `Key: value` (MultiMarkdown, Pelican) or `key:: value` (Logseq, Dataview)
    lines up to the first blank line, title or date among them, from a page."""
    # Every line must match one pattern: a first line that matches neither (an HTML page's
    # doctype) decides before the page is split into lines.
    first = _first_line(text)
    if not (_MMD_LINE.match(first) or _PROPERTY_LINE.match(first)):
        return None
    head, sep, rest = text.lstrip("\ufeff").partition("\n\n")
    lines = head.replace("\r", "").split("\n")
    if not sep or len(lines) < 2:
        return None
    for pattern in (_MMD_LINE, _PROPERTY_LINE):
        fields = [pattern.match(line) for line in lines]
        if any(f is None for f in fields):
            continue
        data = {
            f.group(1).strip().lower(): _scalar(_WIKI_VALUE.sub(r"\1", f.group(2)))
            for f in fields
            if f is not None
        }
        if data.keys() & _MMD_NEEDS and not data.keys() & _READER_KEYS and len(data) == len(lines):
            return data, rest
    return None


def _org_header(text: str) -> tuple[dict[str, Any], str] | None:
    """Split org-mode's in-buffer keywords ("#+title: …", "#+date: [2021-04-23 Fri]") from a page."""
    if not _ORG_KEYWORD.match(_first_line(text)):  # no keyword opens it: nothing to split
        return None
    lines = text.lstrip("\ufeff").replace("\r", "").split("\n")
    end = next((i for i, line in enumerate(lines) if not _ORG_KEYWORD.match(line)), len(lines))
    data: dict[str, Any] = {}
    for line in lines[:end]:
        keyword = _ORG_KEYWORD.match(line)
        if keyword is not None:
            data.setdefault(keyword.group(1).lower(), _org_value(keyword.group(2)))
    if not data.keys() & _MMD_NEEDS:
        return None
    return data, "\n".join(lines[end:])


def _first_line(text: str) -> str:
    """Return a page's first line as the header readers split it (BOM and carriage returns out)."""
    text = text.lstrip("\ufeff")
    end = text.find("\n")
    return (text if end < 0 else text[:end]).replace("\r", "")


def _org_value(raw: str) -> str:
    """Return a keyword's value, an org timestamp ("<2021-03-14 Sun 10:00>") as "2021-03-14 10:00"."""
    stamp = _ORG_STAMP.fullmatch(raw.strip())
    if stamp is None:
        return raw.strip()
    return " ".join(part for part in stamp.groups() if part)


def _hexo_front(text: str) -> tuple[dict[str, Any], str] | None:
    """Split Hexo front matter written without its opening `---` (title or date among its keys)."""
    if not _KEY_LINE.match(text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")):
        return None
    m = _OPEN_FRONT.match(text)
    if not m:
        return None
    try:
        data = _read_yaml(m.group(1))
    except (yaml.YAMLError, RecursionError, ValueError):
        data = _loose_mapping(m.group(1))
    if not isinstance(data, dict):
        return None
    fields = _lowered(data)
    return (fields, text[m.end() :]) if fields.keys() & _MMD_NEEDS else None


def _loose_mapping(block: str) -> dict[str, Any] | None:
    """Read `key: value` lines whose values YAML rejects ("title: AI: a law"); None if not such lines."""
    fields: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if fields and (line[0].isspace() or _continues(fields[-1][1], line)):
            fields[-1][1].append(line.strip())  # a wrapped value or a list item under its key
        elif key := _KEY_LINE.match(line):
            fields.append((key.group(1).strip(), [key.group(2) or ""]))
        else:
            return None  # a line that is neither a key nor a continuation: not front matter
    if not fields:
        return None
    return {key: _value(parts) for key, parts in fields}


def _continues(parts: list[str], line: str) -> bool:
    """Return True when a line at the margin still belongs to the value above it: an item of a
    list under an empty key, or the rest of a value whose opening quote is not closed yet."""
    if not parts[0]:
        return line.startswith("- ")
    value = " ".join(parts)
    return value[0] in "\"'" and not (len(value) > 1 and value[-1] == value[0])


def _value(parts: list[str]) -> Any:
    """Return a value as YAML would read it alone, else as the text it is."""
    head, rest = parts[0], [p for p in parts[1:] if p]
    if not head and rest and all(p.startswith("- ") for p in rest):
        return [_scalar(p[2:].strip()) for p in rest]
    return _scalar(" ".join([head, *rest]).strip())


def _scalar(text: str) -> Any:
    quoted = _QUOTED.match(text)
    if quoted:
        return quoted.group(2)
    try:
        value = mend_parsed(text, yaml.safe_load(text))
    except (yaml.YAMLError, RecursionError, ValueError):
        return text
    return value if isinstance(value, str | int | float | bool | dt.date) else text


_DAY_ONLY = re.compile(r"\s*((?:19|20)\d{2}-\d{2}-\d{2})\s*")
_DAY_AND_TIME = re.compile(r"\s*((?:19|20)\d{2}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}")


def same_day_stamp(front: object, header: object) -> bool:
    """Return True when front matter gives a day alone and a header line that day with its time."""
    # A reader-service dump under an archiver's front matter ("date: 2026-02-08" above
    # "Published Time: 2026-02-08T02:08:20Z"): the stamp is the same day, told to the second.
    if isinstance(front, dt.date) and not isinstance(front, dt.datetime):
        day = front.isoformat()
    elif isinstance(front, str) and (found := _DAY_ONLY.fullmatch(front)) is not None:
        day = found.group(1)
    else:
        return False
    stamp = _DAY_AND_TIME.match(header) if isinstance(header, str) else None
    return stamp is not None and stamp.group(1) == day


def title_text(value: object) -> str | None:
    """Return a front-matter title as text: a string or a number; a list or a record is none."""
    if isinstance(value, bool):  # YAML reads a bare "yes" or "no" as a truth value
        return None
    return (
        value if isinstance(value, str) else str(value) if isinstance(value, int | float) else None
    )


def person_names(value: object) -> str | None:
    """Return an author field as names: a string, a {name: …} record, or a list of either."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) and name.strip() else None
    if isinstance(value, list):
        names = [n for n in map(person_names, value) if n]
        return ", ".join(names) or None
    return None


# A generator's nested date record: MkDocs Material's blog plugin writes `date:` with `created:`
# (and optionally `updated:`) under it. The post's day is the one it was created or published on;
# an update, modification or expiry day never is.
_NESTED_PUBLISHED = re.compile(r"^(?:creat|publish|pub_?date|posted|date$)")
_NESTED_NOT = re.compile(r"updat|modif|edit|last|expir|archiv")
_DATE_FIELD = re.compile(r"date|time|publish|posted|creat", re.IGNORECASE)


def unnest_dates(data: dict[str, Any]) -> dict[str, Any]:
    """Return front-matter fields with each nested date record (`date: created: …`) read as its day."""
    fields = dict(data)
    for key, value in data.items():
        if isinstance(value, dict) and _DATE_FIELD.search(key):
            inner = [
                v
                for k, v in value.items()
                if _NESTED_PUBLISHED.match(str(k).lower())
                and not _NESTED_NOT.search(str(k).lower())
            ]
            # a record holding only an update day names no publication day: nothing is read from it
            fields[key] = next((v for v in inner if v not in (None, "")), None)
    return fields


# A post's own permalink as the generator takes it from front matter (Zola `path`, Jekyll and
# Hexo `permalink`, Hugo `url`, Docusaurus `slug`): "2023/05/29/slug" declares the post's day
# the way a dated file name does. A full URL is a clipping's source address, not this.
_PERMALINK_KEYS = ("path", "permalink", "url", "slug")
_PERMALINK_DAY = re.compile(r"(?:^|/)((?:19|20)\d{2})/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?:/|$)")


def permalink_day(data: dict[str, Any]) -> str | None:
    """Return the ISO day a relative permalink in front matter declares, else None."""
    for key in _PERMALINK_KEYS:
        value = data.get(key)
        if isinstance(value, str) and not value.startswith(("http://", "https://", "//")):
            found = _PERMALINK_DAY.search(value.strip())
            if found is not None:
                return "-".join(found.groups())
    return None
