"""detect_signals: turn one Article into deduplicated Signal rows (pure; a failure raises SignalError)."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from functools import lru_cache

from extractors.exceptions import SignalError
from extractors.rows import Article, Signal
from extractors.signals.actors import ai_aliases, find_actors, is_ai_actor, load_lexicon
from extractors.signals.align import MatchText, build_match_text, split_sentences
from extractors.signals.cues import CueHit, find_cues
from extractors.signals.merge import build_rows, slugify
from extractors.signals.money import parse_amounts
from extractors.signals.places import region_of
from extractors.signals.records import ActorHit, Amount
from extractors.signals.rules import (
    ANNOUNCED,
    BACKGROUND,
    COREF,
    GOV_KINDS,
    PREFERRED_KINDS,
    PRIVATE_MONEY,
    SUBSIDY,
    Candidate,
    accept_plain_type,
    choose_money_type,
    find_ai_context,
    has_ai_context,
    is_signal_amount,
    pick_actor_for_amount,
    resolve_coref,
)
from extractors.signals.trie import build_trie_pattern

_TITLE = re.compile(r"《([^》]{2,40})》")


_MAX_AMOUNTS_PER_SENTENCE = 24


_FALLBACK_KINDS = ("person", "government", "agency", "legislature", "intl_org", "company")


_MONEY_ACTOR_KINDS = ("company", "agency", "government", "legislature")


_SUBJECT_VERB = re.compile(
    r"(?:近日|日前|今天|昨天|当天|当地时间|正式|再次|再|又|还|已经|已|也|将|首次|先后|共同|联合)?"
    r"(?:发布|公布|印发|出台|推出|宣布|签署|颁布|更新|启动|提出|通过|发表|announced|issued|signed|published|released)"
)


def _find_subject(signal_type: str, hits: list[ActorHit], text: str) -> ActorHit | None:
    """Return the actor right before a publishing verb (X发布, X宣布启动), if its kind fits the type."""
    kinds = PREFERRED_KINDS[signal_type]
    for h in hits:
        fits = h.kind in kinds or (h.kind == "country" and "government" in kinds)
        if fits and _SUBJECT_VERB.match(text, h.end + (text[h.end : h.end + 1] == " ")):
            return h
    return None


def _nearest_to_cue(
    hits: list[ActorHit], cues: list[CueHit], kinds: tuple[str, ...]
) -> ActorHit | None:
    """Return the actor of the given kinds nearest to a cue (the releaser of a release)."""
    pool = [h for h in hits if h.kind in kinds]
    if not pool or not cues:
        return None
    return min(pool, key=lambda h: min(abs(h.start - c.start) for c in cues))


def _pick_main_actor(
    signal_type: str, hits: list[ActorHit], carry: list[ActorHit]
) -> ActorHit | None:
    """Return the main actor of a type from the sentence, else from the previous sentences."""
    kinds = PREFERRED_KINDS[signal_type]
    for kind in kinds:
        for h in hits:
            if h.kind == kind:
                return h
    for h in hits:
        if h.kind in _FALLBACK_KINDS and (h.kind != "company" or "company" in kinds):
            return h
    countries = [h for h in hits if h.kind == "country"]
    if countries:
        return countries[0]
    return next((h for h in carry if h.kind in kinds), None)


_DOC_WORDS = {
    "executive_action": re.compile(r"令|命令|备忘录|[Oo]rder|[Mm]emorandum"),
    "strategy_action_plan": re.compile(r"计划|战略|规划|蓝图|行动|意见|方案|[Pp]lan|[Ss]trategy"),
    "legislation_regulation": re.compile(
        r"法|条例|办法|规定|规则|意见稿|指南|[Aa]ct|[Bb]ill|[Rr]ule"
    ),
    "export_control": re.compile(r"规则|规定|管制|框架|[Rr]ule"),
}


def _find_doc_title(signal_type: str, sentence: str) -> str | None:
    """Return the 《title》 of the type's own document (e.g. an order for executive_action), if any."""
    words = _DOC_WORDS.get(signal_type)
    for m in _TITLE.finditer(sentence):
        parts = [p for p in re.split(r"[:：]", m.group(1)) if p.strip()] or [m.group(1)]
        if words is None:
            return parts[-1]
        named = [p for p in parts if words.search(p)]
        if named:
            return named[-1]
        if words.search(sentence, m.end(), m.end() + 4):
            return parts[-1]
    return None


def _make_object_key(
    signal_type: str, sentence: str, cues: list[CueHit], amount: Amount | None
) -> str:
    """Return the object part of a dedupe key: a titled document, the strongest cue, or money."""
    if amount is not None:
        return "amount"
    if signal_type == "policy_statement":
        return "statement"
    title = _find_doc_title(signal_type, sentence)
    if title:
        return "t_" + slugify(title)[:40]
    strong = [c for c in cues if c.weight == 2] or cues
    return slugify(strong[0].phrase) if strong else signal_type


def _is_background(sentence: str) -> bool:
    """Return whether a sentence states background statistics (market sizes, past private money)."""
    if BACKGROUND.search(sentence):
        return True
    return PRIVATE_MONEY.search(sentence) is not None and ANNOUNCED.search(sentence) is None


def _find_candidates(
    mt: MatchText,
    span: tuple[int, int],
    index: int,
    amounts: list[Amount],
    actors: list[ActorHit],
    cues: list[CueHit],
    carry: list[ActorHit],
    seen_bg: set[float],
    prev: str,
) -> list[Candidate]:
    """Return the candidates of one sentence (prev: the previous sentence, for 该项目-style subjects)."""
    lo, hi = span
    sentence = mt.text[lo:hi]
    coref = COREF.search(sentence) is not None
    ai = (
        has_ai_context(sentence)
        or any(is_ai_actor(h.name) for h in actors)
        or (coref and (has_ai_context(prev) or any(is_ai_actor(h.name) for h in carry)))
    )
    out: list[Candidate] = []
    by_type: dict[str, list[CueHit]] = {}
    for c in cues:
        by_type.setdefault(c.signal_type, []).append(c)
    cue_types = set(by_type)
    strong_types = {t for t, cs in by_type.items() if any(c.weight == 2 for c in cs)}
    used_money = False
    background = bool(amounts) and _is_background(sentence)
    if background:
        seen_bg.update(a.value for a in amounts)
    for i, amt in enumerate(amounts[:_MAX_AMOUNTS_PER_SENTENCE]):
        if (
            background
            or amt.value in seen_bg
            or not is_signal_amount(mt.text, amt, lo, amounts[:i])
        ):
            continue
        funder = next((h for h in actors if h.kind in GOV_KINDS), None)
        if funder is not None and SUBSIDY.search(sentence):
            actor: ActorHit | None = funder
        else:
            actor = pick_actor_for_amount(mt.text, amt, actors, _MONEY_ACTOR_KINDS, lo, hi)
        local = actor is not None and actor.kind in _MONEY_ACTOR_KINDS
        if actor is None and coref:
            actor = resolve_coref(sentence, carry, _MONEY_ACTOR_KINDS)
        private = (
            PRIVATE_MONEY.match(mt.text, amt.end + (mt.text[amt.end : amt.end + 1] == "的"))
            is not None
        )
        signal_type = choose_money_type(actor, sentence, cue_types, strong_types, ai, private)
        if signal_type is None:
            continue
        if actor is None or actor.kind not in PREFERRED_KINDS[signal_type]:
            actor = _pick_main_actor(signal_type, actors, carry) if actor is None else actor
        strength = 2 if signal_type in strong_types else 1
        out.append(Candidate(signal_type, index, actor, amt, strength, "amount", actors, local))
        used_money = True
    for signal_type, type_cues in by_type.items():
        if signal_type in ("investment_capex", "government_ai_budget"):
            continue
        if signal_type == "energy_datacenter_infra" and used_money:
            continue
        if not accept_plain_type(signal_type, sentence, type_cues, actors):
            continue
        subject = (
            None
            if signal_type == "entity_list_sanction"
            else _find_subject(signal_type, actors, mt.text)
        )
        if signal_type == "model_release" and not subject:
            subject = _nearest_to_cue(actors, type_cues, PREFERRED_KINDS[signal_type])
        actor = subject or _pick_main_actor(signal_type, actors, carry if coref else [])
        if signal_type == "energy_datacenter_infra" and (
            actor is None or actor.kind in ("analyst", "media")
        ):
            continue
        strength = 2 if signal_type in strong_types else 1
        obj = _make_object_key(signal_type, sentence, type_cues, None)
        out.append(
            Candidate(signal_type, index, actor, None, strength, obj, actors, subject is not None)
        )
    if {c.signal_type for c in out} >= {"cloud_compute_kyc", "legislation_regulation"}:
        out = [c for c in out if c.signal_type != "legislation_regulation"]
    return out


@lru_cache(maxsize=1)
def _ai_actor_starts() -> re.Pattern[str]:
    """Return a literal-only regex (fast to scan) for the aliases of AI-by-nature actors."""
    return re.compile(build_trie_pattern(ai_aliases()))


def _mentions_ai(text: str) -> bool:
    """Return whether a text has AI context anywhere (an AI term, chip, model, data centre or AI actor)."""
    if find_ai_context(text):
        return True
    ai_actor = load_lexicon().ai_regex
    return any(ai_actor.match(text, m.start()) for m in _ai_actor_starts().finditer(text))


def _detect(article: Article, region: str | None = None) -> list[Signal]:
    """Return the signals of an article read in a region (may raise; wrapped by detect_signals)."""
    text = article.text or ""
    if not text.strip():
        return []
    mt = build_match_text(text, article.text_hans)
    if not _mentions_ai(mt.text):
        return []  # no AI term, chip, model, data centre or AI-native actor anywhere: off-topic
    pub_dt = article.published_at or article.fetched_at
    pub: date = pub_dt.date()
    n_us, n_cn = mt.text.count("美国"), mt.text.count("中国")
    default_country = "US" if n_us > n_cn else ("CN" if n_cn > n_us else None)
    amounts = parse_amounts(mt.text, region or region_of(None, article.url, article.language))
    cues = find_cues(mt.text)
    spans = split_sentences(mt.text)
    amount_starts = [x.start for x in amounts]
    cue_starts = [x.start for x in cues]
    actors = find_actors(
        mt.text, default_country, _find_actor_ranges(spans, amount_starts, cue_starts)
    )
    candidates: list[tuple[Candidate, tuple[int, int]]] = []
    actor_starts = [x.start for x in actors]
    ranges: list[tuple[int, int]] = []
    seen_bg: set[float] = set()
    for index, (lo, hi) in enumerate(spans):
        ki, kj = bisect_left(actor_starts, lo), bisect_left(actor_starts, hi)
        ai, aj = bisect_left(amount_starts, lo), bisect_left(amount_starts, hi)
        ci, cj = bisect_left(cue_starts, lo), bisect_left(cue_starts, hi)
        if cj > ci or aj > ai:
            carry = [
                h for r0, r1 in reversed(ranges[-2:]) for h in actors[r0:r1] if h.kind != "country"
            ]
            prev = mt.text[slice(*spans[index - 1])] if index else ""
            for cand in _find_candidates(
                mt,
                (lo, hi),
                index,
                amounts[ai:aj],
                actors[ki:kj],
                cues[ci:cj],
                carry,
                seen_bg,
                prev,
            ):
                candidates.append((cand, (lo, hi)))
        ranges.append((ki, kj))
    return build_rows(article, mt, candidates, pub)


def _find_actor_ranges(
    spans: list[tuple[int, int]], amount_starts: list[int], cue_starts: list[int]
) -> list[tuple[int, int]]:
    """Return the text ranges whose actors matter: sentences with cues or amounts and the two before."""
    wanted: set[int] = set()
    for starts in (amount_starts, cue_starts):
        for pos in starts:
            i = bisect_left(spans, (pos + 1, -1)) - 1
            if i >= 0:
                wanted.update((i - 2, i - 1, i))
    ranges: list[tuple[int, int]] = []
    for i in sorted(j for j in wanted if j >= 0):
        lo, hi = spans[i]
        if ranges and lo <= ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], max(hi, ranges[-1][1]))
        else:
            ranges.append((lo, hi))
    return ranges


def detect_signals(article: Article, region: str | None = None) -> list[Signal]:
    """Return the AI-policy signals of an article; region (HK, TW, CN …) says what a bare 元/$ is.

    A detector failure raises SignalError (the pipeline logs and counts it), never returns [].
    """
    try:
        return _detect(article, region)
    except Exception as exc:  # any bug in the detector: one error type, with the article named
        detail = f"{type(exc).__name__}: {exc}"
        raise SignalError(f"signal detection failed on {article.article_id}: {detail}") from exc
