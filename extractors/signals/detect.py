"""detect_signals: turn one Article into deduplicated Signal rows (pure; a failure raises SignalError)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from extractors.exceptions import SignalError
from extractors.rows import Article, Signal
from extractors.signals.actors import ai_aliases, load_lexicon
from extractors.signals.align import MatchText, build_match_text
from extractors.signals.article_gate import (
    ArticleGate,
    Evidence,
    gather_evidence,
    heading_of,
    kept_types,
    score_title,
)
from extractors.signals.classify import (
    AmountItem,
    Analysis,
    FloatArray,
    SignalModel,
    analyse,
    load_model,
)
from extractors.signals.encoder_head import type_probabilities
from extractors.signals.gate_bounds import decide_without_title
from extractors.signals.gate_file import load_gate
from extractors.signals.mainactor import find_subject, nearest_to_cue, pick_main_actor, speaks
from extractors.signals.merge import build_rows
from extractors.signals.money_commitments import names_commitment
from extractors.signals.money_items import is_non_ai_item
from extractors.signals.money_roles import non_commitment_role
from extractors.signals.money_totals import is_unowned_total
from extractors.signals.object_head import (
    EXEMPT_TYPES,
    load_object_head,
    off_object_sentences,
    title_reads_ai,
)
from extractors.signals.object_keys import object_key
from extractors.signals.page_items import item_stories
from extractors.signals.places import region_of
from extractors.signals.records import Amount
from extractors.signals.requirements import (
    RELEASE_LEAD,
    money_has_ai_purpose,
    release_is_the_story,
    statement_is_public,
)
from extractors.signals.roles import page_voice
from extractors.signals.rules import (
    GOV_KINDS,
    MONEY_TYPES,
    PREFERRED_KINDS,
    SPENDING_TYPES,
    Candidate,
    find_ai_context,
)
from extractors.signals.trie import build_trie_pattern

_STRONG = (
    0.8  # a calibrated probability this high counts as a strong cue for evidence and confidence
)


def _choose_money_type(item: AmountItem, probs: FloatArray, types: tuple[str, ...]) -> str:
    """Return the money type of a committed amount: the actor's sector, else the rules' choice from
    sector words (企业 / 政府 / 预算), else the likelier type."""
    p = {t: float(probs[types.index(t)]) for t in MONEY_TYPES}
    if p["energy_datacenter_infra"] > max(p["investment_capex"], p["government_ai_budget"]):
        return "energy_datacenter_infra"
    actor = item.actor
    if actor is not None and actor.kind == "company":
        return "investment_capex"
    if actor is not None and actor.kind in GOV_KINDS:
        return "government_ai_budget"
    if item.rule_type in SPENDING_TYPES:
        return item.rule_type
    return max(SPENDING_TYPES, key=lambda t: p[t])


def _plain_candidates(
    analysis: Analysis,
    k: int,
    passing: list[tuple[int, float]],
    model: SignalModel,
    used_money: bool,
    cue_starts: list[int],
    analysis_probs: FloatArray,
) -> list[Candidate]:
    """Return the amount-free candidates of scored sentence k (passing: the types at or above
    their threshold, with their probabilities; cue_starts: where the article's cues start;
    analysis_probs: the type probabilities of every scored sentence)."""
    index = analysis.sentences[k]
    lo, hi = analysis.prep.spans[index]
    text = analysis.prep.mt.text
    sentence = text[lo:hi]
    hits = analysis.sentence_actors[k]
    carry = analysis.carry[k] if analysis.coref[k] else []
    cues = analysis.prep.cues[bisect_left(cue_starts, lo) : bisect_left(cue_starts, hi)]
    out: list[Candidate] = []
    for t, p in passing:
        signal_type = model.types[t]
        if signal_type in SPENDING_TYPES:
            continue  # money types need a committed amount
        if signal_type == "energy_datacenter_infra" and used_money:
            continue
        type_cues = [c for c in cues if c.signal_type == signal_type]
        subject = (
            None if signal_type == "entity_list_sanction" else find_subject(signal_type, hits, text)
        )
        if signal_type == "model_release" and not subject:
            subject = nearest_to_cue(hits, type_cues, PREFERRED_KINDS[signal_type])
        actor = subject or pick_main_actor(signal_type, hits, carry)
        if signal_type == "policy_statement":
            if not statement_is_public(analysis_probs[k], model.types, hits, actor, sentence):
                continue  # a company's voice about its business, nothing public in the sentence
            if not speaks(actor, subject, type_cues):
                actor = None  # no named speaker: the row keeps an empty actor (or the page's voice)
        strength = 2 if p >= _STRONG else 1
        obj = object_key(signal_type, sentence, type_cues, None)
        out.append(
            Candidate(signal_type, index, actor, None, strength, obj, hits, subject is not None)
        )
    if {c.signal_type for c in out} >= {"cloud_compute_kyc", "legislation_regulation"}:
        out = [c for c in out if c.signal_type != "legislation_regulation"]
    return out


@lru_cache(maxsize=1)
def _ai_actor_starts() -> re.Pattern[str]:
    """Return a literal-only regex (fast to scan) for the aliases of AI-by-nature actors."""
    return re.compile(build_trie_pattern(ai_aliases()))


def mentions_ai(text: str) -> bool:
    """Return whether a text has AI context anywhere (an AI term, chip, model, data centre or AI actor)."""
    if find_ai_context(text):
        return True
    ai_actor = load_lexicon().ai_regex
    return any(ai_actor.match(text, m.start()) for m in _ai_actor_starts().finditer(text))


@dataclass(frozen=True, slots=True)
class Proposal:
    """An article's sentence-level candidates before the article-level gate, with their inputs."""

    mt: MatchText
    region: str | None
    analysis: Analysis
    type_probs: FloatArray
    money_probs: FloatArray
    candidates: list[tuple[Candidate, tuple[int, int]]]
    # amounts below the money head's threshold with a round, a raise or a signed deal named
    # beside them: the gate reads them, its training does not
    named: list[tuple[Candidate, tuple[int, int]]]

    def all_candidates(self) -> list[tuple[Candidate, tuple[int, int]]]:
        """Return the head's candidates, then the named commitments."""
        return self.candidates + self.named

    def evidence(self, article: Article, model: SignalModel, named: bool = True) -> Evidence:
        """Return the article gate's features of this proposal (named=False: the head's
        candidates only, as the gate is trained)."""
        cands = [c for c, _ in (self.all_candidates() if named else self.candidates)]
        return gather_evidence(
            heading_of(article),
            self.region,
            self.analysis,
            self.type_probs,
            self.money_probs,
            cands,
            model,
        )


def propose(article: Article, model: SignalModel, region: str | None = None) -> Proposal | None:
    """Return an article's sentence-level candidates (None for an empty or off-topic article)."""
    text = article.text or ""
    if not text.strip():
        return None
    mt = build_match_text(text, article.text_hans)
    if not mentions_ai(mt.text):
        return None  # no AI term, chip, model, data centre or AI-native actor anywhere: off-topic
    region = region or region_of(None, article.url, article.language)
    voice = page_voice((article.url, article.outlet, article.author))
    analysis = analyse(text, article.text_hans, region, mt, voice)
    type_probs = type_probabilities(model, analysis)
    money_probs = model.money_head.predict([a.features for a in analysis.amounts])[:, 0]
    candidates: list[tuple[Candidate, tuple[int, int]]] = []
    committed: dict[int, list[Candidate]] = {}
    named: list[tuple[Candidate, tuple[int, int]]] = []
    title = heading_of(article)
    for item, p in zip(analysis.amounts, money_probs, strict=True):
        # a funding round (money raised) or a deal an actor signs is a commitment, whatever the
        # head's probability
        if p < model.money_threshold and not names_commitment(mt.text, item.amount):
            continue
        k = item.sentence
        signal_type = _choose_money_type(item, type_probs[k], model.types)
        actor = item.actor
        hits = analysis.sentence_actors[k]
        if actor is None or actor.kind not in PREFERRED_KINDS[signal_type]:
            carry = analysis.carry[k] if analysis.coref[k] else []
            actor = pick_main_actor(signal_type, hits, carry) if actor is None else actor
        strength = 2 if p >= _STRONG else 1
        index = analysis.sentences[k]
        if not money_has_ai_purpose(analysis, signal_type, index, actor, title):
            continue  # no AI term, model or AI actor within reach (chips under an AI title): not AI money
        cand = Candidate(
            signal_type, index, actor, item.amount, strength, "amount", hits, item.local
        )
        if p < model.money_threshold:
            named.append((cand, analysis.prep.spans[index]))
        else:
            committed.setdefault(k, []).append(cand)
    passing: dict[int, list[tuple[int, float]]] = {}
    for k, t in zip(*np.nonzero(type_probs >= model.type_threshold), strict=True):
        passing.setdefault(int(k), []).append((int(t), float(type_probs[k, t])))
    cue_starts = [c.start for c in analysis.prep.cues]  # once per article, not per sentence
    for k, index in enumerate(analysis.sentences):
        span = analysis.prep.spans[index]
        money = committed.get(k, [])
        plain = (
            _plain_candidates(analysis, k, passing[k], model, bool(money), cue_starts, type_probs)
            if k in passing
            else []
        )
        for cand in money + plain:
            candidates.append((cand, span))
    found = {c.signal_type for c, _ in candidates}
    candidates += _unpriced(analysis, type_probs, model, found, title)
    candidates = _story_releases(candidates, article, region, model)
    candidates = item_stories(candidates, text, mt, mentions_ai)
    named = item_stories(named, text, mt, mentions_ai)
    return Proposal(mt, region, analysis, type_probs, money_probs, candidates, named)


def _story_releases(
    candidates: list[tuple[Candidate, tuple[int, int]]],
    article: Article,
    region: str | None,
    model: SignalModel,
) -> list[tuple[Candidate, tuple[int, int]]]:
    """Return the candidates without model releases retold in passing (the title is scored only
    when a release candidate lies past the lead)."""
    release = "model_release"
    if all(c.signal_type != release or c.sentence <= RELEASE_LEAD for c, _ in candidates):
        return candidates  # every release is in the lead: the title need not be scored
    t = model.types.index(release)
    title_p = float(score_title(heading_of(article), region, model)[t])
    threshold = float(model.type_threshold[t])
    return [
        (c, span)
        for c, span in candidates
        if c.signal_type != release or release_is_the_story(c.sentence, title_p, threshold)
    ]


def _unpriced(
    analysis: Analysis, type_probs: FloatArray, model: SignalModel, found: set[str], title: str
) -> list[tuple[Candidate, tuple[int, int]]]:
    """Return amount-free candidates of the two spending types for an article with no committed
    amount of that type: its likeliest sentence, if it reads strongly as that type and names an
    actor (an investment "worth billions", an amount the parser does not read); title: its heading."""
    out: list[tuple[Candidate, tuple[int, int]]] = []
    for signal_type in SPENDING_TYPES:
        if signal_type in found or not len(type_probs):
            continue
        t = model.types.index(signal_type)
        k = int(np.argmax(type_probs[:, t]))
        if type_probs[k, t] < _STRONG:
            continue
        hits = analysis.sentence_actors[k]
        actor = pick_main_actor(signal_type, hits, analysis.carry[k] if analysis.coref[k] else [])
        index = analysis.sentences[k]
        if actor is None or not money_has_ai_purpose(analysis, signal_type, index, actor, title):
            continue
        cand = Candidate(signal_type, index, actor, None, 2, signal_type, hits, actor in hits)
        out.append((cand, analysis.prep.spans[index]))
    return out


def _detect(
    article: Article, model: SignalModel, region: str | None = None, gate: ArticleGate | None = None
) -> list[Signal]:
    """Return the signals of an article read in a region (may raise; wrapped by detect_signals)."""
    return decide_rows(article, propose(article, model, region), model, gate)


def decide_rows(
    article: Article, proposal: Proposal | None, model: SignalModel, gate: ArticleGate | None = None
) -> list[Signal]:
    """Return the rows the article gate keeps of an article's proposal (detection's second half)."""
    if proposal is None:
        return []
    both = proposal.all_candidates()
    if not both:
        return []
    gate = gate or load_gate()
    cands = [c for c, _ in both]
    analysis, probs, money_probs = proposal.analysis, proposal.type_probs, proposal.money_probs
    # The article-level decision: the title is scored only when it could change it.
    keep = decide_without_title(
        gate, heading_of(article), analysis, probs, money_probs, cands, model
    )
    if keep is None:
        keep = kept_types(gate, proposal.evidence(article, model))
    text = proposal.mt.text
    measures = {c.sentence for c in cands if c.signal_type not in EXEMPT_TYPES}
    off = off_object_sentences(analysis, measures, load_object_head())
    title = heading_of(article)
    if off and (mentions_ai(title) or title_reads_ai(title, proposal.region, load_object_head())):
        off = set()  # under a title about AI, a measure sentence is read as an AI one
    amounts = proposal.analysis.prep.amounts
    starts = [a.start for a in amounts]
    items: dict[int, AmountItem] = {}
    for it in reversed(proposal.analysis.amounts):  # the first item of an amount wins
        items[id(it.amount)] = it

    def before(amount: Amount) -> Amount | None:
        at = bisect_left(starts, amount.start)
        return amounts[at - 1] if at > 0 else None

    def siblings(span: tuple[int, int]) -> list[Amount]:
        return amounts[bisect_left(starts, span[0]) : bisect_left(starts, span[1])]

    candidates = [
        (c, span)
        for c, span in both
        if c.signal_type in keep
        # a measure aimed at something other than AI (tariffs, metals, budgets) is no AI signal
        and (c.signal_type in EXEMPT_TYPES or c.sentence not in off)
        # an amount that measures revenue, a market, an economic effect, a valuation, a price or
        # a legal payment is never a row, whatever the money head said (after the gate: its
        # inputs stay)
        and (
            c.amount is None
            or non_commitment_role(text, c.amount, span[0], before(c.amount)) is None
        )
        and (c.amount is None or not _non_ai_item(proposal, c.amount, span, siblings(span)))
        # a year's or a quarter's total with no owner in reach is a statistic, not a commitment
        and (
            c.amount is None
            or not _unowned_total(proposal, c.amount, span, items.get(id(c.amount)))
        )
    ]
    pub_dt = article.published_at or article.fetched_at
    return build_rows(article, proposal.mt, candidates, pub_dt.date())


def _non_ai_item(
    proposal: Proposal, amount: Amount, span: tuple[int, int], siblings: list[Amount]
) -> bool:
    """Return whether an amount is a non-AI item listed beside an AI one (siblings: the amounts
    of its sentence)."""
    return is_non_ai_item(proposal.mt.text, amount, span[0], span[1], siblings)


def _unowned_total(
    proposal: Proposal, amount: Amount, span: tuple[int, int], item: AmountItem | None
) -> bool:
    """Return whether an amount (item: its analysis item) totals a period with no owner in its
    sentence or the two before."""
    analysis = proposal.analysis
    if item is None:
        return False
    k = item.sentence
    actors = [item.actor] if item.actor is not None else []
    actors += analysis.sentence_actors[k] + analysis.carry[k]
    return is_unowned_total(proposal.mt.text, amount, span[0], span[1], actors)


def detect_signals(
    article: Article,
    region: str | None = None,
    model: SignalModel | None = None,
    gate: ArticleGate | None = None,
) -> list[Signal]:
    """Return the AI-policy signals of an article; region (HK, TW, CN …) says what a bare 元/$ is.

    A detector failure raises SignalError (the pipeline logs and counts it), never returns [].
    """
    try:
        return _detect(article, model or load_model(), region, gate)
    except Exception as exc:  # any bug in the detector: one error type, with the article named
        detail = f"{type(exc).__name__}: {exc}"
        raise SignalError(f"signal detection failed on {article.article_id}: {detail}") from exc
