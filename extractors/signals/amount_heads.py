"""What an amount is, read from its own neighbourhood: the word that governs it, the noun it
measures and the link words between them, as small structural features of the money head.

No list of roles: the words themselves become features ("h:l=revenue", "h:lk=of"), and the money
head learns from the labelled amounts which heads make a commitment (invest, raised, 投资, 融资)
and which do not (valuation, revenue, cost, 估值, 营收, 市场规模).
"""

from __future__ import annotations

import re

from extractors.signals.records import Amount

__all__ = ["head_features"]

_REACH = 64  # characters read on each side of an amount, inside its sentence
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d[\d.,]*|[^\sA-Za-z\d]")
# English words skipped between an amount and its head: qualifiers, determiners, possessives.
_SKIP = frozenset(
    "a an the its their his her our my your this that these those another additional extra "
    "about around roughly approximately nearly almost over more than less just some estimated "
    "total whopping further fresh new".split()
)
# Link words between an amount and its head, kept as a feature of their own ("revenue of X",
# "valued at X", "X in revenue", "X to build"); forms of "be" and "have" are one link each.
_LINK = frozenset(
    "of at to for in on by from with into per each as out up".split()
)
_BE = frozenset("is are was were be been being will would could may might can should".split())
_HAVE = frozenset("has have had".split())
# Chinese characters and words between an amount and its head (达到 X, 为 X, X 的 …).
_ZH_LEFT_FILLER = re.compile(
    r"(?:约为|约|近|超过|超|逾|高达|达到|达|为|至|了|共计|共|总计|合计|累计|"
    r"已经|已|将会|将|再|额外|还|以|在|是|的|每年|每月|总额|总计|可能会|可能|会|有望|或将|预计)+$"
)
_ZH_RIGHT_FILLER = re.compile(r"^(?:[（(][^）)]{0,24}[）)])?(?:的|之|以上|左右|多|余|规模的?)?")
_HAN = re.compile(r"[\u3400-\u9fff]+")
_ZH_PHRASE = re.compile(r"[\u3400-\u9fffA-Za-z0-9]{1,12}")
_ZH_PHRASE_CUT = re.compile(r"的|用于|以|来|并|和|及|，")
_EN_STOP = frozenset(
    "and or but that which who while after before since because if when where than so as "
    "to in of for on by from with at into over under per each".split()
)


def _stem(word: str) -> str:
    """Return a word's first five letters (invest, invested, investment share 'inves')."""
    return word[:5]


def _english_left(before: str) -> list[str]:
    """Return the features of the English words that govern an amount from its left."""
    words = [w.lower() for w in _WORD.findall(before)][-8:]
    links: list[str] = []
    while words and (words[-1] in _SKIP or words[-1] in _LINK or words[-1] in _BE
                     or words[-1] in _HAVE):
        w = words.pop()
        if w in _LINK:
            links.append(w)
        elif w in _BE:
            links.append("be")
        elif w in _HAVE:
            links.append("have")
    link = "+".join(reversed(links)) or "none"
    if not words or not words[-1][0].isalpha():
        return []  # a list item or a heading: no governing word
    return ["h:lk=" + link, "h:l=" + _stem(words[-1])]


def _english_right(after: str) -> list[str]:
    """Return the features of the English words an amount measures on its right."""
    after = re.sub(r"^\s*[(（][^)）]{0,40}[)）]", "", after)  # a conversion in brackets
    words = [w.lower() for w in _WORD.findall(after)][:10]
    link = "none"
    if words and (words[0] in _LINK or words[0] in ("a", "an")):
        link = words.pop(0)
    while words and words[0] in _SKIP:
        words.pop(0)
    phrase: list[str] = []
    for w in words[:6]:
        if not w[0].isalpha() or w in _EN_STOP or w in _BE or w in _HAVE:
            break
        phrase.append(w)
    if not phrase:
        return []
    return ["h:rk=" + link, "h:r=" + _stem(phrase[0]), "h:rh=" + _stem(phrase[-1])]


def _chinese_left(before: str) -> list[str]:
    """Return the features of the Chinese word that governs an amount from its left."""
    before = before.rstrip()
    filler = _ZH_LEFT_FILLER.search(before)
    link = filler.group(0) if filler is not None else ""
    head = before[: len(before) - len(link)]
    han = _HAN.search(head[-2:]) if head else None
    if han is None or not head.endswith(han.group(0)):
        return []
    return ["h:zlk=" + (link[-2:] if link else "none"), "h:zl=" + head[-2:]]


def _chinese_right(after: str) -> list[str]:
    """Return the features of the Chinese noun an amount measures on its right: the first word
    after it and the head (last two characters) of its phrase."""
    filler = _ZH_RIGHT_FILLER.match(after)
    link = filler.group(0) if filler is not None else ""
    rest = after[len(link) :]
    out = ["h:zrk=" + ("的" if "的" in link else "none")]
    phrase = _ZH_PHRASE.match(rest)
    first = _HAN.search(phrase.group(0)) if phrase is not None else None
    if phrase is None or first is None:
        return []
    text = phrase.group(0)
    cut = _ZH_PHRASE_CUT.search(text, first.start() + 2)
    text = text[: cut.start()] if cut is not None else text
    return [*out, "h:zr=" + first.group(0)[:2], "h:zrh=" + text[-2:]]


def head_features(text: str, amount: Amount, lo: int, hi: int) -> list[str]:
    """Return the head features of an amount in its sentence text[lo:hi]: the governing word and
    link on its left, the measured noun and link on its right, read in the script around it."""
    before = text[max(lo, amount.start - _REACH) : amount.start]
    after = text[amount.end : min(hi, amount.end + _REACH)]
    if _HAN.search(before[-3:]) or _HAN.search(after[:3]):
        return _chinese_left(before) + _chinese_right(after)
    return _english_left(before) + _english_right(after)
