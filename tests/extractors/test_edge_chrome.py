"""Twelfth round: one-off chrome at the edges of a text, judged by a learned classifier (own text)."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
from archivekit import process_saved

from extractors.edgechrome import (
    BUCKETS,
    DATA_PATH,
    TOPIC_SHARE,
    EdgeModel,
    _bucket,
    features,
    grams,
    load_model,
    sentences,
    structure,
    topic_share,
    trim_edge_chrome,
)
from extractors.language import convert_to_simplified

STORY = [
    "The river council approved a plan on Tuesday to rebuild the old weir below the mill.",
    "Work will start in the spring and is expected to take about eighteen months.",
    "Engineers said the new weir would let fish pass upstream for the first time in a century.",
    "Anglers welcomed the decision, though some asked for the works to pause in spawning season.",
    "The council will publish the contract notice next month.",
]
CTA_EN = "Thanks for reading! Sign up for our weekly letter and follow us for more."
STORY_ZH = [
    "市政府周二批准了重建老水坝的方案，工程预计明年春天开工，工期约十八个月。",
    "工程师表示，新水坝建成后，鱼类百年来首次可以洄游到上游产卵。",
    "垂钓爱好者对这一决定表示欢迎，但也有人希望在产卵季暂停施工。",
    "市政府将于下月发布工程招标公告。",
]
CTA_ZH = "如果这篇文章对你有用，请关注我们并分享给朋友。"


def _trim(paras: list[str]) -> list[str]:
    return trim_edge_chrome(paras, [convert_to_simplified(p) for p in paras])


def test_model_file_is_small_and_holds_arrays_only() -> None:
    with zipfile.ZipFile(DATA_PATH) as npz:
        assert sorted(npz.namelist()) == ["buckets.npy", "scalars.npy", "weights.npy"]
    assert DATA_PATH.stat().st_size < 400_000
    assert load_model().threshold >= 0.8


ROOT = Path(__file__).resolve().parents[2]


def _edge_model() -> object:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import edge_model

    return edge_model


@pytest.mark.slow
@pytest.mark.timeout(300)  # a grouped five-fold fit and a full fit: about a minute
def test_model_rebuilds_from_its_frozen_data_without_reading_the_docs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edge_model = _edge_model()
    read: list[Path] = []
    real_read = Path.read_text

    def spy(self: Path, *args: str, **kwargs: str) -> str:
        read.append(self.resolve())
        return real_read(self, *args, **kwargs)  # type: ignore[arg-type]  # a spy passes through

    monkeypatch.setattr(Path, "read_text", spy)
    edge_model.build(tmp_path / "edge.npz")  # type: ignore[attr-defined]  # module loaded by path
    monkeypatch.undo()
    docs = [p for p in read if p.is_relative_to(ROOT / "docs") or p == ROOT / "README.md"]
    assert not docs and any(p.name == "project_body.jsonl" for p in read)
    rebuilt, shipped = load_model(tmp_path / "edge.npz"), load_model()
    assert np.allclose(rebuilt.weights, shipped.weights, atol=1e-5)
    assert abs(rebuilt.platt_a - shipped.platt_a) < 1e-6 and rebuilt.threshold == shipped.threshold


def test_topic_gate_is_the_one_its_simulation_chooses() -> None:
    edge_model = _edge_model()
    chrome, _ = edge_model.topic_shares()  # type: ignore[attr-defined]  # module loaded by path
    assert edge_model.choose_topic_share(chrome) == TOPIC_SHARE  # type: ignore[attr-defined]  # module loaded by path


def test_threshold_is_the_lowest_within_the_body_budget() -> None:
    edge_model = _edge_model()
    y = np.array([1] * 10 + [0] * 1000)
    body = [0.1] * 980 + [0.7] * 10 + [0.92] * 6 + [0.96] * 4
    prob = np.array([0.99] * 10 + body)
    # Body rows taken: 20 up to 0.7, 10 from 0.75 to 0.9, 4 at 0.95, none at 0.98.
    monkey = edge_model.MAX_BODY_TAKEN  # type: ignore[attr-defined]  # module loaded by path
    try:
        edge_model.MAX_BODY_TAKEN = 0.01  # type: ignore[attr-defined]  # module loaded by path
        assert edge_model.choose_threshold(prob, y) == 0.75  # type: ignore[attr-defined]  # module loaded by path
        edge_model.MAX_BODY_TAKEN = 0.005  # type: ignore[attr-defined]  # module loaded by path
        assert edge_model.choose_threshold(prob, y) == 0.95  # type: ignore[attr-defined]  # module loaded by path
    finally:
        edge_model.MAX_BODY_TAKEN = monkey  # type: ignore[attr-defined]  # module loaded by path


def test_a_closing_sentence_on_the_articles_topic_stays_whatever_the_model_says() -> None:
    # A model that takes every sentence for chrome: only the topic gate keeps the article's close.
    eager = EdgeModel(np.zeros(BUCKETS), 10.0, 1.0, 0.0, 0.9)
    closing = "Anglers and engineers said the new weir would let fish pass upstream again."
    paras = [*STORY, closing, CTA_EN]
    simple = [convert_to_simplified(p) for p in paras]
    assert topic_share(CTA_EN, set()) == 0.0
    assert trim_edge_chrome(paras, simple, head=False, model=eager) == [*STORY, closing]


def test_closing_call_to_action_goes_and_the_article_stays() -> None:
    assert _trim([*STORY, CTA_EN]) == STORY


def test_chinese_closing_call_goes_in_simplified_and_traditional() -> None:
    assert _trim([*STORY_ZH, CTA_ZH]) == STORY_ZH
    hant = [
        "市政府週二批准了重建老水壩的方案，工程預計明年春天開工，工期約十八個月。",
        *STORY_ZH[1:],
    ]
    assert _trim([*hant, "如果這篇文章對你有用，請關注我們並分享給朋友。"]) == hant


def test_closing_paragraph_keeps_its_article_sentence() -> None:
    last = "The council will publish the contract notice next month. " + CTA_EN
    assert _trim([*STORY[:-1], last]) == STORY


def test_a_call_inside_the_text_is_never_judged() -> None:
    paras = [STORY[0], STORY[1], CTA_EN, STORY[2], STORY[3], STORY[4]]
    assert _trim(paras) == paras


def test_article_sentences_about_signing_up_stay() -> None:
    paras = [
        *STORY[:-1],
        "Residents can sign up for flood alerts by text message on the council site.",
    ]
    assert _trim(paras) == paras


def test_short_texts_and_protected_edges_are_left_alone() -> None:
    assert _trim([STORY[0], STORY[1], CTA_EN]) == [STORY[0], STORY[1], CTA_EN]
    paras = [*STORY, CTA_EN]
    simple = list(paras)
    assert trim_edge_chrome(paras, simple, tail=False) == paras


def test_sentences_split_at_latin_and_cjk_ends() -> None:
    assert sentences("One thing. Another! 第三句。第四句？") == [
        "One thing. ",
        "Another! ",
        "第三句。",
        "第四句？",
    ]


def test_saved_post_loses_its_closing_call() -> None:
    body = "---\ntitle: Weir to be rebuilt\n---\n\n" + "\n\n".join([*STORY, CTA_EN]) + "\n"
    article = process_saved(body, "weir.md")
    assert article is not None
    assert article.text.endswith("contract notice next month.")


def test_dev_page_rows_are_stored_as_feature_buckets_with_no_text() -> None:
    # Rows derived from third-party dev pages keep hash buckets and a number, never a sentence.
    edge_model = _edge_model()
    path = edge_model.DEV_EDGES  # type: ignore[attr-defined]  # module loaded by path
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = [d for d in docs if "ngram" in d]
    assert rows and all(
        set(d) == {"group", "side", "pos", "chrome", "topic", "ngram", "shape"} for d in rows
    )
    assert {d["pos"] for d in rows} <= set(range(3)) and {0, 1, 2} <= {d["pos"] for d in rows}
    assert all(isinstance(b, int) for d in rows for b in d["ngram"] + d["shape"])
    assert all(d == docs[0] or "ngram" in d for d in docs)  # one header, no other kind of row


def test_dev_page_rows_are_checked_against_not_trained_on() -> None:
    edge_model = _edge_model()
    trained = edge_model.all_rows()  # type: ignore[attr-defined]  # module loaded by path
    real = edge_model.dev_rows()  # type: ignore[attr-defined]  # module loaded by path
    assert real and not any(r.group.startswith("dev:") for r in trained)
    assert {r.group for r in real} == {"dev:" + r.group.removeprefix("dev:") for r in real}


def test_a_dev_row_gets_the_features_its_sentence_would() -> None:
    edge_model = _edge_model()
    text = "Thanks for reading, and see you in the next issue."
    idx, val = features(text, text, "tail")
    ngram = tuple(sorted(_bucket(t) for t in grams(text)))
    shape = tuple(sorted(_bucket("s:" + t) for t in structure(text, "tail")))
    row = edge_model.Row("", "tail", True, "dev:x", ngram, shape)  # type: ignore[attr-defined]  # module loaded by path
    direct = edge_model.matrix([edge_model.Row(text, "tail", True, "w")])  # type: ignore[attr-defined]  # module loaded by path
    stored = edge_model.matrix([row])  # type: ignore[attr-defined]  # module loaded by path
    assert np.allclose(direct.toarray(), stored.toarray())
    assert len(idx) == len(val)


def test_chrome_taken_is_counted_at_an_equal_body_budget() -> None:
    # Two scorers are compared by ranking: the chrome rows above all body rows but the budget.
    edge_model = _edge_model()
    prob = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.0])
    y = np.array([1, 0, 1, 0, 0, 1])
    taken = edge_model.taken_within  # type: ignore[attr-defined]  # module loaded by path
    assert [taken(prob, y, k) for k in (0, 1, 2, 3)] == [1, 2, 2, 2]  # a gated (0) row never counts
