"""The learned sentence classifier: cue matching, unseen sentences, negatives, the model files."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import numpy as np
import pytest
from articlekit import make_article

from extractors.signals import detect_signals
from extractors.signals.classify import MODEL_PATH, analyse, load_model, read_model
from extractors.signals.cues import find_cues
from extractors.signals.gate_file import load_gate
from extractors.signals.records import SIGNAL_TYPES

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"

# Sentences written for this test (public facts or plausible news, own words), none of them in
# benchmarks/signal_training: the type each states. Measured 18/22 top-1 (2026-12-02); the misses
# are English phrasings with little training data (an investment ban read as a budget, a power
# plant read as capex, a minister promoting AI abroad read as a statement).
UNSEEN = [
    (
        "The Treasury Department barred US investors from funding Chinese AI chip designers.",
        "export_control",
    ),
    ("美国财政部禁止美国投资者投资中国人工智能芯片企业。", "export_control"),
    (
        "The Commerce Department placed two dozen Chinese chip firms on the Entity List on Monday.",
        "entity_list_sanction",
    ),
    ("美國商務部周一將二十多家中國晶片公司列入實體清單。", "entity_list_sanction"),
    (
        "The president signed an executive order directing agencies to speed up AI adoption.",
        "executive_action",
    ),
    ("总统签署行政令，要求各部门加快采用人工智能。", "executive_action"),
    (
        "The parliament approved a law that sets rules for high-risk AI systems.",
        "legislation_regulation",
    ),
    ("立法会通过条例草案，对高风险人工智能系统进行监管。", "legislation_regulation"),
    ("The ministry published a national AI strategy with goals for 2030.", "strategy_action_plan"),
    ("工信部印发人工智能产业发展行动计划。", "strategy_action_plan"),
    ("Ministers from the G20 agreed on principles for trustworthy AI.", "international_governance"),
    ("二十国集团部长就可信人工智能原则达成一致。", "international_governance"),
    ("Google released Gemini 2.0, its newest large language model.", "model_release"),
    ("阿里巴巴发布了新一代通义千问大模型。", "model_release"),
    ("The utility plans a new nuclear plant to power AI data centers.", "energy_datacenter_infra"),
    ("电力公司计划新建核电站，为人工智能数据中心供电。", "energy_datacenter_infra"),
    ("The government will train 200,000 civil servants in AI skills.", "talent_skills"),
    ("政府将为二十万名公务员提供人工智能技能培训。", "talent_skills"),
    (
        "Cloud companies will have to report foreign customers who train large AI models.",
        "cloud_compute_kyc",
    ),
    ("云服务商须向政府报告训练大模型的外国客户身份。", "cloud_compute_kyc"),
    (
        "The trade minister said the country would promote its AI technology to partners in Asia.",
        "tech_diplomacy_export_promotion",
    ),
    ("商务部长表示，将向亚洲伙伴推广本国人工智能技术。", "tech_diplomacy_export_promotion"),
]

NEGATIVE_ARTICLES = {
    "earnings": "The chipmaker reported fourth-quarter revenue of $22 billion, up 40% from a year "
    "earlier. Net income rose to $6 billion. Shares climbed 4% in after-hours trading as "
    "data-center sales beat estimates.",
    "chip_launch": "该公司周二发布了新一代手机芯片，采用3纳米工艺，性能比上一代提升20%。"
    "新芯片将首先用于明年上市的旗舰手机。",
    "phone_review": "這款手機的AI修圖功能相當好用，拍照表現出色，但電池續航只有一天。售價為新台幣29900元。",
    "steel_tariffs": "President Trump signed an order raising tariffs on imported steel and "
    "aluminum to 25%. The White House said the measure would protect American jobs. Canada "
    "and Mexico said they would respond.",
    "non_ai_budget": "市政府公布明年预算，总额为850亿元，其中120亿元用于道路维修，60亿元用于学校建设。"
    "市长表示，预算将优先保障民生。",
    "valuation": "The AI startup is now valued at $60 billion after its latest share sale, "
    "according to people familiar with the matter. Its revenue is expected to reach $2 billion "
    "this year.",
}
POSITIVE_ARTICLES = {
    "entity_list": "The Commerce Department on Monday added 140 Chinese companies to the Entity "
    "List, barring US suppliers from selling them chips without a licence.",
    "capex_zh": "微软表示，公司计划在2025财年投资800亿美元建设人工智能数据中心，其中一半以上将投在美国。",
    "budget_hant": "特區政府宣布，將撥款30億港元設立人工智能研發基金，支持本地大學和企業。",
    "export_zh": "美国商务部宣布新的出口管制措施，限制向中国出口先进人工智能芯片和制造设备。",
}


def _language(text: str) -> str:
    """Return the language tag of a test text."""
    return "en" if text.isascii() else "zh-Hans"


def test_english_cues_match_any_case_on_word_boundaries() -> None:
    text = "Firms on the Entity List face new EXPORT CONTROLS; billing and rebuilding are not cues."
    found = {(c.signal_type, c.phrase) for c in find_cues(text)}
    assert ("entity_list_sanction", "Entity List") in found
    assert ("export_control", "EXPORT CONTROLS") in found
    assert not [c for c in find_cues(text) if c.phrase.lower() in ("bill", "build")]


def test_a_capitalised_name_is_not_legislation() -> None:
    text = "Bill Gates said on Monday that AI models will change how doctors work."
    assert "legislation_regulation" in {c.signal_type for c in find_cues(text)}  # cue, as a feature
    rows = detect_signals(make_article(text, language="en"))
    assert "legislation_regulation" not in {r.signal_type for r in rows}
    bill = "The Senate passed the bill that sets safety rules for frontier AI models."
    rows = detect_signals(make_article(bill, language="en"))
    assert "legislation_regulation" in {r.signal_type for r in rows}


def test_unseen_sentences_get_their_type_ranked_first() -> None:
    model = load_model()
    right = 0
    for text, want in UNSEEN:
        probs = model.type_head.predict(analyse(text).features).max(axis=0)
        right += SIGNAL_TYPES[int(probs.argmax())] == want
    assert right / len(UNSEEN) >= 0.75, right


@pytest.mark.parametrize("name", sorted(NEGATIVE_ARTICLES))
def test_not_ai_policy_articles_yield_no_rows(name: str) -> None:
    text = NEGATIVE_ARTICLES[name]
    assert detect_signals(make_article(text, language=_language(text))) == []


@pytest.mark.parametrize("name", sorted(POSITIVE_ARTICLES))
def test_ai_policy_articles_yield_rows(name: str) -> None:
    text = POSITIVE_ARTICLES[name]
    assert detect_signals(make_article(text, language=_language(text)))


def test_valuation_is_not_a_commitment_but_an_order_is() -> None:
    model = load_model()
    for text, committed in (
        ("The company's valuation reached $157 billion after the round.", False),
        ("该公司投后估值达到1570亿美元。", False),
        ("The cloud group ordered GPUs worth $2 billion for its new AI cluster.", True),
        ("该公司宣布将斥资50亿元建设人工智能算力中心。", True),
    ):
        items = analyse(text).amounts
        if not committed and not items:
            continue  # a valuation named beside its amount is no amount item at all (money_roles)
        assert items, text
        p = float(model.money_head.predict([items[0].features])[0, 0])
        assert (p >= model.money_threshold) == committed, (text, p)


def test_model_file_is_small_plain_arrays() -> None:
    assert MODEL_PATH.stat().st_size < 1_000_000
    with zipfile.ZipFile(MODEL_PATH) as archive:
        names = archive.namelist()
    assert all(n.endswith(".npy") for n in names)
    model = read_model(MODEL_PATH)  # np.load(allow_pickle=False): object arrays would fail
    assert model.types == SIGNAL_TYPES
    assert np.all(np.diff(model.type_head.buckets) > 0)
    assert 0 < model.money_threshold < 1 and np.all(model.type_threshold < 1)


def _shared_or_fail() -> Path:
    """Return ../shared; under CI=true its absence fails the test instead of skipping it."""
    if (SHARED / "corpus" / "realnews").is_dir():
        return SHARED
    if os.environ.get("CI") == "true":
        pytest.fail("../shared/corpus/realnews is missing (CI must have it)")
    pytest.skip("../shared is not beside the repository")


@pytest.mark.slow
@pytest.mark.timeout(900)  # a build and a nested CV: 2-5 min on the shared 2-core box
def test_model_rebuilds_and_is_calibrated_on_held_out_outlets(tmp_path: Path) -> None:
    _shared_or_fail()
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    import signal_cv
    import signal_model
    from signal_data import all_docs

    docs = all_docs()
    rebuilt, gate = signal_model.build(docs, tmp_path / "model.npz")
    shipped = load_model()
    shipped_gate = load_gate()
    for head, committed in (
        (gate.article_head, shipped_gate.article_head),
        (gate.type_head, shipped_gate.type_head),
    ):
        assert np.allclose(head.weights, committed.weights, atol=1e-3)
        assert np.allclose(head.mean, committed.mean, atol=1e-6)
        assert abs(head.bias - committed.bias) < 1e-3
    assert (gate.article_threshold, gate.type_threshold, gate.floor) == (
        shipped_gate.article_threshold,
        shipped_gate.type_threshold,
        shipped_gate.floor,
    )
    assert gate.text_head is not None and shipped_gate.text_head is not None
    assert np.array_equal(gate.text_head.buckets, shipped_gate.text_head.buckets)
    assert np.allclose(gate.text_head.weights, shipped_gate.text_head.weights, atol=2e-3)
    assert np.allclose(gate.text_head.platt, shipped_gate.text_head.platt, atol=1e-3)
    # The committed file is what the script writes (same data, same solver, float16 weights).
    assert np.array_equal(rebuilt.type_head.buckets, shipped.type_head.buckets)
    assert np.allclose(rebuilt.type_head.weights, shipped.type_head.weights, atol=2e-3)
    assert np.allclose(rebuilt.money_head.weights, shipped.money_head.weights, atol=2e-3)
    assert np.allclose(rebuilt.type_head.platt, shipped.type_head.platt, atol=1e-2)
    # Held-out dev outlets: sentence probabilities above 0.2 match observed frequencies.
    report = signal_cv.cross_validate(docs)
    assert report["ece_types"] < 0.03 and report["ece_money"] < 0.1, report
    assert report["reliability_types"] < 0.15, report
    # The second stage (nested: each fold's gate never saw the held-out outlets) is calibrated,
    # removes wrong type-article pairs for at most a couple of required types, one amount and one
    # AI-policy page, and gains on balance (types found - wrong pairs - negatives with rows), at
    # the shipped thresholds (by 3) and at thresholds chosen per fold on the other folds (by 2).
    # (Fifteenth round: the clause "clears at least two negatives' rows" went with the article
    # veto; no article threshold clears one out of fold with the hand-labelled sentences.)
    assert report["ece_gate_article"] < 0.12 and report["ece_gate_type"] < 0.2, report
    ungated = report["without_gate_figures"]
    assert report["extra_pairs"] <= ungated["extra_pairs"] - 3, report
    assert report["type_recall"][0] >= ungated["type_recall"][0] - 2, report
    assert report["money_recall"][0] >= ungated["money_recall"][0] - 1, report
    lost = len(report["policy_without_rows"]) - len(ungated["policy_without_rows"])
    assert lost <= 1, report
    assert len(report["negatives_with_rows"]) <= len(ungated["negatives_with_rows"]), report

    def balance(found: int, extra: int, negatives: int) -> int:
        return found - extra - negatives

    bare = balance(
        ungated["type_recall"][0], ungated["extra_pairs"], len(ungated["negatives_with_rows"])
    )
    shipped_balance = balance(
        report["type_recall"][0], report["extra_pairs"], len(report["negatives_with_rows"])
    )
    nested = report["nested_thresholds"]
    chosen = balance(nested["type_recall"][0], nested["extra_pairs"], nested["negatives_with_rows"])
    assert shipped_balance >= bare + 3 and chosen >= bare + 2, report
