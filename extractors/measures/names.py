"""Find measure mentions in a Simplified match text: titles in 《》 / 「」 / quotes, capitalised English titles, numbered orders."""

from __future__ import annotations

import re

from extractors.measures.english import (
    EN_KINDS,
    NOT_TITLE,
    WEAK_LEAD,
    Mention,
    acronym_heads,
    aliases,
    decap,
    en_kind,
    named_titles,
)
from extractors.measures.topic import about_ai

# Chinese title words that make a bracketed title a policy instrument, with the kind they imply.
# Checked against the end of the title (longest first), after a draft marker is removed.
_ZH_KINDS: tuple[tuple[str, str], ...] = (
    ("实体清单", "sanctions_listing"),
    ("行政命令", "executive_order"),
    ("行政令", "executive_order"),
    ("总统令", "executive_order"),
    ("法案", "law"),
    ("基本法", "law"),
    ("法", "law"),
    ("条例", "law"),
    ("规定", "rule"),
    ("规范", "guideline"),
    ("办法", "rule"),
    ("规则", "rule"),
    ("细则", "rule"),
    ("措施", "rule"),
    ("通知", "rule"),
    ("决定", "rule"),
    ("公约", "treaty"),
    ("条约", "treaty"),
    ("协定", "treaty"),
    ("宣言", "treaty"),
    ("声明", "treaty"),
    ("基金", "funding_programme"),
    ("计划", "plan"),
    ("规划", "plan"),
    ("方案", "plan"),
    ("纲要", "plan"),
    ("战略", "plan"),
    ("意见", "plan"),
    ("行动", "plan"),
    ("倡议", "plan"),
    ("指引", "guideline"),
    ("指南", "guideline"),
    ("准则", "guideline"),
    ("框架", "guideline"),
    ("标准", "guideline"),
)
_DRAFT_ZH = re.compile(r"[（(]?(?:草案|征求意见稿|意见稿|送审稿|草稿)[)）]?$")
# A trailing period or version after the title word (（2021—2023年）, （试行）, 2.0版, 1.0): not part
# of what the instrument is, so the kind is read from the title without it.
_SUFFIX_ZH = re.compile(
    r"(?:[（(][^（）()]{1,16}[)）]|(?<=[\u4e00-\u9fff])[vV]?\d+(?:\.\d+)*版?|[（(]?\d{4}年?版[)）]?)$"
)
# The title word right after the closing bracket: 《…》系列国家标准, 《…》行业规范.
_AFTER_ZH = re.compile(
    r"(?:系列)?(?:国家|行业|团体|地方|强制性|推荐性)?(标准|规范|指南|办法|规定|条例)"
)
# A Chinese treaty or bill named without brackets: a run of Han characters ending in 协定 / 公约 /
# 条约 / 宣言 / 法案, cut on the left at punctuation or a clause word, with an AI term in it.
_BARE_HEADS = ("协定", "公约", "条约", "宣言", "法案")
_BARE_ZH = re.compile(r"[\u4e00-\u9fff]{4,24}?(?:协定|公约|条约|宣言|法案)")
_BARE_CUT = re.compile(
    r".*(?:祝贺|签署|签订|通过|发布|发表|加入|批准|缔结|推动|达成|围绕|根据|依据|落实|实施|关于|"
    r"就|在|与|和|及|的|了|是|为|对|将|把|被|由)"
)
_JURIS_ZH = re.compile(
    r"^(?:欧盟|美国|中国|我国|日本|韩国|英国|台湾|香港|澳门|新加坡|印度|加州|联合国)"
)
_ZH_TITLE = re.compile(r"《([^《》\n]{2,60})》|「([^「」\n]{2,40})」|“([^“”\n]{2,30})”")
# Plain quotes mark many phrases; only these heads make a quoted phrase an instrument name.
_QUOTED_HEADS = ("法", "法案", "条例", "规定", "办法", "规则", "清单", "行政令", "行政命令", "公约")
# A capitalised English title: optional "the", up to ten title-case words (small joiners allowed), a head word.
_CAP = r"(?:[A-Z][A-Za-z0-9.'’+\-]*|[a-z][A-Z][A-Za-z]+|AI|U\.S\.)"
_JOIN = r"(?:and|for|of|on|the|to|in|&|de)"
_HEADS = "|".join(sorted((h.title() for h in EN_KINDS), key=len, reverse=True))
# An abbreviation in brackets inside a title ("Artificial Intelligence (AI) Strategic Plan"): part
# of the span, not of the name.
_ABBR = r"\([A-Z][A-Za-z0-9/&.\-]{0,11}\)"
_EN_TITLE = re.compile(
    rf"(?<![A-Za-z])(?:{_CAP}\s+)(?:(?:{_CAP}|{_JOIN}|{_ABBR})\s+){{0,11}}(?:{_HEADS})(?![A-Za-z])"
)
# A title whose head comes first: "Framework for Artificial Intelligence Diffusion", "Regulation on ...".
_CALENDAR = (
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
_HEAD_FIRST = re.compile(
    rf"(?<![A-Za-z])(Framework|Regulation|Directive|Convention|Declaration|Act|Strategy|Plan) "
    rf"(?:for|on|of) (?:{_CALENDAR}{_CAP}(?: |$|(?=[,.;:)]))|(?:and|of|the|for) )*{_CALENDAR}{_CAP}"
)
_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_EO = re.compile(
    r"(?:Executive Order(?:\s*\((?:EO|E\.O\.)\))?|EO|E\.O\.)\s*(?:No\.?\s*|#\s*)?(?P<en>1[0-9]{4})(?!\d)"
    rf"(?: of (?P<of>(?:{_MONTH_NAMES}) \d{{1,2}}, \d{{4}}))?"
    r"|第?\s*(?P<zh>1[0-9]{4})\s*号(?:总统)?行政(?:命)?令"
)
_INSTRUMENT_WORDS = re.compile(r"[A-Za-z]{2,}")
# A capitalised verb opening a heading or bullet ("Revokes the Biden AI Executive Order") is no
# part of the name when an article follows it.
_LEAD_VERB = re.compile(r"[A-Z][a-z]+(?:s|ed)$")
# A name opening with a body's noun is the body ("Office of Partnership and Engagement").
_BODIES = {"office", "department", "bureau", "agency", "ministry", "committee", "council"}
# An order named by its quoted title: Executive order (of January 19, 2021,) (on) "Title".
_EO_TITLE = re.compile(
    r"Executive [Oo]rder (?:of (?P<dated>[A-Z][a-z]+ \d{1,2}, \d{4}),? )?(?:on )?[“\"(]"
    r"(?:[Tt]he )?([A-Z][^”\")]{10,140}?),?[”\")]"
)


def zh_kind(title: str) -> str | None:
    """Return the kind a Chinese title's last words imply, or None when it names no instrument."""
    for head, kind in sorted(_ZH_KINDS, key=lambda x: -len(x[0])):
        if title.endswith(head):
            return kind
    return None


def _zh_mentions(text: str) -> list[Mention]:
    """Return the bracketed Chinese titles that name an instrument (a title word at the end)."""
    found: list[Mention] = []
    for m in _ZH_TITLE.finditer(text):
        raw = next(g for g in m.groups() if g is not None).strip()
        if m.group(3) is not None and not raw.endswith(_QUOTED_HEADS):
            continue
        title = _DRAFT_ZH.sub("", raw).strip()
        draft = title != raw or text.startswith(
            ("草案", "（草案）", "(草案)", "征求意见稿"), m.end()
        )
        if _INSTRUMENT_WORDS.fullmatch(title):
            continue
        kind = zh_kind(title) or zh_kind(_SUFFIX_ZH.sub("", title))
        if kind is None and title.isascii():
            kind = en_kind(title)
        after = _AFTER_ZH.match(text, m.end()) if m.group(1) is not None else None
        if kind is None and after is not None:
            kind = zh_kind(after.group(1))
        if kind is None or len(title) < 3:
            continue
        lang = "en" if title.isascii() else "zh"
        found.append(Mention(m.group(), title, lang, kind, m.start(), m.end(), draft))
    return found


def _bare_zh_mentions(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Return Chinese treaties and bills named without brackets (世界人工智能合作组织协定签署)."""
    found: list[Mention] = []
    for m in _BARE_ZH.finditer(text):
        if any(lo < m.end() and m.start() < hi for lo, hi in taken):
            continue
        run = m.group()
        cut = _BARE_CUT.match(run[:-2])
        name = run[cut.end() :] if cut else run
        start = m.end() - len(name)
        if len(name) < 6 or not about_ai(name) or (start and text[start - 1] in "《「“"):
            continue
        found.append(Mention(name, name, "zh", zh_kind(name) or "treaty", start, m.end()))
    return found


def _en_mentions(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Return capitalised English titles outside the spans already taken."""
    found: list[Mention] = []
    for m in _EN_TITLE.finditer(text):
        if any(lo < m.end() and m.start() < hi for lo, hi in taken):
            continue
        words = m.group().split()
        if len(words) > 2 and _LEAD_VERB.match(words[0]) and words[1].lower() in WEAK_LEAD:
            words.pop(0)
        while words and words[0].lower() in WEAK_LEAD:
            words.pop(0)
        title = " ".join(words)
        kind = en_kind(title)
        if kind is None or len(words) < 2 or title.lower() in NOT_TITLE:
            continue
        if words[0].lower() in _BODIES:
            continue
        start = m.end() - len(title)
        draft = bool(re.search(r"\b(?:draft|proposed)\s+$", text[max(0, start - 12) : start], re.I))
        name = re.sub(rf"\s*{_ABBR}", "", title)
        found.append(Mention(title, name, "en", kind, start, m.end(), draft))
    return found


def _head_first(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Return head-first English titles ('Framework for Artificial Intelligence Diffusion')."""
    found: list[Mention] = []
    for m in _HEAD_FIRST.finditer(text):
        if any(lo < m.end() and m.start() < hi for lo, hi in taken):
            continue
        title = m.group().strip().rstrip(".'’")  # a sentence's full stop is no part of it
        kind = en_kind(m.group(1))
        if kind is not None and len(title.split()) >= 3:
            found.append(Mention(title, title, "en", kind, m.start(), m.start() + len(title)))
    return found


def _eo_mentions(text: str) -> list[Mention]:
    """Return numbered executive orders (Executive Order 14179, 第14179号行政令) and quoted-title ones."""
    out: list[Mention] = []
    for m in _EO_TITLE.finditer(text):
        title = m.group(2).strip()
        out.append(
            Mention(m.group(), title, "en", "executive_order", m.start(), m.end(), dated=m["dated"])
        )
    for m in _EO.finditer(text):
        number = m.group("en") or m.group("zh")
        lang = "en" if m.group("en") else "zh"
        # "Executive Order 14110 of October 30, 2023": the date is the order's own (its signing).
        name = text[m.start() : m.start("of") - 4] if m["of"] else m.group()
        out.append(
            Mention(
                m.group(),
                name,
                lang,
                "executive_order",
                m.start(),
                m.end(),
                number=number,
                dated=m["of"],
            )
        )
    return out


def find_mentions(text: str) -> list[Mention]:
    """Return every measure mention of a Simplified match text, in order, without overlaps.

    Headings in capitals are read in title case (the offsets are the text's own).
    """
    text = decap(text)
    eos = _eo_mentions(text)
    eos += [
        t for t in named_titles(text) if not any(e.start < t.end and t.start < e.end for e in eos)
    ]
    zh = [
        z for z in _zh_mentions(text) if not any(e.start < z.end and z.start < e.end for e in eos)
    ]
    taken = [(x.start, x.end) for x in (*eos, *zh)]
    bare = _bare_zh_mentions(text, taken)
    taken += [(x.start, x.end) for x in bare]
    heads = _head_first(text, taken)
    taken += [(x.start, x.end) for x in heads]
    english = _en_mentions(text, taken)
    taken += [(x.start, x.end) for x in english]
    found = [*eos, *zh, *bare, *heads, *english, *acronym_heads(text, taken)]
    found += [
        a
        for a in aliases(text, found)
        if not any(f.start < a.end and a.start < f.end for f in found)
    ]
    return sorted(found, key=lambda x: x.start)


def strip_jurisdiction(title: str) -> str:
    """Return a Chinese title without a leading place name (欧盟人工智能法 -> 人工智能法)."""
    stripped = _JURIS_ZH.sub("", title)
    return stripped if len(stripped) >= 3 else title
