"""Sentence classes the type head missed out of sample (thirteenth round) reach their thresholds."""

from __future__ import annotations

from extractors.signals.classify import analyse, load_model
from extractors.signals.records import SIGNAL_TYPES

# Written for this test (own words, generic actors), none of them in benchmarks/signal_training:
# amount-free data-centre and power measures, statements by ministries, associations and groups,
# court steps in a blacklisting, executive actions and national programmes. The round-start model
# (594eac0) put 2 of these 12 at or above their type's threshold, mean probability of the wanted
# type 0.30; the fourteenth round's labels and examples 4 of 12, mean 0.53.
UNSEEN = [
    (
        "The regulator approved a plan to connect three new AI data centres to the northern grid.",
        "energy_datacenter_infra",
    ),
    ("省能源局批复了为大型智算中心配套建设的输变电工程。", "energy_datacenter_infra"),
    ("州政府公布了可興建AI資料中心的土地名單，並承諾優先供電。", "energy_datacenter_infra"),
    (
        "Lawmakers questioned utility executives about the strain AI data centres put on the grid.",
        "energy_datacenter_infra",
    ),
    (
        "The science ministry said in a statement that universities must disclose how they use "
        "generative AI.",
        "policy_statement",
    ),
    ("行业协会发表声明，提醒会员企业谨慎采购境外人工智能芯片。", "policy_statement"),
    ("該集團表示，會遵守各地政府對人工智能服務的規定。", "policy_statement"),
    (
        "The court refused the company's request to be taken off the Pentagon's blacklist.",
        "entity_list_sanction",
    ),
    ("法院驳回了该企业要求从黑名单中移除的请求。", "entity_list_sanction"),
    (
        "The governor signed an executive order requiring state agencies to review their AI systems.",
        "executive_action",
    ),
    (
        "The government unveiled a national programme to give every school access to AI tutors.",
        "strategy_action_plan",
    ),
    ("国家启动人工智能产业创新工程，支持关键技术攻关。", "strategy_action_plan"),
]


def test_missed_classes_reach_their_threshold_on_unseen_sentences() -> None:
    model = load_model()
    passed, total = [], 0.0
    for text, want in UNSEEN:
        t = SIGNAL_TYPES.index(want)
        probs = model.type_head.predict(analyse(text).features).max(axis=0)
        total += float(probs[t])
        if probs[t] >= model.type_threshold[t]:
            passed.append(want)
    assert len(passed) >= 4, passed
    assert total / len(UNSEEN) >= 0.45, total / len(UNSEEN)
