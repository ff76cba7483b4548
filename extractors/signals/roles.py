"""Roles in a signal: who takes the measure (actor) and who it is aimed at (targets).

Syntax-light rules that hold across outlets: a name after a preposition of aim (on, against,
targeting, 对, 针对, 向 … 出售), a name that is the object of a restrictive verb (ban X, 将X列入, 禁止
X), a passive subject (X被制裁, X was added), a restricted shipment's destination (bound for X,
运往X) and a nationality before firms/entities (Chinese firms, 中国企业) are targets, never the actor. When the sentences name no fitting actor (or only
targets), the actor is looked for in the title, the lead, the issuing body (a Federal Register
`AGENCY:` line, 发布机构) and the dateline, in that order; with none the row has no actor.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.signals.actors import actor_of_host, find_actors
from extractors.signals.records import ActorHit

# Measures that restrict or oblige someone: their objects are targets.
RESTRICTIVE = (
    "export_control",
    "entity_list_sanction",
    "cloud_compute_kyc",
    "legislation_regulation",
    "executive_action",
)
# Types whose recipient (invest in X, 向X投资, deals with X) is the target.
RECIPIENT = ("investment_capex", "tech_diplomacy_export_promotion", "government_ai_budget")
_TARGET_KINDS = ("country", "company", "model", "government")

# Just before a name: a preposition of aim (English) or 对/针对/将/把/向 (Chinese).
_EN_AIM = re.compile(
    r"(?:\b(?:sales?|exports?|shipments?|sell|sells|selling|sold|ship|ships|shipping|shipped)\b"
    r"[\w\s-]{0,30}\bto\s+(?:the\s+)?$"
    r"|\b(?:on|against|targeting|targets|from|ban|bans|banned|banning|bar|bars|"
    r"barred|blacklist|blacklists|blacklisted|sanction|sanctions|sanctioned|restrict|restricts|"
    r"restricting|block|blocks|blocked|prohibit|prohibits|prohibited)\s+(?:the\s+|some\s+|"
    r"certain\s+|all\s+)?)$",
    re.IGNORECASE,
)
# A restrictive verb earlier in the clause makes a later name its object ("prohibited employees
# from downloading DeepSeek", "禁止政府设备使用DeepSeek").
_RESTRICT_VERB = re.compile(
    r"(?:\b(?:ban|bans|banned|banning|prohibit\w*|bar|bars|barred|block\w*|restrict\w*|"
    r"blacklist\w*|sanction\w*|curb\w*)\b[^.;:!?]{0,48}"
    r"|(?:禁止|禁用|限制|制裁|封杀|封殺|管制)[^。；：！？，,]{0,20})$",
    re.IGNORECASE,
)
# A shipment's destination ("chips bound for China", "GPUs destined for the UAE", 运往中国): where
# a restricted good goes is whom the restriction aims at.
_EN_DESTINATION = re.compile(
    r"\b(?:bound|destined|headed|diverted|re-exported|reexported)\s+(?:for|to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_EN_RECIPIENT = re.compile(r"(?:\b(?:in|into|to|with|for)\s+(?:the\s+)?)$", re.IGNORECASE)
_ZH_AIM = re.compile(
    r"(?:对于|针对|對於|針對|对|對|将|將|把|禁止|禁用|制裁|封杀|封殺|限制|出售给|出售給|卖给|賣給|出口至|出口到|"
    r"出口给|出口給|运往|運往|销往|銷往|输往|輸往)(?:所有|部分|多家|一些)?$"
)
_ZH_RECIPIENT = re.compile(r"(?:向|对|對|给|給|在|于|於|落户|落戶|进入|進入|赴|到)$")
# Right after a name: passive voice, or the name is a modifier of firms/entities.
_PASSIVE = re.compile(
    r"^\s*(?:被|遭|遭到|被列入|(?:was|were|has been|have been|is|are|had been|will be)\s+"
    r"(?:added|placed|put|blacklisted|sanctioned|banned|barred|restricted|targeted|listed|"
    r"blocked|cut off|designated))",
    re.IGNORECASE,
)
_OBJECT_NOUN = re.compile(
    r"^\s*(?:的)?(?:企业|企業|公司|实体|實體|厂商|廠商|芯片企业|芯片公司|科技公司|科技企业|客户|客戶|用户|用戶|"
    r"firms?|companies|company|entities|entity|chipmakers?|customers|users|buyers|military)",
    re.IGNORECASE,
)
_DEMONYM = re.compile(
    r"\b(Chinese|Russian|Iranian|North Korean|Belarusian|Venezuelan|Cuban|Syrian|Japanese|"
    r"Korean|Indian|Emirati|Saudi|Malaysian|Singaporean|Taiwanese|Vietnamese)\s+"
    r"(?:(?:tech|technology|chip|AI|semiconductor|state-owned|military)\s+)?"
    r"(?:firms|companies|entities|chipmakers|groups|buyers|customers|users|institutions)\b"
)
_DEMONYM_CODE = {
    "Chinese": "CN", "Russian": "RU", "Iranian": "IR", "North Korean": "KP", "Belarusian": "BY",
    "Venezuelan": "VE", "Cuban": "CU", "Syrian": "SY", "Japanese": "JP", "Korean": "KR",
    "Indian": "IN", "Emirati": "AE", "Saudi": "SA", "Malaysian": "MY", "Singaporean": "SG",
    "Taiwanese": "TW", "Vietnamese": "VN",
}  # fmt: skip
# A press release names its issuing body: Federal Register `AGENCY:` lines, 发布机构/来源.
_ISSUER = re.compile(
    r"(?im)^\s*(?:AGENCY|Agency|发布机构|發布機構|发文机关|發文機關|来源|來源)\s*[:：]\s*(.{2,120})$"
)
# A dateline: "WASHINGTON (Reuters) -", "BEIJING, Feb 12 -".
_DATELINE = re.compile(r"^\s*([A-Z][A-Z .]{2,20})(?:,|\s*\()")
_DATELINE_COUNTRY = {
    "WASHINGTON": "United States", "BEIJING": "China", "TOKYO": "Japan", "LONDON": "United Kingdom",
    "BRUSSELS": "European Union", "NEW DELHI": "India", "SEOUL": "South Korea", "PARIS": "France",
    "TAIPEI": "Taiwan", "HONG KONG": "Hong Kong", "SINGAPORE": "Singapore", "BERLIN": "Germany",
}  # fmt: skip


_PUBLIC_KINDS = ("government", "agency", "legislature", "intl_org")


@dataclass(frozen=True, slots=True)
class Roles:
    """The actor taking a measure (None if nobody is named) and the targets it is aimed at."""

    actor: ActorHit | None
    targets: tuple[str, ...]
    actor_from: str  # "sentence", "title", "lead", "issuer", "dateline" or "" (none found)


def target_code(hit: ActorHit) -> str:
    """Return how a target is written: an ISO code for a country, else the canonical name."""
    return hit.country if hit.kind == "country" and hit.country else hit.name


def _is_target(signal_type: str, text: str, hit: ActorHit, lo: int) -> bool:
    """Return whether an actor mention is the object of the sentence's measure."""
    if hit.kind not in _TARGET_KINDS:
        return False
    before = text[max(lo, hit.start - 16) : hit.start]
    after = text[hit.end : hit.end + 24]
    if _PASSIVE.match(after) and (signal_type in RESTRICTIVE or "被" in after[:3]):
        return True
    if signal_type in RESTRICTIVE:
        if _EN_AIM.search(before) or _ZH_AIM.search(before):
            return True
        wide = text[max(lo, hit.start - 64) : hit.start]
        if _EN_DESTINATION.search(wide):
            return True
        if hit.kind != "government" and _RESTRICT_VERB.search(wide):
            return True
        return hit.kind == "country" and _OBJECT_NOUN.match(after) is not None
    if signal_type in RECIPIENT and hit.kind in ("country", "company"):
        return bool(_EN_RECIPIENT.search(before) or _ZH_RECIPIENT.search(before))
    return False


def find_targets(
    signal_type: str, text: str, spans: list[tuple[int, int]], hits: list[ActorHit]
) -> list[str]:
    """Return the targets named in a row's sentences (ISO codes for countries, names otherwise)."""
    out: list[str] = []
    # The hits by start, so each span finds its own by bisection (a row merged from thousands of
    # sentences would otherwise test every hit against every span); read in the hits' own order.
    order = sorted(range(len(hits)), key=lambda i: hits[i].start)
    starts = [hits[i].start for i in order]
    for lo, hi in spans:
        for i in sorted(order[bisect_left(starts, lo) : bisect_left(starts, hi)]):
            h = hits[i]
            if _is_target(signal_type, text, h, lo):
                code = target_code(h)
                if code not in out:
                    out.append(code)
        if signal_type in RESTRICTIVE:
            for m in _DEMONYM.finditer(text, lo, hi):
                code = _DEMONYM_CODE[m.group(1)]
                if code not in out:
                    out.append(code)
    return out


# A place right before the noun it describes is an adjective, not the actor ("香港AIGC音樂平台
# Fireverse完成融資": a Hong Kong platform raised money; "a Japanese startup").
_DESCRIBED = re.compile(
    r"[^，,。；;：:！？!?\s将將向对對在为為把被与與和及宣计計拟擬要已正会會也都]{0,24}?"
    r"(?:公司|企业|企業|平台|初创|初創|集团|集團|厂商|廠商|银行|銀行|startup|start-up)"
)


def _fits(
    hit: ActorHit, kinds: tuple[str, ...], targets: list[str], text: str | None = None
) -> bool:
    """Return whether a mention can be the actor: a fitting kind, not a target, not an adjective."""
    if target_code(hit) in targets or hit.name in targets:
        return False
    if text is not None and hit.kind == "country" and _DESCRIBED.match(text, hit.end):
        return False
    if hit.kind == "country":
        return ("government" in kinds or "country" in kinds) and hit.country not in targets
    return hit.kind in kinds


def _first_fitting(
    text: str, kinds: tuple[str, ...], targets: list[str], signal_type: str
) -> ActorHit | None:
    """Return the first actor of a text that fits the kinds and is not aimed at (title, lead …)."""
    hits = find_actors(text)
    for kind in (*kinds, "country"):
        for h in hits:
            if (
                h.kind == kind
                and _fits(h, kinds, targets)
                and not _is_target(signal_type, text, h, 0)
            ):
                return h
    return None


def _lead_of(text: str) -> str:
    """Return the lead: the first paragraph of substance (at most 400 characters)."""
    for para in text.split("\n"):
        if len(para.strip()) >= 40:
            return para.strip()[:400]
    return text[:400]


# A statement in the first person plural: the page's own voice ("we urge", "our view", 我们呼吁).
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b|我们|我們")
# The first person as the one acting ("we have raised", "we'll invest", "our $X investment",
# 我们将投入): "us" is an object (X invests in us), so it is left out.
FIRST_PERSON_ACTING = re.compile(r"\b(?:[Ww]e|[Oo]ur)\b|我们|我們")


def page_voice(publishers: Sequence[str | None]) -> ActorHit | None:
    """Return the company or public body a page belongs to (its address, outlet or author names
    one: a company's own blog, a ministry's press release), else None (a newsroom names no one)."""
    for publisher in publishers:
        found = actor_of_host(publisher) if publisher else None
        if found is not None and found.kind in (*_PUBLIC_KINDS, "company"):
            return found
    return None


def _own_voice(
    text: str, spans: list[tuple[int, int]], publishers: Sequence[str | None]
) -> ActorHit | None:
    """Return the page's own body or company when the statement is in its first person."""
    if not any(_FIRST_PERSON.search(text, lo, hi) for lo, hi in spans):
        return None
    return page_voice(publishers)


def _roles(actor: ActorHit, targets: list[str], where: str) -> Roles:
    """Return the roles, without the actor's own country among the targets (no one aims at itself)."""
    return Roles(actor, tuple(t for t in targets if t != actor.country), where)


def assign_roles(
    signal_type: str,
    kinds: tuple[str, ...],
    actor: ActorHit | None,
    text: str,
    spans: list[tuple[int, int]],
    hits: list[ActorHit],
    title: str | None,
    publishers: Sequence[str | None] = (),
) -> Roles:
    """Return the actor and the targets of a row (kinds: the actor kinds the type prefers).

    The chosen actor stays unless it is a target or absent; then the sentences' other actors,
    the page's owner when the sentences speak in its first person ("we", 我们), the title, the lead, the issuing body (an `AGENCY:` line, else the page's outlet or author
    when it is a public body: a ministry's own press release) and the dateline are tried in
    that order. A statement without a speaker takes only the page's own voice (a first-person
    statement on a site whose address names a company or public body), else no actor.
    """
    targets = find_targets(signal_type, text, spans, hits)
    # A company does not impose a restriction: only the preferred kinds can be its actor.
    own = (
        (*kinds, "person") if signal_type in RESTRICTIVE else (*kinds, actor.kind if actor else "")
    )
    if actor is not None and _fits(actor, own, targets, text):
        return _roles(actor, targets, "sentence")
    if signal_type == "policy_statement":
        # The detector has looked for the speaker in the sentence; a name in the title or the lead
        # is more often the topic than the speaker: only the page's own voice is taken.
        voice = _own_voice(text, spans, publishers)
        return _roles(voice, targets, "issuer") if voice else Roles(None, tuple(targets), "")
    in_spans = [h for h in hits if any(lo <= h.start < hi for lo, hi in spans)]
    for kind in (*kinds, "country"):
        for h in in_spans:
            if h.kind == kind and _fits(h, kinds, targets, text):
                return _roles(h, targets, "sentence")
    if any(FIRST_PERSON_ACTING.search(text, lo, hi) for lo, hi in spans):
        owner = page_voice(publishers)  # "we" on a company's or ministry's own page
        if owner is not None and _fits(owner, kinds, targets):
            return _roles(owner, targets, "issuer")
    places: list[tuple[str, str]] = [("title", title or ""), ("lead", _lead_of(text))]
    issuer = _ISSUER.search(text[:3000])
    if issuer is not None:
        places.append(("issuer", issuer.group(1)))
    for where, place in places:
        found = _first_fitting(place, kinds, targets, signal_type) if place else None
        if found is not None:
            return _roles(found, targets, where)
    for publisher in publishers:  # a public body's own page (an outlet that is a newsroom is not)
        found = _first_fitting(publisher, kinds, targets, signal_type) if publisher else None
        if found is not None and found.kind in _PUBLIC_KINDS:
            return _roles(found, targets, "issuer")
    dateline = _DATELINE.match(text)
    if dateline is not None and "government" in kinds:
        name = _DATELINE_COUNTRY.get(dateline.group(1).strip())
        found = _first_fitting(name, ("government",), targets, signal_type) if name else None
        if found is not None:
            return _roles(found, targets, "dateline")
    return Roles(None, tuple(targets), "")
