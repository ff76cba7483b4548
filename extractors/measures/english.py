"""English instrument names: heads and kinds, titles an instrument noun introduces, acronyms,
appositives, headings in capitals."""

from __future__ import annotations

import re
from dataclasses import dataclass

# English title heads, with the kind they imply (the title ends with one of them).
EN_KINDS: dict[str, str] = {
    "act": "law",
    "law": "law",
    "bill": "law",
    "rule": "rule",
    "rules": "rule",
    "regulation": "rule",
    "regulations": "rule",
    "directive": "rule",
    "measures": "rule",
    "provisions": "rule",
    "order": "executive_order",
    "plan": "plan",
    "roadmap": "plan",
    "strategy": "plan",
    "initiative": "plan",
    "partnership": "plan",
    "memorandum": "guideline",
    "agreement": "treaty",
    "program": "funding_programme",
    "programme": "funding_programme",
    "fund": "funding_programme",
    "convention": "treaty",
    "treaty": "treaty",
    "declaration": "treaty",
    "accord": "treaty",
    "framework": "guideline",
    "guidelines": "guideline",
    "guidance": "guideline",
    "code of practice": "guideline",
    "list": "sanctions_listing",
}

# A generic head alone is not a name ("the Plan", "An Order"); nor are these leading words.
WEAK_LEAD = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "new", "under"}
NOT_TITLE = {"supreme court", "white house", "executive order", "executive orders"}

# A title-case run: capitalised words with small joiners and commas between them ("Safe, Secure,
# and Trustworthy Development and Use of Artificial Intelligence").
_TITLE_RUN = (
    r"[A-Z][\w'’/\-]*(?:,?\s+(?:(?:and|of|the|for|on|in|to|a|an|by|with|through|from|&)\s+)*"
    r"(?:[A-Z][\w'’/\-]*|\d[\w\-]*))*"
)
# An instrument noun and the title it is given: quoted ('the draft guidance entitled "…"', 'a
# Memorandum to agencies, "…"'), or title-case after titled / entitled / on ('the Executive order
# on Safe, Secure, …', 'the Memorandum titled Advancing …'). The noun gives the kind.
_NOUN_KINDS = {
    "executive order": "executive_order",
    "guidance": "guideline",
    "guidelines": "guideline",
    "memorandum": "guideline",
    "memo": "guideline",
    "framework": "guideline",
    "plan": "plan",
    "strategy": "plan",
    "roadmap": "plan",
    "rule": "rule",
    "regulation": "rule",
    "directive": "rule",
}
_NOUNS = "|".join(sorted(_NOUN_KINDS, key=len, reverse=True))
_QUOTED_TITLE = re.compile(
    rf"(?P<draft>\b(?i:draft)\s+)?\b(?P<noun>(?i:{_NOUNS}))\b[^“”\"\n.;]{{0,80}}?[“\"]"
    r"(?:[Tt]he\s+)?(?P<title>[A-Z][^”\"\n]{6,160}?)[,.]?[”\"]"
)
_TITLED = re.compile(
    rf"(?P<draft>\b(?i:draft)\s+)?\b(?P<noun>(?i:{_NOUNS}))\s+"
    rf"(?:(?:entitled|titled|called|named)\s+(?:the\s+)?|on\s+(?=[A-Z]))(?P<title>{_TITLE_RUN})"
)
# An acronym named with a lower-case head ("the U.S.-India TRUST initiative", "the CHIPS program").
_ACRONYM_HEAD = re.compile(
    r"(?<![\w.])(?P<lead>(?:[A-Z][\w.’'\-]*[ \t]+){0,3}?)[“\"]?(?P<acronym>[A-Z][A-Z0-9]{2,}"
    r"(?:-[A-Z0-9]+)*)[”\"]?(?:\s*\([^()\n]{3,100}\))?\s+"
    r"(?P<head>initiative|act|plan|program|programme|framework|strategy|partnership|roadmap|"
    r"agreement|rule|memorandum|fund)\b"
)
_GENERIC_ACRONYMS = {"USA", "NATO", "OECD"}  # places and bodies, not instruments
# A numbered order followed by its title as an appositive (Executive Order 14110, Safe, …, directed).
_EO_APPOSITIVE = re.compile(
    rf"(?:,\s+|\s*\()(?:[Tt]he\s+)?[“\"]?(?P<title>{_TITLE_RUN})[”\"]?(?=\s*[,;.)])"
)
# A name in brackets right after another ("Executive Order 14110 (the Biden AI order)").
_BRACKET_ALIAS = re.compile(
    r"\s*\((?:[Tt]he\s+)?(?P<title>[A-Z][\w.’'\-]*(?:\s+[\w.’'\-]+){0,5}?\s+"
    r"(?i:order|act|plan|rule|initiative|strategy|framework|memorandum|guidance))\)"
)


def _title_case(title: str) -> bool:
    """Return whether most longer words of a phrase are capitalised (a title, not a quoted remark)."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’\-]*", title) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


@dataclass(frozen=True, slots=True)
class Mention:
    """One measure mention in the match text: its surface, language, kind, draft marker and span."""

    surface: str
    name: str
    lang: str
    kind: str
    start: int
    end: int
    draft: bool = False
    number: str | None = None
    dated: str | None = None  # the date phrase an order is named with (Executive order of ...)


def en_kind(title: str) -> str | None:
    """Return the kind an English title's head word implies, or None."""
    low = title.lower()
    for head in sorted(EN_KINDS, key=len, reverse=True):
        if low.endswith(" " + head) or low == head:
            return EN_KINDS[head]
    return None


def named_titles(text: str) -> list[Mention]:
    """Return titles an instrument noun introduces (the draft guidance entitled "…", Memorandum titled …)."""
    out: list[Mention] = []
    for regex in (_QUOTED_TITLE, _TITLED):
        for m in regex.finditer(text):
            title = m["title"].strip().rstrip(",.")
            if len(title.split()) < 2 or not _title_case(title):
                continue
            if any(o.start < m.end("title") and m.start("title") < o.end for o in out):
                continue
            kind = _NOUN_KINDS[m["noun"].lower()]
            draft = m["draft"] is not None
            start = m.start("title")
            out.append(Mention(title, title, "en", kind, start, start + len(title), draft))
    return out


def acronym_heads(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Return instruments named by an acronym and a lower-case head ("the TRUST initiative")."""
    out: list[Mention] = []
    for m in _ACRONYM_HEAD.finditer(text):
        if any(lo < m.end() and m.start() < hi for lo, hi in taken):
            continue
        words = m["lead"].split()
        while words and words[0].lower() in WEAK_LEAD:
            words.pop(0)
        if m["acronym"] in _GENERIC_ACRONYMS:
            continue
        # The name without the expansion in brackets: "U.S.-India TRUST (“…”) initiative".
        name = " ".join([*words, m["acronym"], m["head"]])
        kind = en_kind(name)
        start = m.start("acronym") if not words else m.start("lead") + m["lead"].index(words[0])
        if kind is not None:
            out.append(Mention(m.group()[start - m.start() :], name, "en", kind, start, m.end()))
    return out


def aliases(text: str, mentions: list[Mention]) -> list[Mention]:
    """Return the names given right after a numbered order or in brackets after a name (appositives)."""
    out: list[Mention] = []
    for x in mentions:
        if x.lang != "en":
            continue
        m = _EO_APPOSITIVE.match(text, x.end) if x.number is not None else None
        if m is None or len(m["title"].split()) < 3:
            m = _BRACKET_ALIAS.match(text, x.end)
        if m is None:
            continue
        title = m["title"].strip()
        kind = en_kind(title) or x.kind
        if title.lower() not in NOT_TITLE:
            out.append(Mention(title, title, "en", kind, m.start("title"), m.end("title")))
    return out


# A heading in capitals: three or more upper-case words in a row ("NATIONAL AI STRATEGY ACT").
_CAPS_RUN = re.compile(r"\b[A-Z][A-Z.’'\-]*(?:[ \t]+[A-Z][A-Z.’'\-]*){2,}\b")
_SMALL = {"AND", "OF", "FOR", "ON", "THE", "TO", "IN", "BY", "WITH", "A", "AN"}


def _title_cased(word: str, first: bool) -> str:
    """Return one word of a capitals heading in title case (joiners low, short acronyms kept)."""
    if word in _SMALL and not first:
        return word.lower()
    return word if len(word) <= 3 else word[0] + word[1:].lower()


def decap(text: str) -> str:
    """Return the text with headings in capitals in title case (same length, same offsets)."""

    def fix(m: re.Match[str]) -> str:
        parts = re.split(r"([ \t]+)", m.group())
        return "".join(p if p.isspace() else _title_cased(p, i == 0) for i, p in enumerate(parts))

    return _CAPS_RUN.sub(fix, text)
