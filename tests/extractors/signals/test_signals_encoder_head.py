"""The subword-vector head: stacked on the n-gram head where a sentence may become a candidate."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from extractors.signals.classify import SignalModel, analyse, load_model, read_model, save_model
from extractors.signals.encoder_head import (
    DIMENSIONS,
    EncoderHead,
    encode,
    read_encoder,
    sentence_texts,
    type_probabilities,
)
from extractors.signals.records import SIGNAL_TYPES

# Written for this test (own words, public facts or plausible news): two sentences a stacked
# reading must tell apart, and one the n-gram head reads under any floor.
MEASURE = "The Commerce Department barred chip makers from selling advanced AI processors to China."
MEASURE_ZH = "美国商务部禁止芯片企业向中国出售先进的人工智能处理器。"
PRODUCT = "这款手机的人工智能相机夜拍清晰，电池可以用两天。"
OTHER = "这家餐厅的招牌菜是红烧肉，周末常常需要排队一个小时。"
# (An English sentence directly before a Chinese one joins it in the match text: tests keep each
# text in one script.)


def _head(floor: float, b: float = 1.0, c: float = 0.0) -> EncoderHead:
    """Return a head whose encoder score for every type is the vector's first number."""
    k = len(SIGNAL_TYPES)
    weights = np.zeros((DIMENSIONS, k), dtype=np.float32)
    weights[0] = 1.0
    stack = np.column_stack([np.ones(k), np.full(k, b), np.full(k, c)])
    return EncoderHead(weights, np.zeros(k), stack, floor)


def _with(head: EncoderHead | None) -> SignalModel:
    return dataclasses.replace(load_model(), encoder_head=head)


def test_the_shipped_model_has_no_encoder_head_and_reads_with_the_ngram_head_alone() -> None:
    model = load_model()
    assert model.encoder_head is None  # fiftieth round: measured, not shipped (docs/quality.md)
    analysis = analyse(f"{MEASURE_ZH}{PRODUCT}")
    assert np.array_equal(
        type_probabilities(model, analysis), model.type_head.predict(analysis.features)
    )


def test_sentences_below_the_floor_keep_the_ngram_probability_and_the_others_are_stacked() -> None:
    head = _head(floor=0.2, b=2.0, c=-0.5)
    model = _with(head)
    analysis = analyse(f"{PRODUCT}{MEASURE_ZH}")
    ngram = model.type_head.predict(analysis.features)
    got = type_probabilities(model, analysis)
    chosen = ngram.max(axis=1) >= head.floor
    assert chosen.any() and not chosen.all()
    assert np.array_equal(got[~chosen], ngram[~chosen])
    z = model.type_head.scores(analysis.features)[chosen]
    vectors = encode(sentence_texts(analysis, np.flatnonzero(chosen).tolist()))
    assert np.allclose(got[chosen], 1 / (1 + np.exp(-(z + 2.0 * vectors[:, :1] - 0.5))))


def test_a_floor_above_every_sentence_leaves_the_ngram_reading() -> None:
    model = _with(_head(floor=1.01, b=50.0))
    analysis = analyse(MEASURE)
    assert np.array_equal(
        type_probabilities(model, analysis), model.type_head.predict(analysis.features)
    )


def test_sentence_texts_are_the_scored_sentences_of_the_match_text() -> None:
    analysis = analyse(f"{OTHER}{MEASURE_ZH}{PRODUCT}")
    texts = sentence_texts(analysis)
    assert texts == [MEASURE_ZH, PRODUCT]  # the restaurant names no AI: not scored
    assert sentence_texts(analysis, [1]) == [PRODUCT]


def test_sentence_vectors_are_repeatable_unit_length_and_read_the_sentences_start() -> None:
    first = encode([MEASURE_ZH, PRODUCT])
    assert first.shape == (2, DIMENSIONS)
    assert np.array_equal(first, encode([MEASURE_ZH, PRODUCT]))
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0)
    assert encode([]).shape == (0, DIMENSIONS)
    long = MEASURE * 20
    assert np.array_equal(encode([long]), encode([long[:600]]))


def test_sentences_of_like_meaning_lie_closer_across_languages() -> None:
    en, zh, other = encode([MEASURE, MEASURE_ZH, OTHER])
    assert float(en @ zh) > float(en @ other)


def test_the_model_file_round_trips_an_encoder_head(tmp_path: Path) -> None:
    model = _with(_head(floor=0.3, b=0.7, c=0.1))
    save_model(model, tmp_path / "m.npz")
    back = read_model(tmp_path / "m.npz").encoder_head
    assert back is not None and model.encoder_head is not None
    assert np.array_equal(back.weights, model.encoder_head.weights)
    assert np.array_equal(back.stack, model.encoder_head.stack)
    assert back.floor == 0.3
    save_model(_with(None), tmp_path / "n.npz")
    assert read_model(tmp_path / "n.npz").encoder_head is None


def test_an_encoder_head_of_the_wrong_width_is_refused(tmp_path: Path) -> None:
    k = len(SIGNAL_TYPES)
    head = EncoderHead(
        np.zeros((DIMENSIONS - 1, k), dtype=np.float32), np.zeros(k), np.zeros((k, 3)), 0.2
    )
    save_model(_with(head), tmp_path / "bad.npz")
    with (
        np.load(tmp_path / "bad.npz", allow_pickle=False) as data,
        pytest.raises(ValueError, match="inputs"),
    ):
        read_encoder(data)
