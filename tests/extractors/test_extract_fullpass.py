"""The full pass's own trafilatura sequence gives what trafilatura_sequence gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura.core
from lxml import etree
from trafilatura.core import trafilatura_sequence
from trafilatura.settings import Extractor

from extractors import bodypasses
from extractors.bodypasses import Stages, extract_pass_measured, run_full_sequence
from extractors.htmlparse import parse_markup

HERE = Path(__file__).parent
PAGES = sorted([*HERE.glob("golden/*.html"), *HERE.glob("forums/*.html")])
# Thin pages (a short body among comment boxes, an infinite-scroll box and a long menu):
# the one-line body reaches the baseline, the paragraph the recall retry and justext.
_THIN = """<html><body><div id="comments"><p>{c}</p></div>
<div class="infinite-scroll"><p>{a}</p></div><article><p>{b}</p></article>
<div class="sidebar"><ul>{links}</ul></div><nav>{teasers}</nav>
<footer>{f}</footer></body></html>""".format(
    c="A reader wrote a long comment about the new filing rules. " * 6,
    a="An appended story that a reader did not ask for. " * 6,
    b="{b}",
    links="".join(f"<li><a href='/s{i}'>Story number {i} of the list</a></li>" for i in range(40)),
    teasers="".join(f"<div><span>Teaser {i} says a little</span></div>" for i in range(200)),
    f="Contact, imprint and the rest of the footer text. " * 3,
)
THIN = [_THIN.format(b="Short body."), _THIN.format(b="A short body of a few sentences. " * 9)]


@pytest.mark.parametrize("page", [*PAGES, *THIN], ids=lambda p: getattr(p, "name", "thin"))
@pytest.mark.parametrize("focus", ["balanced", "precision", "recall"])
def test_full_sequence_equals_trafilatura_sequence(page: Path | str, focus: str) -> None:
    markup = page if isinstance(page, str) else page.read_bytes().decode("utf-8", errors="replace")
    ours_tree, their_tree = parse_markup(markup), parse_markup(markup)
    assert ours_tree is not None and their_tree is not None
    options = Extractor(output_format="txt", fast=False, comments=False, tables=True)
    options.focus = focus
    body, text, _crude = run_full_sequence(ours_tree, options)
    their_body, their_text, _, _ = trafilatura_sequence(their_tree, options, None)
    assert text == their_text
    assert etree.tostring(body, encoding="unicode") == etree.tostring(
        their_body, encoding="unicode"
    )


@pytest.mark.parametrize("page", [*PAGES, *THIN], ids=lambda p: getattr(p, "name", "thin"))
def test_full_pass_on_the_fast_pass_tree_equals_a_fresh_one(page: Path | str) -> None:
    # extract_body runs the full pass on the tree the fast pass pruned (no reparse).
    markup = page if isinstance(page, str) else page.read_bytes().decode("utf-8", errors="replace")
    reused, fresh = parse_markup(markup), parse_markup(markup)
    assert reused is not None and fresh is not None
    stages: Stages = {}
    fast = extract_pass_measured(reused, None, fast=True, stages=stages)
    assert "balanced" in stages
    again = extract_pass_measured(reused, None, fast=False, pruned=True, stages=stages)
    assert again == extract_pass_measured(fresh, None, fast=False)
    assert fast == extract_pass_measured(parse_markup(markup), None, fast=True)  # type: ignore[arg-type]


def test_the_full_pass_reuses_the_fast_pass_main_extractions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The fast pass's main extractions on the pruned tree (balanced, and recall when its retry
    # ran) are the full pass's first stage and its recall retry's first stage.
    calls: list[str] = []
    real = bodypasses.extract_content

    def counted(tree: etree._Element, options: Extractor) -> tuple[etree._Element, str]:
        calls.append(options.focus)
        return real(tree, options)

    monkeypatch.setattr(bodypasses, "extract_content", counted)
    monkeypatch.setattr(trafilatura.core, "extract_content", counted)
    for page in THIN:
        full = []
        for reuse in (False, True):
            tree = parse_markup(page)
            assert tree is not None
            stages: Stages = {}
            calls.clear()
            extract_pass_measured(tree, None, fast=True, stages=stages)
            assert sorted(stages) == sorted(set(calls))
            calls.clear()
            full.append(
                extract_pass_measured(
                    tree, None, fast=False, pruned=True, stages=stages if reuse else None
                )
            )
            assert [c for c in calls if c in stages] == ([] if reuse else sorted(stages))
        assert full[0] == full[1]
    assert "recall" in stages  # the second thin page reaches the recall retry in both passes
