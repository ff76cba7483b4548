"""Per-sentence rules: which signal types a sentence carries, and for which actor and amount."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractors.signals.cues import CueHit
from extractors.signals.money_roles import is_financing
from extractors.signals.records import ActorHit, Amount
from extractors.signals.trie import build_trie_pattern

GOV_KINDS = ("government", "agency", "legislature")
PREFERRED_KINDS: dict[str, tuple[str, ...]] = {
    "investment_capex": ("company",),
    "government_ai_budget": ("agency", "government", "legislature"),
    "export_control": ("agency", "government", "person"),
    "cloud_compute_kyc": ("agency", "government"),
    "entity_list_sanction": ("agency", "government"),
    "executive_action": ("person", "government"),
    "strategy_action_plan": ("government", "agency", "person"),
    "legislation_regulation": ("agency", "legislature", "government"),
    "international_governance": ("intl_org", "person", "government"),
    "model_release": ("company", "model"),
    "energy_datacenter_infra": ("government", "agency", "company"),
    "tech_diplomacy_export_promotion": ("government", "agency", "company", "person"),
    "policy_statement": ("person", "agency", "government", "company"),
    "talent_skills": ("company", "government", "agency"),
}
COUNTRY_GOVERNMENT = {
    "United States": "US Government",
    "China": "Chinese Government",
    "Japan": "Government of Japan",
    "United Kingdom": "UK Government",
    "South Korea": "Korean Government",
    "India": "Government of India",
}
# The spending types: each row of theirs states a commitment (an amount, or a strong sentence).
SPENDING_TYPES = ("investment_capex", "government_ai_budget")
MONEY_TYPES = (*SPENDING_TYPES, "energy_datacenter_infra")

# AI context has two parts: AI words (AI, models, compute, cloud, data centres) and chip words. Chip
# words alone are chips in general (a fab, a foundry's sales, a CHIPS Act grant); the labelling rule
# counts money for "chips for AI" only, so the money check asks for AI words (ch22, docs/quality.md).
_CORE_AI = (
    r"(?<![A-Za-z])AI(?![A-Za-z])|人工智能|智能|大模型|模型|算力|数据中心|云计算|云服务|云端|云平台|"
    r"云应用|GPU|IaaS|机器学习|生成式|Blackwell|"
    r"(?i:artificial intelligence|\bcompute\b|data cent(?:er|re)|"
    r"machine learning|generative|language model|\bmodels?\b|\bcloud\b)"
)
_CHIPS = r"芯片|半导体|(?i:\bchips?\b|semiconductor)"
AI_CONTEXT = re.compile(f"{_CORE_AI}|{_CHIPS}")
CORE_AI_CONTEXT = re.compile(_CORE_AI)
BACKGROUND = re.compile(
    r"(?=[市产存出营收毛逆顺年C数统报按价总研预mrvd])(?:"
    r"市场规模|产业规模|市场支出|市场(?:可能|将|需求)|存款|出口金额|出口额|营收|收益|收入|毛利|逆差|顺差|"
    r"年复合增长率|CAGR|数据显示|统计|报告显示|按.{0,12}计算|价值计算|总规模|"
    r"研发经费|"
    r"预测|预计全球|报告指出|总投资|market size|revenue|deposits)"
)
# Private or venture money is a statistic unless someone announces or plans it.
PRIVATE_MONEY = re.compile(
    r"风险投资|风投|私人AI投资|私人投资|民间投资|venture capital|private investment"
)
ANNOUNCED = re.compile(r"宣布|计划|承诺|拟|将在|将向|将投|announce|pledge|plan")
COMPANY_WORD = re.compile(r"企业|公司|巨头|厂商|company|companies|firms")
GOV_WORD = re.compile(r"政府|联邦|预算|财年|government|federal")
ENUM = ("、", "等", "和", "及", ",")
# The first-character look-ahead rejects most positions at once (same matches, twice as fast).
COREF = re.compile(
    r"(?=[该我其公])(?:该公司|该集团|该部门|该机构|该项目|该计划|该基金|该合资企业|我们|^其|^公司)"
)
_COREF_NEW = ("该项目", "该计划", "该基金", "该合资企业")
_RECIPIENT = ("向", "对", "给")
STATEMENT_MARK = re.compile(r"[“”\"：:]|表示|强调|指出|称|说")
RELEASED_MODEL = re.compile(
    r"(?:发布|推出|发表|上线)[^，。,]{0,15}模型|(?:release|launch)[^.]{0,30}model", re.I
)
LIST_CUES = ("实体清单", "实体名单", "军方实体名单", "中国军事公司", "1260h", "entity list")
SUBSIDY = re.compile(r"补贴|补助|subsid|\bgrants?\b", re.IGNORECASE)
UNNAMED_SOURCE = re.compile(
    r"(?:有|也有|一些|部分)?(?:分析人士|业内人士|分析师|专家|观察人士|[Aa]nalysts)"
)
STRATEGY_TITLE = re.compile(r"《[^》]{0,40}(?:计划|战略|规划|蓝图|行动|意见|方案)[^》]{0,20}》")
LAW_TITLE = re.compile(r"《[^》]{0,40}(?:法|法案|条例|办法|规定|规则|指南)》")
DEADLINE = re.compile(r"截止|截至")
CLOUD = re.compile(r"云|IaaS|[Cc]loud")
PROMOTION = re.compile(r"出口(?!管制|管控|限制|禁令|许可)|推广")


_AI_WORDS = (
    "AI",
    "人工智能",
    "智能",
    "大模型",
    "模型",
    "算力",
    "芯片",
    "半导体",
    "数据中心",
    "云计算",
    "云服务",
    "云端",
    "云平台",
    "云应用",
    "GPU",
    "IaaS",
    "机器学习",
    "生成式",
    "Blackwell",
    "artificial intelligence",
    "compute",
    "chip",
    "semiconductor",
    "data center",
    "data centre",
    "machine learning",
    "generative",
    "language model",
    "model",
    "cloud",
)
# Literal starts of AI_CONTEXT's terms: a literal-only alternation scans fast (no look-behind at
# every position); each hit is then confirmed by AI_CONTEXT.match at that position.
AI_TERM_STARTS = re.compile(
    build_trie_pattern({v for w in _AI_WORDS for v in (w, w[:1].upper() + w[1:], w.upper())})
)


def find_ai_context(text: str) -> bool:
    """Return whether a text mentions AI, chips, compute or data centres (uncached, any length)."""
    return any(AI_CONTEXT.match(text, m.start()) for m in AI_TERM_STARTS.finditer(text))


@lru_cache(maxsize=512)
def has_ai_context(sentence: str) -> bool:
    """Return whether a sentence is about AI, chips, compute or data centres (cached)."""
    return find_ai_context(sentence)


def find_ai_words(text: str) -> bool:
    """Return whether a text of any length has an AI word, chip words not counted (uncached)."""
    return any(CORE_AI_CONTEXT.match(text, m.start()) for m in AI_TERM_STARTS.finditer(text))


@lru_cache(maxsize=512)
def names_ai(sentence: str) -> bool:
    """Return whether a sentence has an AI word, chip words not counted (cached)."""
    return find_ai_words(sentence)


@dataclass(slots=True)
class Candidate:
    """A signal found in one sentence, before per-article merging."""

    signal_type: str
    sentence: int
    actor: ActorHit | None
    amount: Amount | None
    strength: int
    object_key: str
    others: list[ActorHit] = field(default_factory=list)
    local: bool = False


def find_clause_bounds(
    text: str, pos: int, lo: int, hi: int, reach: int | None = 160
) -> tuple[int, int]:
    """Return the clause (between ，；：) around a position within [lo, hi), at most reach each way."""
    if reach is not None:
        lo, hi = max(lo, pos - reach), min(hi, pos + reach)
    left = max(text.rfind(c, lo, pos) for c in "，,；;：:")
    right_cands = [i for i in (text.find(c, pos, hi) for c in "，,；;：:") if i >= 0]
    return (left + 1 if left >= lo else lo), (min(right_cands) if right_cands else hi)


def resolve_coref(sentence: str, carry: list[ActorHit], kinds: tuple[str, ...]) -> ActorHit | None:
    """Return what 该公司/我们 (the previous subject) or 该项目 (the entity just introduced) refers to."""
    m = COREF.search(sentence)
    pool = [h for h in carry if h.kind in kinds]
    if m is None or not pool:
        return None
    if m.group() not in _COREF_NEW:
        return pool[0]
    nearest = [
        h for h in pool if h.start >= pool[0].start
    ]  # carry lists the previous sentence first
    return max(nearest, key=lambda h: h.start)


def pick_actor_for_amount(
    text: str, amount: Amount, hits: list[ActorHit], kinds: tuple[str, ...], lo: int, hi: int
) -> ActorHit | None:
    """Return the actor an amount belongs to: 分别 lists zip, else nearest preceding, else following.

    A recipient (向X投资) is not the funder; a coreference (该项目) closer to the amount defers to the
    previous sentences (None).
    """
    pool = [h for h in hits if h.kind in kinds]
    c_lo, c_hi = find_clause_bounds(text, amount.start, lo, hi)
    cut = text.find("分别", c_lo, c_hi)
    if cut >= 0:
        before = [h for h in pool if c_lo <= h.start < cut]
        amounts_after = [m.start() for m in re.finditer(r"\d", text[cut:c_hi])]
        if before and amounts_after:
            idx = len(re.findall(r"和|、|及", text[cut : amount.start]))
            return before[min(idx, len(before) - 1)]
    preceding = [
        h
        for h in pool
        if h.end <= amount.start
        and text[h.end : h.end + 1] not in ENUM
        and text[h.start - 1 : h.start] not in _RECIPIENT
    ]
    coref = COREF.search(text[lo : amount.start])
    if coref is not None and (not preceding or preceding[-1].end <= lo + coref.start()):
        return None
    if preceding:
        return preceding[-1]
    countries = [h for h in hits if h.kind == "country" and h.start < amount.start]
    if countries:
        return countries[0]
    following = [h for h in pool if h.start >= amount.end]
    return following[0] if following else None


def choose_money_type(
    actor: ActorHit | None,
    sentence: str,
    cue_types: set[str],
    strong_types: set[str],
    ai: bool,
    private: bool = False,
) -> str | None:
    """Return which money type an amount signals (ai: AI context; private: the amount is private money)."""
    if "energy_datacenter_infra" in strong_types and (actor is None or actor.kind != "company"):
        return "energy_datacenter_infra"
    money_cue = bool(cue_types & {"investment_capex", "government_ai_budget"})
    if not money_cue or not ai:
        return None
    if actor is not None and actor.kind in ("company",):
        return "investment_capex"
    if actor is not None and actor.kind in GOV_KINDS:
        return "government_ai_budget"
    if private:
        return "investment_capex"
    if actor is not None and actor.kind == "country" and COMPANY_WORD.search(sentence):
        return "investment_capex"
    if COMPANY_WORD.search(sentence):
        return "investment_capex"
    if GOV_WORD.search(sentence):
        return "government_ai_budget"
    return None


def is_company_speaking(cues: list[CueHit], actors: list[ActorHit]) -> bool:
    """Return whether a company is the subject right before a statement cue."""
    return any(
        actor.kind == "company" and 0 <= cue.start - actor.end <= 16
        for cue in cues
        for actor in actors
    )


def accept_plain_type(
    signal_type: str, sentence: str, cues: list[CueHit], actors: list[ActorHit]
) -> bool:
    """Return whether a sentence carries an amount-free signal of a type."""
    strong = any(c.weight == 2 for c in cues)
    kinds = {a.kind for a in actors}
    has_ai = bool(has_ai_context(sentence)) or "model" in kinds
    if signal_type == "executive_action":
        return strong
    if signal_type == "entity_list_sanction":
        named_list = any(c.phrase.lower() in LIST_CUES for c in cues)
        return named_list or ((strong or "名单" in sentence) and has_ai)
    if signal_type == "cloud_compute_kyc":
        return strong or bool(CLOUD.search(sentence) and re.search(r"验证|身份|客户", sentence))
    if signal_type == "legislation_regulation":
        titled = bool(LAW_TITLE.search(sentence))
        return (strong or titled) and has_ai
    if signal_type in ("export_control", "international_governance"):
        return strong and has_ai
    if signal_type == "strategy_action_plan":
        titled = bool(STRATEGY_TITLE.search(sentence))
        return (strong or titled) and has_ai and bool(kinds & {"government", "agency", "country"})
    if signal_type == "model_release":
        verb = any(
            c.phrase in ("发布", "推出", "发表", "上线", "release", "launched") for c in cues
        )
        named = "model" in kinds or bool(RELEASED_MODEL.search(sentence))
        return (strong or (verb and named)) and bool(kinds & {"company", "model"}) and has_ai
    if signal_type == "energy_datacenter_infra":
        return strong and has_ai and not BACKGROUND.search(sentence)
    if signal_type == "tech_diplomacy_export_promotion":
        return strong or (has_ai and bool(PROMOTION.search(sentence)))
    if signal_type == "policy_statement":
        if UNNAMED_SOURCE.match(sentence):
            return False
        speaker = kinds & {"person", "agency", "government", "legislature", "intl_org"}
        if not speaker and "company" in kinds:
            speaker = {"company"} if is_company_speaking(cues, actors) else set()
        return (
            bool(speaker)
            and has_ai
            and bool(STATEMENT_MARK.search(sentence))
            and len(sentence) > 15
        )
    if signal_type == "talent_skills":
        return (strong or "培训" in sentence) and has_ai
    return False


def is_background(sentence: str) -> bool:
    """Return whether a sentence states background statistics (market sizes, past private money)."""
    if BACKGROUND.search(sentence):
        return True
    return PRIVATE_MONEY.search(sentence) is not None and ANNOUNCED.search(sentence) is None


def sentence_rules(sentence: str, cues: list[CueHit], actors: list[ActorHit]) -> list[str]:
    """Return the rule outputs of a sentence, as classifier features: accepted types and flags."""
    by_type: dict[str, list[CueHit]] = {}
    for c in cues:
        by_type.setdefault(c.signal_type, []).append(c)
    out = [
        t
        for t, type_cues in by_type.items()
        if t not in SPENDING_TYPES and accept_plain_type(t, sentence, type_cues, actors)
    ]
    if is_background(sentence):
        out.append("background")
    if UNNAMED_SOURCE.match(sentence):
        out.append("unnamed_source")
    return out


def amount_rules(
    text: str, amount: Amount, actor: ActorHit | None, sentence: str, cues: list[CueHit], ai: bool
) -> list[str]:
    """Return the rule outputs of an amount, as classifier features: the money type rules pick."""
    after = amount.end + (text[amount.end : amount.end + 1] == "的")
    private = PRIVATE_MONEY.match(text, after) is not None
    # A round, loan or deal of a named actor; "AI start-ups raised $X last year" is a statistic.
    financing = actor is not None and is_financing(text, amount)
    cue_types = {c.signal_type for c in cues}
    strong_types = {c.signal_type for c in cues if c.weight == 2}
    chosen = choose_money_type(actor, sentence, cue_types, strong_types, ai, private)
    out = ["money:" + (chosen or "none")]
    if private:
        out.append("private_money")
    if financing:
        out.append("financing")
    return out
