"""Text-only divs of unwrapped layout tables on dev pages: their prose against the page's paragraphs.

For each dev page (gn30, nx31, fo34 dev halves; CWCE and AEB, in-sample) whose unwrapped layout
tables leave divs of text alone, prints the page's largest paragraph holder (the most <p> text
under one element), the longest such div that is not a list of links, their ratio, whether that
div shares a class name with another (a series), and per div its shown length, link share and the
share of its tokens found in the reference. Used for sb38 (docs/quality.md).

    .venv/bin/python benchmarks/textdivs.py gn30 nx31 fo34 cwce aeb [--all]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "benchmarks"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import rc20_stages as rc  # noqa: E402
from collected import tokens  # noqa: E402
from fo34 import load_spec as load_fo34  # noqa: E402
from marked_pages import half_pages  # noqa: E402

from extractors import layouttables as lt  # noqa: E402
from extractors.decode import decode_bytes  # noqa: E402
from extractors.htmlparse import parse_markup  # noqa: E402
from extractors.repair import strip_ruby  # noqa: E402
from extractors.rows import Page  # noqa: E402

CACHE = Path("/work/r37/cache")


def cases(name: str) -> Iterator[rc.Case]:
    """Yield the dev (or in-sample) pages of a set."""
    if name == "fo34":
        for _, s in half_pages(CACHE / "fo34", "dev", load_fo34()):
            yield rc.Case(s.name, Page("fo34", s.body, s.fetched_at, url=s.url), s.reference)
    elif name in ("cwce", "aeb"):
        yield from rc.read_set(name, None)
    else:
        yield from rc.read_set(name, CACHE / name)


def text_divs(case: rc.Case) -> tuple[Any, list[Any]]:
    """Return the page's tree and its text-only divs, as unwrap_layout_tables leaves them."""
    found: list[Any] = []
    orig = lt.wrap_loose_text

    def spy(el: Any, holding: Any = None, *, alone: bool = False) -> bool:
        if alone:
            return True  # the tree as it stands before any text-only div is wrapped
        kept = orig(el, holding)
        if not kept and el.tag == "div":
            found.append(el)
        return kept

    markup, _ = decode_bytes(case.page.body, None)
    tree = parse_markup(strip_ruby(markup))
    if tree is None:
        return None, []
    with mock.patch.object(lt, "wrap_loose_text", spy):
        lt.unwrap_layout_tables(tree)
    return tree, found


def main() -> int:
    """Print the measurement for the named sets."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="+", choices=["gn30", "nx31", "fo34", "cwce", "aeb"])
    ap.add_argument("--all", action="store_true", help="pages under ratio 0.3 too")
    args = ap.parse_args()
    for name in args.sets:
        for case in cases(name):
            tree, divs = text_divs(case)
            shown = [(d, len(" ".join(" ".join(lt._SHOWN(d)).split()))) for d in divs]
            shown = [(d, n) for d, n in shown if n >= lt._PROSE_RUN]
            if not shown:
                continue
            held: dict[Any, int] = {}
            for para in tree.iter("p"):
                size = len(" ".join(para.text_content().split()))
                held[para.getparent()] = held.get(para.getparent(), 0) + size
            top_size = max(held.values(), default=0)
            prose = [(d, n) for d, n in shown if not lt._is_link_table(d, n)]
            top, longest = max(prose, key=lambda x: x[1]) if prose else (None, 0)
            ratio = longest / max(1, top_size)
            if ratio < 0.3 and not args.all:
                continue
            names = set(top.classes) if top is not None else set()
            series = bool(names) and any(names & set(d.classes) for d in divs if d is not top)
            print(
                f"{name} {case.name[:24]:24} p-holder {top_size:6} div {longest:6} "
                f"ratio {ratio:5.2f} series {series}"
            )
            ref = tokens(case.reference)
            for d, n in shown:
                links = sum(len(" ".join(a.text_content().split())) for a in d.iter("a"))
                mine = tokens(" ".join(lt._SHOWN(d)))
                found = sum((mine & ref).values()) / max(1, sum(mine.values()))
                print(
                    f"    {n:6} links {links / n:4.2f} in-ref {found:4.2f} "
                    f"class {d.get('class') or '-'}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
