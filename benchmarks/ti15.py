"""Score the project vs bare trafilatura on titles and publication dates of mixed page types."""

# Usage: .venv/bin/python benchmarks/ti15.py --root DIR [--splits FILE] [--split dev|test|all] [--per-page]
# (--splits defaults to benchmarks/ti15_split.toml; the sixteenth round's set uses the same layout:
# --root /work/tt16-data --splits benchmarks/tt16_split.toml.)
# DIR holds SOURCES.tsv (file, repo, commit, path, sha256, outlet, kind, lang) and labels.json
# ({file: {"title": str|null, "title_alt": [str], "date": ISO|null, "note": str}}), written outside
# the project (the pages are third-party text); the split file assigns each repository (the
# outlet column) to dev or test. Titles as in benchmarks/types10.py (tokens equal to the label or an alternative,
# or equal once a trailing " | Site" part is cut), and strictly (no cut). Dates: exact = the
# labelled day (in the label's own offset when it has one); wrong = another day; missing = none;
# on pages labelled without a date, "dated" counts the pages given one anyway. Bare = trafilatura's
# metadata with defaults (its date from htmldate), as in types10.py. --per-page is for dev only.

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collected import Sample, _bare_meta, _norm_title, _ours, same_day
from snippets import parse_set_args
from types10 import split_of, title_right

SPLITS = Path(__file__).with_name("ti15_split.toml")
# Later than every page's own date (some are of 2026): a page is never rejected as from the future.
FETCHED_AT = datetime(2026, 12, 1, tzinfo=UTC)


def titles_match(found: str | None, label: dict[str, object]) -> tuple[bool, bool]:
    """Return (right, strictly right) for a found title against the label and its alternatives."""
    wanted = [str(t) for t in (label["title"], *label.get("title_alt", [])) if t]  # type: ignore[misc]
    right = any(title_right(found, w) for w in wanted)
    strict = bool(found) and any(_norm_title(found) == _norm_title(w) for w in wanted)
    return right, strict


def date_outcome(found: object, wanted: str | None) -> str:
    """Return exact / wrong / missing for a labelled date, dated / none for a page without one."""
    if wanted is None:
        return "none" if found is None else "dated"
    if found is None:
        return "missing"
    return "exact" if same_day(wanted, found) else "wrong"  # type: ignore[arg-type]


def main() -> int:
    """Score both extractors' titles and dates on the labelled pages of a split."""
    args, labels, rows = parse_set_args(__doc__.splitlines()[0], SPLITS)
    assigned = split_of(args.splits)
    counts: dict[str, Counter[str]] = {"bare": Counter(), "ours": Counter()}
    pages = titled = dated = 0
    for row in rows:
        label = labels[row["file"]]
        if args.split not in {"all", assigned[row["outlet"]]}:
            continue
        body = (args.root / "pages" / row["file"]).read_bytes()
        if hashlib.sha256(body).hexdigest() != row["sha256"]:
            sys.exit(f"{row['file']}: sha256 differs from SOURCES.tsv")
        pages += 1
        titled += bool(label["title"])
        dated += label["date"] is not None
        sample = Sample(row["file"], body, None, "", None, False, fetched_at=FETCHED_AT)
        _text, title, published = _ours(sample)
        bare_title, bare_day = _bare_meta(sample)
        for who, (got_title, got_day) in {
            "bare": (bare_title, bare_day),
            "ours": (title, published),
        }.items():
            right, strict = titles_match(got_title, label) if label["title"] else (False, False)
            counts[who]["title"] += right
            counts[who]["strict"] += strict
            outcome = date_outcome(got_day, label["date"])
            counts[who][outcome] += 1
            if args.per_page and (
                (label["title"] and not right) or outcome in {"wrong", "missing", "dated"}
            ):
                day = got_day.isoformat() if got_day is not None else None
                print(
                    f"{who} {row['file']}  title={got_title!r}  date={day} ({outcome}, want {label['date']})"
                )
    print(f"{args.split}: {pages} pages ({titled} titled, {dated} dated)")
    for who in ("bare", "ours"):
        c = counts[who]
        print(
            f"  {who}: titles right {c['title']}/{titled} (strict {c['strict']}), dates exact "
            f"{c['exact']}/{dated}, wrong {c['wrong']}, missing {c['missing']}; "
            f"undated pages given a date {c['dated']}/{pages - dated}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
