"""Replay of clean.remove_chrome rule by rule, recording what each rule cuts (rc20_stages)."""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "benchmarks"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))


from extractors import clean  # noqa: E402
from extractors.chromeline import is_shouted_headline, measure  # noqa: E402

CHROME_RULES = (
    "tail_cut",
    "chrome_block",
    "menu_run",
    "foreign",
    "credit_block",
    "sign_off",
    "postscript",
    "head_start",
    "lead_notice",
    "line_chrome",
    "shouted",
    "repeat",
)


@dataclass
class Trace:
    """The texts of one run, step by step (filled by the hooks)."""

    steps: list[tuple[str, list[str]]] = field(default_factory=list)
    dropped: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    trigger: str = "none"

    def add(self, name: str, lines: list[str]) -> None:
        """Record the text after a step."""
        self.steps.append((name, list(lines)))


def chrome_steps(
    trace: Trace, paras: list[str], simple: list[str], title: str | None, **opts: Any
) -> list[str]:
    """Run remove_chrome's rules as clean.remove_chrome does, recording each rule's cuts."""
    tail = opts.get("tail", True)
    head = opts.get("head", True)
    keep_title = opts.get("keep_title", False)
    replies = opts.get("replies", False)
    sections = opts.get("sections", frozenset())
    headings = opts.get("headings", frozenset())
    feats = [measure(p, s) for p, s in zip(paras, simple, strict=True)]
    listing = opts.get("listing", frozenset())
    end, blocks = clean.find_chrome_blocks(paras, feats, replies, opts.get("linked"), listing)
    end = end if tail else len(paras)
    found: dict[str, set[int]] = {
        "chrome_block": blocks,
        "menu_run": clean.find_menu_runs(paras, feats),
        "foreign": clean.find_foreign_inserts(paras),
        "credit_block": clean.find_credit_blocks(paras, feats),
        "sign_off": clean.find_sign_off(paras[:end], feats[:end]) if tail else set(),
        "postscript": clean.find_postscript(paras[:end], feats[:end]) if tail else set(),
    }
    shouted = [is_shouted_headline(p) for p in paras] + [False]
    start = clean.find_head_start(paras[:end], feats[:end], title, sections) if head else 0
    found["lead_notice"] = clean.find_lead_notices(simple[:end], feats[:end], start)
    for rule in found.values():
        rule -= listing
    dropped = set().union(*found.values())
    rows = clean.find_table_rows(paras) if any(" | " in p for p in paras) else set()
    norm_title = clean._normalize(title) if title else ""
    reason: dict[int, str] = {}
    judged = [i for i in range(start, end) if i not in dropped]
    subject = clean.page_subject_lines(paras, simple, feats, judged, rows)
    kept: list[str] = []
    kept_simple: list[str] = []
    previous = ""
    titled = False
    heading = [i for i in range(start) if clean._normalize(paras[i]) == norm_title][:1]
    order = [*heading, *range(start, end)] if keep_title and norm_title else range(start, end)
    for i in order:
        para = paras[i]
        if i in dropped:
            reason[i] = next(k for k, v in found.items() if i in v)
            continue
        code = i in listing
        rule = (
            None
            if i in subject
            else clean.line_rule(
                paras,
                simple,
                feats,
                i,
                code,
                rows,
                shouted,
                start,
                end,
                opts.get("in_flow"),
                headings,
            )
        )
        if rule is not None:
            reason[i] = rule
            continue
        repeat = i < start + 3 and norm_title and clean._normalize(para) == norm_title
        if (para == previous and not code) or (repeat and (not keep_title or titled)):
            reason[i] = "repeat"
            continue
        titled = titled or bool(repeat) or i < start
        previous = para
        kept.append(para)
        kept_simple.append(simple[i])
    trace.trigger = tail_trigger(paras, feats, end, replies) if tail else "none"
    visited = set(order)
    for i in range(len(paras)):
        if i not in visited:
            reason[i] = "tail_cut" if i >= end else "head_start"
    left = list(paras)
    for rule in CHROME_RULES:
        gone = {i for i, r in reason.items() if r == rule}
        trace.dropped[rule] += [paras[i] for i in sorted(gone)]
        left = [p for i, p in enumerate(paras) if i not in reason or CHROME_RULES.index(
            reason[i]) > CHROME_RULES.index(rule)]  # fmt: skip
        trace.add(rule, left)
    if not tail:
        out = clean.trim_edge_chrome(kept, kept_simple, head=head, tail=tail)
        record_cut(trace, "edge_model", kept, out)
        trace.add("edge_model", out)
        return out
    before = list(kept)
    clean.drop_orphan_headings(kept, kept_simple, headings)
    record_cut(trace, "orphan_heading", before, kept)
    trace.add("orphan_heading", kept)
    trimmed = clean.trim_edge_chrome(kept, kept_simple, head=head, tail=tail)
    record_cut(trace, "edge_model", kept, trimmed)
    trace.add("edge_model", trimmed)
    final = clean.drop_orphan_headings(list(trimmed), list(trimmed), headings)
    record_cut(trace, "orphan_heading", trimmed, final)
    trace.add("orphan_heading", final)
    return final


def tail_trigger(paras: list[str], feats: list[Any], end: int, replies: bool) -> str:
    """Return which of find_chrome_blocks's rules gives the tail cut at end (for the table)."""
    from extractors import chrometail as ct
    from extractors.chromeline import is_run_line
    from extractors.cues import END_MARKER

    if end >= len(paras):
        return "none"
    f = feats[end]
    if ct.opens_comments(paras, end):
        return "comments"
    if "related" in f.cues and not f.sentence:
        return "related"
    if "forum" in f.cues and not replies:
        return "first_reply"
    if END_MARKER.match(paras[end].strip()):
        return "end_marker"
    if "legal" in f.cues:
        return "legal_close"
    if f.cues & {"contact"} and not f.sentence:
        return "contact_heading"
    if ct._card_run(feats, end):
        return "card_run"
    if end == ct._trailing_headings(feats, paras):
        return "trailing_headings"
    for i in range(end, min(len(feats), end + ct._EXTEND_BACK + 1)):
        run = feats[i : i + ct._RUN]
        if (
            len(run) == ct._RUN
            and all(is_run_line(x) for x in run)
            and ct._extend_back(feats, i) == end
        ):
            return "short_run" if i == end else "short_run_extended"
    return "other"


def record_cut(trace: Trace, name: str, before: list[str], after: list[str]) -> None:
    """Record the paragraphs (or parts) a step removed, for --show."""
    rest = Counter(after)
    for p in before:
        if rest[p]:
            rest[p] -= 1
        else:
            trace.dropped[name].append(p)
