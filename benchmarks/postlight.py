"""Score titles and publication dates of Mercury parser's site fixtures: ours vs bare trafilatura."""

# Usage: .venv/bin/python benchmarks/postlight.py --root DIR [--split dev|test|all] [--per-page]
# DIR holds `git archive e8ba7ec fixtures src/extractors/custom` of postlight/parser (Mercury
# parser), exported outside the project (the pages are third-party text):
#     git --git-dir=<postlight/parser mirror> archive e8ba7ece291efa4d915d50dd4deeec17d54359f2 \
#         fixtures src/extractors/custom | tar -x -C /work/pl19-data
# Each site's `src/extractors/custom/<site>/index.test.js` reads a fixture page and asserts the
# expected title and date_published; a case is (fixture, url, title, date) for each fixture read
# before a "returns the title" / "returns the date_published" test. benchmarks/pl19_split.toml
# splits the sites (the extractor folders) into dev and test; --per-page is for dev only.
# Titles as in benchmarks/ti15.py (tokens equal to the reference, or once a trailing " | Site"
# part is cut; strictly: no cut). Dates: the reference is an instant (UTC) or a calendar day. A
# found day is exact when it is the reference's UTC day or, for an instant, the day a real time
# zone (UTC-12 to UTC+14) gives it (the page prints its local day; bare trafilatura answers with
# that day, Mercury with the UTC instant); strictly: the UTC day only. Wrong = another day; empty =
# none; on pages whose reference is null, "dated" counts pages given a date anyway.

from __future__ import annotations

import argparse
import ast
import hashlib
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collected import Sample, _bare_meta, _norm_title, _ours
from types10 import title_right

SPLIT = Path(__file__).with_name("pl19_split.toml")
FETCHED_AT = datetime(2026, 12, 1, tzinfo=UTC)  # later than every fixture's own date
_LITERAL = r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|`(?:[^`\\]|\\.)*`"
_STRINGS = re.compile(rf"(?:{_LITERAL})(?:\s*\+\s*(?:{_LITERAL}))*|null")
_READ = re.compile(r"readFileSync\(\s*(" + _LITERAL + r")")
_URL = re.compile(r"\burl\s*[=:]\s*(" + _LITERAL + r")")
_IT = re.compile(r"\bit\(\s*(" + _LITERAL + r")")
_ASSERT = re.compile(r"assert\.(?:equal|strictEqual)\(\s*([^,]*?),\s*")


@dataclass(frozen=True, slots=True)
class Case:
    """One fixture with the title and date its site's test expects."""

    site: str
    fixture: str
    url: str | None
    title: str | None
    date: str | None  # ISO instant or day; "null" when the test expects no date; None: untested


def js_string(source: str) -> str:
    """Return the value of a JS string literal or a + concatenation of them."""
    parts = re.findall(_LITERAL, source)
    out = []
    for part in parts:
        if part.startswith("`"):
            part = '"' + part[1:-1].replace('"', '\\"').replace("\n", "\\n") + '"'
        out.append(ast.literal_eval(part))
    return "".join(out)


def _asserted(block: str, wanted: tuple[str, ...]) -> str | None:
    """Return the literal asserted for a first argument naming one of wanted, or None."""
    for match in _ASSERT.finditer(block):
        if not any(w in match.group(1) for w in wanted):
            continue
        value = _STRINGS.match(block, match.end())
        if value is not None:
            return "null" if value.group(0) == "null" else js_string(value.group(0))
    return None


def read_cases(root: Path) -> list[Case]:
    """Return the cases of every site test under root, in site order."""
    cases: list[Case] = []
    for test in sorted((root / "src" / "extractors" / "custom").glob("*/index.test.js")):
        source = test.read_text(encoding="utf-8")
        found: dict[str, dict[str, str | None]] = {}
        urls: dict[str, str | None] = {}
        for it in _IT.finditer(source):
            name = js_string(it.group(1))
            key = "title" if name == "returns the title" else None
            key = "date" if name == "returns the date_published" else key
            if key is None:
                continue
            reads = list(_READ.finditer(source, 0, it.start()))
            if not reads:
                continue
            fixture = js_string(reads[-1].group(1)).removeprefix("./")
            url = [m for m in _URL.finditer(source, 0, reads[-1].start())]
            urls[fixture] = js_string(url[-1].group(1)) if url else None
            nxt = _IT.search(source, it.end())
            block = source[it.end() : nxt.start() if nxt else len(source)]
            wanted = ("title",) if key == "title" else ("date", "Date")
            found.setdefault(fixture, {})[key] = _asserted(block, wanted)
        for fixture, fields in found.items():
            if (root / fixture).is_file():
                title, day = fields.get("title"), fields.get("date")
                cases.append(Case(test.parent.name, fixture, urls[fixture], title, day))
    return cases


def split_sites(split: str) -> set[str]:
    """Return the sites of a split (dev, test or all) from benchmarks/pl19_split.toml."""
    spec = tomllib.loads(SPLIT.read_text(encoding="utf-8"))
    return set(spec["dev"]) | set(spec["test"]) if split == "all" else set(spec[split])


def _days(expected: str) -> tuple[date, set[date]]:
    """Return the reference's UTC day and every day a real time zone gives it."""
    if len(expected) == 10:
        day = date.fromisoformat(expected)
        return day, {day}
    instant = datetime.fromisoformat(expected.replace("Z", "+00:00")).astimezone(UTC)
    shifts = (timedelta(hours=-12), timedelta(0), timedelta(hours=14))
    return instant.date(), {(instant + s).date() for s in shifts}


def date_outcome(found: datetime | date | None, expected: str) -> str:
    """Return exact / local / wrong / empty, or none / dated for a null reference."""
    if expected == "null":
        return "none" if found is None else "dated"
    if found is None:
        return "empty"
    day = found.astimezone(UTC).date() if isinstance(found, datetime) else found
    utc_day, local_days = _days(expected)
    if day == utc_day:
        return "exact"
    return "local" if day in local_days else "wrong"


def main() -> int:
    """Score both extractors' titles and dates on the fixtures of a split."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", type=Path, default=Path("/work/pl19-data"))
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--per-page", action="store_true")
    args = ap.parse_args()
    if args.per_page and args.split != "dev":
        ap.error("--per-page is for the dev split only: test is scored with totals")
    cases = read_cases(args.root)
    if not cases:
        ap.error(f"no site tests under {args.root} (see the header of this file)")
    known = split_sites("all")
    missing = sorted({c.site for c in cases} - known)
    if missing:
        ap.error(f"sites not in {SPLIT.name}: {missing}")
    wanted = split_sites(args.split)
    counts = {"ours": Counter[str](), "bare": Counter[str]()}
    digest = hashlib.sha1()
    pages = titled = dated = undated = 0
    for case in (c for c in cases if c.site in wanted):
        body = (args.root / case.fixture).read_bytes()
        digest.update(body)
        sample = Sample(case.fixture, body, case.url, "", case.title, False, None, FETCHED_AT)
        _, our_title, our_date = _ours(sample)
        bare_title, bare_day = _bare_meta(sample)
        pages += 1
        titled += bool(case.title)
        dated += case.date not in (None, "null")
        undated += case.date == "null"
        line = [case.fixture]
        for who, got_title, got_day in (
            ("ours", our_title, our_date),
            ("bare", bare_title, bare_day),
        ):
            if case.title:
                right = title_right(got_title, case.title)
                counts[who]["title"] += right
                counts[who]["title_strict"] += bool(got_title) and (
                    _norm_title(got_title) == _norm_title(case.title)
                )
                if not right:
                    line.append(f"{who} title {got_title!r} (want {case.title!r})")
            if case.date is not None:
                verdict = date_outcome(got_day, case.date)
                counts[who][verdict] += 1
                if verdict not in ("exact", "none"):
                    line.append(f"{who} date {verdict} {got_day} (want {case.date})")
        if args.per_page and len(line) > 1:
            print(" | ".join(line))
    print(f"{args.split}: {pages} pages ({titled} titled, {dated} dated, {undated} expect no date)")
    print(f"  pages sha1 {digest.hexdigest()[:12]}")
    for who in ("ours", "bare"):
        c = counts[who]
        print(
            f"  {who}: titles right {c['title']}/{titled} (strict {c['title_strict']}); "
            f"dates exact {c['exact'] + c['local']}/{dated} (UTC day {c['exact']}), "
            f"wrong {c['wrong']}, empty {c['empty']}; dated where none expected {c['dated']}/{undated}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
