"""Word families per signal type: matching, membership, and the one head feature they set."""

from __future__ import annotations

import tomllib

import numpy as np

from extractors.signals.actors import DATA_DIR
from extractors.signals.align import build_match_text
from extractors.signals.classify import load_model
from extractors.signals.cues import find_cues, find_families, load_families
from extractors.signals.features import hash_features, prepare_text, sentence_features


def _types(text: str) -> set[str]:
    """Return the types whose families have a member in a (Simplified) text."""
    return {t for _, t in find_families(text)}


def test_an_unseen_document_name_is_in_the_plan_family() -> None:
    # Own words: a ministry's framework and guidance, in any case, plural or not.
    assert "strategy_action_plan" in _types("The ministry released a national AI FRAMEWORK.")
    assert "strategy_action_plan" in _types("New Guidelines for agencies that buy AI tools.")
    assert "strategy_action_plan" in _types("国务院发布人工智能政策框架。")


def test_families_match_whole_words_only() -> None:
    # "plan" and "law" inside longer words are not members; "explanation" and "flawless" say nothing.
    assert _types("An explanation of the flawless planet.") == set()
    assert _types("Two new laws and one plan.") == {
        "legislation_regulation",
        "strategy_action_plan",
    }


def test_traditional_text_matches_after_conversion() -> None:
    text = "行政院公布人工智慧發展綱要與指導意見。"
    prep = prepare_text(text, mt=build_match_text(text))
    assert "strategy_action_plan" in {t for _, t in prep.families}


def test_every_cue_is_a_member_of_its_family() -> None:
    table = load_families()
    with (DATA_DIR / "cues.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    for signal_type, lists in raw.items():
        for phrase in (*lists.get("strong", []), *lists.get("weak", [])):
            norm = phrase.lower() if phrase.isascii() else phrase
            assert signal_type in table.by_phrase[norm], (signal_type, phrase)


def test_family_members_are_not_cues() -> None:
    # A family is a head feature only: no evidence, no rule reads it.
    text = "The agency issued guidance under its policy framework."
    assert find_cues(text) == []
    assert "strategy_action_plan" in _types(text)


def test_one_indicator_per_type_whatever_member() -> None:
    seen = "The government adopted a national AI strategy and an action plan."
    unseen = "The government adopted a national AI framework."
    features = []
    for text in (seen, unseen):
        prep = prepare_text(text)
        _, structural = sentence_features(
            prep.mt.text,
            0,
            len(prep.mt.text),
            prep.cues,
            [],
            [],
            True,
            (),
            [t for _, t in prep.families],
        )
        features.append(structural)
    assert features[0].count("q:strategy_action_plan:fam") == 1
    assert "q:strategy_action_plan:fam" in features[1]
    assert not [
        f for f in features[1] if f.startswith("q:strategy_action_plan:") and ":fam" not in f
    ]


def test_the_shipped_head_weighs_the_plan_family_for_plans() -> None:
    # The shared weight the unseen member inherits is learned from the seen members.
    model = load_model()
    head = model.type_head
    (bucket,) = hash_features(["q:strategy_action_plan:fam"])
    at = int(np.searchsorted(head.buckets, bucket))
    assert at < len(head.buckets) and head.buckets[at] == bucket
    column = model.types.index("strategy_action_plan")
    assert head.weights[at, column] > 0
