"""A measure aimed at something other than AI (a tariff, a metal, a budget) gives no AI signal row."""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
from articlekit import make_article

from extractors.signals import detect_signals
from extractors.signals.classify import analyse
from extractors.signals.object_head import (
    OBJECT_FLOOR,
    OBJECT_PATH,
    load_object_head,
    object_probabilities,
    off_object_sentences,
    read_object_head,
    title_reads_ai,
)

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"

# Own words (public facts of the kind the held-out negatives carry): a steel-tariff story that names
# AI companies only in passing, and an export control on AI chips.
TARIFF_TITLE = "Washington doubles steel and aluminium tariffs as talks with Ottawa stall"
TARIFF = [
    "President Trump signed an executive order on Monday doubling tariffs on imported steel and "
    "aluminium to 50%.",
    "The White House said the duties would protect mills in Ohio and Pennsylvania.",
    "Canada's finance minister said Ottawa would answer with counter-tariffs on American goods.",
    "The European Commission said it regretted the decision and would consult member states.",
    "Shares of carmakers fell, and chipmakers and artificial intelligence companies also lost "
    "ground.",
]
CHIP_TITLE = "Commerce tightens exports of AI chips to China"
CHIP = [
    "The Commerce Department on Tuesday tightened export controls on advanced AI chips bound for "
    "China.",
    "Under the rule, shipments of the most powerful graphics processors now need a licence.",
    "Officials said the controls aim to keep frontier computing power out of military hands.",
]


def _types(sentences: list[str], title: str) -> set[str]:
    article = make_article("\n\n".join(sentences), language="en", title=title)
    return {r.signal_type for r in detect_signals(article)}


def test_a_tariff_order_on_a_page_that_names_ai_in_passing_gives_no_row() -> None:
    assert _types(TARIFF, TARIFF_TITLE) == set()


def test_an_export_control_on_ai_chips_keeps_its_row() -> None:
    assert "export_control" in _types(CHIP, CHIP_TITLE)


def test_under_a_title_about_ai_the_same_order_keeps_its_row() -> None:
    title = "AI chipmakers brace as Washington doubles steel and aluminium tariffs"
    assert "executive_action" in _types(TARIFF, title)


def test_the_head_reads_a_tariff_below_and_an_ai_rule_above_the_floor() -> None:
    head = load_object_head()
    tariff = analyse("The president raised tariffs on imported steel to 50% by executive order.")
    ai_rule = analyse("The ministry issued rules for generative AI services and model training.")
    assert float(object_probabilities(head, tariff.features).max()) < OBJECT_FLOOR
    assert float(object_probabilities(head, ai_rule.features).max()) >= OBJECT_FLOOR


def test_a_sentence_that_names_ai_is_never_off_object() -> None:
    analysis = analyse("The government raised tariffs on imported AI chips and steel.")
    assert analysis.sentences, "the sentence must be scored"
    assert off_object_sentences(analysis, set(analysis.sentences), load_object_head()) == set()


def test_a_title_reads_ai_only_when_it_is_about_ai() -> None:
    head = load_object_head()
    assert title_reads_ai("Beijing sets new rules for generative AI services", None, head)
    assert not title_reads_ai("Beijing cuts tariffs on American soybeans", None, head)
    assert not title_reads_ai("", None, head)


def test_head_file_is_small_plain_arrays() -> None:
    assert OBJECT_PATH.stat().st_size < 300_000
    with zipfile.ZipFile(OBJECT_PATH) as archive:
        assert all(n.endswith(".npy") for n in archive.namelist())
    head = read_object_head(OBJECT_PATH)  # np.load(allow_pickle=False)
    assert np.all(np.diff(head.buckets) > 0) and head.weights.shape == (len(head.buckets), 1)


@pytest.mark.slow
@pytest.mark.timeout(600)  # the background bodies are analysed: about a minute on the shared box
def test_head_rebuilds_from_its_script(tmp_path: Path) -> None:
    if not (SHARED / "corpus" / "aeb").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("../shared/corpus is missing (CI must have it)")
        pytest.skip("../shared is not beside the repository")
    sys.path.insert(0, str(REPO / "benchmarks"))
    import object_model

    rebuilt = object_model.build(tmp_path / "object_model.npz")
    shipped = load_object_head()
    assert np.array_equal(rebuilt.buckets, shipped.buckets)
    assert np.allclose(rebuilt.weights, shipped.weights, atol=2e-3)
    assert np.allclose(rebuilt.platt, shipped.platt, atol=1e-3)
