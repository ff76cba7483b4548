"""Reference words each of our stages after trafilatura removes, and the other words it removes.

Usage: .venv/bin/python benchmarks/rc20_stages.py --set NAME [--root DIR] [--per-page] [--show STAGE]
       NAME: fundus irdata rd23 nw23 rx24 gn30 nx31 ex32 fo34 nn28 nonnews sg35 sd35 lp36 ot36
       rs38 cwce aeb

Every page runs through extract_article with hooks on its steps (nothing in the shipped path
changes) and through bare trafilatura.extract. The text after each step is scored against the
page's reference as a token multiset (collected.py's tokens): a step's *reference words lost* is
the drop of the overlap with the reference (min of counts) from the text before it to the text
after it, its *chrome words removed* the other tokens it removed. The steps, in order:

* body pass: our body text (fast pass, our retry rules, join of split bodies) against bare's text
  (a gain or a loss: it is the only step not a cut of ours);
* posts: a thread's posts replacing the body; lines: text_lines (repair, table rows);
* byline, credit, datelines: the header lines build_article takes out;
* inside remove_chrome, each paragraph by the first rule that drops it: tail_cut (past the end
  find_chrome_blocks gives), chrome_block, menu_run, foreign, credit_block, sign_off, postscript,
  head_start, lead_notice, line_chrome, shouted, repeat (a duplicate or a title repeat); then
  orphan_heading, edge_model (trim_edge_chrome) and the second orphan_heading;
* verbatim (restore_verbatim, adds back) and title_heading (drop_title_heading).

Sets: fundus dev (``--root`` the folder holding ``tests/``, benchmarks/fundus_split.toml), irdata
dev (``--root`` the folder holding ``Extraction/``, benchmarks/rb21_split.toml), gn30, nx31, ex32,
fo34 and nn28 dev (benchmarks/NAME_split.toml), nonnews dev (``--root`` its cache folder,
benchmarks/nonnews_set.toml), sg35, sd35, lp36, ot36 and rs38 dev (benchmarks/NAME_split.toml), CWCE and
AEB (../shared/corpus; in-sample: tuned on in earlier rounds). Fundus test, the irdata test half
and the other collected sets are held out and refused. --per-page and --show print page names
and dropped paragraphs: for these dev and in-sample sets only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "benchmarks"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import trafilatura  # noqa: E402
from chromesteps import CHROME_RULES, Trace, chrome_steps, record_cut  # noqa: E402
from collected import read_fundus, read_irdata, read_nw23, read_rd23, read_rx24, tokens  # noqa: E402
from ex32 import load_spec as load_ex32  # noqa: E402
from extraction import corpus_page, load_corpus  # noqa: E402
from fo34 import load_spec as load_fo34  # noqa: E402
from gn30 import load_spec as load_gn30  # noqa: E402
from marked_pages import half_pages  # noqa: E402
from nn28 import load_spec as load_nn28  # noqa: E402
from nn28 import nn28_pages  # noqa: E402
from nonnews import read_nonnews  # noqa: E402
from nx31 import load_spec as load_nx31  # noqa: E402
from sg35 import SPLIT_FILE as SG35_SPLIT  # noqa: E402
from sg35 import half_pages as sg35_pages  # noqa: E402
from sg35 import load_spec as load_sg35  # noqa: E402

from extractors import article as pipeline  # noqa: E402
from extractors.decode import decode_bytes  # noqa: E402
from extractors.exceptions import ExtractionError  # noqa: E402
from extractors.rows import Page  # noqa: E402

SHARED = ROOT.parent / "shared"
SD35_SPLIT = Path(__file__).with_name("sd35_split.toml")
LP36_SPLIT = Path(__file__).with_name("lp36_split.toml")
OT36_SPLIT = Path(__file__).with_name("ot36_split.toml")
RS38_SPLIT = Path(__file__).with_name("rs38_split.toml")


@contextmanager
def hooked(trace: Trace) -> Iterator[None]:
    """Record every step's text while active (module attributes of extractors.article)."""
    names = (
        "extract_body",
        "choose_posts",
        "build_article",
        "split_trailing_credit",
        "split_datelines",
        "remove_chrome",
        "restore_verbatim",
        "drop_title_heading",
    )
    orig: dict[str, Callable[..., Any]] = {n: getattr(pipeline, n) for n in names}

    def body(*a: Any, **k: Any) -> Any:
        out = orig["extract_body"](*a, **k)
        trace.add("body_pass", out.text.split("\n"))
        return out

    def posts(thread: Any, runs: Any, text: str, *a: Any) -> Any:
        out = orig["choose_posts"](thread, runs, text, *a)
        trace.add("posts", (out[0] or text).split("\n"))
        return out

    def build(page: Page, parsed: Any) -> Any:
        trace.add("lines", parsed.paras)
        return orig["build_article"](page, parsed)

    def credit(paras: list[str]) -> Any:
        trace.add("byline", paras)
        out = orig["split_trailing_credit"](paras)
        trace.add("credit", out[1])
        return out

    def datelines(paras: list[str], *a: Any) -> Any:
        out = orig["split_datelines"](paras, *a)
        trace.add("datelines", out[0])
        return out

    def chrome(paras: list[str], simple: list[str], title: str | None = None, **k: Any) -> Any:
        real = orig["remove_chrome"](paras, simple, title, **k)
        mine = chrome_steps(trace, paras, simple, title, **k)
        if mine != real:
            raise AssertionError("the replayed remove_chrome differs from the real one")
        return real

    def verbatim(paras: list[str], kept: list[str], lines: frozenset[str]) -> Any:
        out = orig["restore_verbatim"](paras, kept, lines)
        trace.add("verbatim", out)
        return out

    def title_heading(kept: list[str], title: str | None) -> Any:
        out = orig["drop_title_heading"](kept, title)
        record_cut(trace, "title_heading", kept, out)
        trace.add("title_heading", out)
        return out

    hooks = {
        "extract_body": body,
        "choose_posts": posts,
        "build_article": build,
        "split_trailing_credit": credit,
        "split_datelines": datelines,
        "remove_chrome": chrome,
        "restore_verbatim": verbatim,
        "drop_title_heading": title_heading,
    }
    with mock.patch.multiple(pipeline, **hooks):
        yield


@dataclass(frozen=True)
class Case:
    """One page with its reference."""

    name: str
    page: Page
    reference: str


def read_set(name: str, root: Path | None) -> Iterator[Case]:
    """Yield the pages of a dev or in-sample set with their references."""
    if name == "fundus":
        if root is None:
            raise SystemExit("--root (the folder holding tests/) is needed for fundus")
        for s in read_fundus(root, "dev"):
            yield Case(s.name, Page("fundus", s.body, s.fetched_at, url=s.url), s.reference)
        return
    if name == "irdata":  # MSVCode/ir-research-data, dev half only (benchmarks/rb21_split.toml)
        if root is None:
            raise SystemExit("--root (the folder holding Extraction/) is needed for irdata")
        for s in read_irdata(root, "dev"):
            yield Case(s.name, Page("irdata", s.body, s.fetched_at, url=s.url), s.reference)
        return
    if name in ("rd23", "nw23", "rx24"):  # dev half only (benchmarks/NAME_split.toml)
        reader = {"rd23": read_rd23, "nw23": read_nw23, "rx24": read_rx24}[name]
        for s in reader(root, "dev"):  # root None: the split file's folder
            yield Case(s.name, Page(name, s.body, s.fetched_at, url=s.url), s.reference)
        return
    if name in ("gn30", "nx31", "ex32", "fo34"):  # dev halves only (NAME_split.toml)
        loaders = {"gn30": load_gn30, "nx31": load_nx31, "ex32": load_ex32, "fo34": load_fo34}
        spec = loaders[name]()
        for _, s in half_pages(root or Path(spec["folder"]), "dev", spec):
            yield Case(s.name, Page(name, s.body, s.fetched_at, url=s.url), s.reference)
        return
    if name == "nn28":  # CleanEval and Dragnet groups, dev half only (nn28_split.toml)
        spec = load_nn28()
        for group, s in nn28_pages(root or Path(spec["folder"]), "dev", spec):
            yield Case(f"{group}/{s.name}", Page(name, s.body, s.fetched_at), s.reference)
        return
    if name == "nonnews":  # dev split only (nonnews_set.toml); root: the set's cache folder
        if root is None:
            raise SystemExit("--root (the nonnews cache folder) is needed for nonnews")
        for _, s in read_nonnews(root, "dev"):
            yield Case(s.name, Page(name, s.body, s.fetched_at, url=s.url), s.reference)
        return
    # static-site pages, dev only (NAME_split.toml)
    if name in ("sg35", "sd35", "lp36", "ot36", "rs38"):
        splits = {
            "sd35": SD35_SPLIT,
            "lp36": LP36_SPLIT,
            "ot36": OT36_SPLIT,
            "rs38": RS38_SPLIT,
        }
        spec = load_sg35(splits.get(name, SG35_SPLIT))
        for _, s in sg35_pages(root or Path(spec["folder"]), "dev", spec):
            yield Case(s.name, Page(name, s.body, s.fetched_at, url=s.url), s.reference)
        return
    base = SHARED / "corpus" / name
    _, pages = load_corpus(
        base
    )  # the pages as the scored runs read them (benchmarks/extraction.py)
    if name == "aeb":
        truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    else:
        truth = json.loads((base / "ground-truth" / "cleaned_ground.json").read_text("utf-8"))
    for key, body in pages:
        reference = truth.get(key, {}).get("articleBody") or ""
        yield Case(key, corpus_page(name, key, body), reference)


def overlap(ref: Counter[str], lines: list[str]) -> tuple[int, int]:
    """Return (tokens shared with the reference, all tokens) of a text."""
    out = tokens("\n".join(lines))
    return sum((ref & out).values()), sum(out.values())


def run_case(case: Case) -> tuple[list[tuple[str, int, int]], int, Trace]:
    """Return each step's (name, reference tokens kept, tokens kept) from bare on, and |ref|."""
    trace = Trace()
    markup, _ = decode_bytes(case.page.body, None)
    bare = trafilatura.extract(markup, url=case.page.url) or ""
    trace.add("bare", bare.split("\n"))
    with hooked(trace):
        try:
            text = pipeline.extract_article(case.page).text
        except ExtractionError:
            text = ""
    trace.add("final", text.split("\n"))
    ref = tokens(case.reference)
    return [(n, *overlap(ref, lines)) for n, lines in trace.steps], sum(ref.values()), trace


def main() -> int:
    """Print the table: step, reference words lost, other words removed, pages, recall points."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--set",
        choices=(
            "fundus",
            "irdata",
            "rd23",
            "nw23",
            "rx24",
            "gn30",
            "nx31",
            "sg35",
            "sd35",
            "lp36",
            "ot36",
            "rs38",
            "ex32",
            "fo34",
            "nn28",
            "nonnews",
            "cwce",
            "aeb",
        ),
        required=True,
    )
    ap.add_argument("--root", type=Path)
    ap.add_argument("--per-page", action="store_true")
    ap.add_argument(
        "--show", help="print the paragraphs this rule dropped that hold reference words"
    )
    args = ap.parse_args()
    lost: Counter[str] = Counter()
    chrome: Counter[str] = Counter()
    points: Counter[str] = Counter()
    pages: defaultdict[str, set[str]] = defaultdict(set)
    cases = list(read_set(args.set, args.root))
    rec_bare = rec_ours = 0.0
    merged_tail: dict[str, tuple[int, int, int]] = {}
    for case in cases:
        steps, size, trace = run_case(case)
        size = max(size, 1)
        rec_bare += steps[0][1] / size
        rec_ours += steps[-1][1] / size
        merged: dict[str, tuple[int, int]] = {}
        prev = steps[0]
        for name, tp, n in steps[1:]:
            if name == "final":
                name = "(unhooked rest)"
            d_tp, d_n = prev[1] - tp, prev[2] - n
            old = merged.get(name, (0, 0))
            merged[name] = (old[0] + d_tp, old[1] + d_n)
            prev = (name, tp, n)
        if "tail_cut" in merged:
            d_tp, d_n = merged["tail_cut"]
            name = "tail:" + trace.trigger
            old_tail = merged_tail.get(name, (0, 0, 0))
            merged_tail[name] = (
                old_tail[0] + d_tp,
                old_tail[1] + d_n - d_tp,
                old_tail[2] + (d_tp > 0),
            )
        for name, (d_tp, d_n) in merged.items():
            lost[name] += d_tp
            chrome[name] += d_n - d_tp
            points[name] += d_tp / size
            if d_tp > 0:
                pages[name].add(case.name)
            if args.per_page and (d_tp or d_n):
                print(f"{case.name}\t{name}\tref -{d_tp}\tother -{d_n - d_tp}\tof {size}")
        if args.show and args.show in trace.dropped:
            ref = tokens(case.reference)
            for para in trace.dropped[args.show]:
                mine = tokens(para)
                hit = sum((ref & mine).values())
                print(f"{case.name}\t{hit}/{sum(mine.values())}\t{para[:200]}")
    n = len(cases)
    print(f"{args.set}: {n} pages; mean recall bare {rec_bare / n:.4f}, ours {rec_ours / n:.4f}")
    print(f"{'step':18s} {'ref lost':>9s} {'other removed':>14s} {'pages':>6s} {'R points':>9s}")
    order = list(dict.fromkeys(["body_pass", "posts", "lines", "byline", "credit", "datelines",
                                *CHROME_RULES, "orphan_heading", "edge_model", "verbatim",
                                "title_heading", *lost]))  # fmt: skip
    for name in order:
        if name in lost or name in chrome:
            print(
                f"{name:18s} {lost[name]:9d} {chrome[name]:14d} {len(pages[name]):6d}"
                f" {100 * points[name] / n:9.3f}"
            )
    for name, (d_tp, other, hit) in sorted(merged_tail.items()):
        print(f"  {name:16s} {d_tp:9d} {other:14d} {hit:6d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
