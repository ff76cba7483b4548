"""Where an article is read: the source's region, and what a bare 元, $ or ¥ means there."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.language import detect_script
from extractors.urlhost import host_of

# IANA zones of the outlets we read, to the region whose money words they use.
_REGION_BY_ZONE = {
    "Asia/Hong_Kong": "HK",
    "Asia/Macau": "MO",
    "Asia/Taipei": "TW",
    "Asia/Shanghai": "CN",
    "Asia/Chongqing": "CN",
    "Asia/Harbin": "CN",
    "Asia/Urumqi": "CN",
    "PRC": "CN",
    "Asia/Tokyo": "JP",
    "Japan": "JP",
    "Asia/Singapore": "SG",
    "Asia/Seoul": "KR",
    "Asia/Kolkata": "IN",
    "Asia/Calcutta": "IN",
}
# Country-code top-level domains (a URL is more specific than a zone: a desk may sit elsewhere).
_REGION_BY_TLD = {"hk": "HK", "mo": "MO", "tw": "TW", "cn": "CN", "jp": "JP", "sg": "SG"}


def region_of(
    timezone: str | None, url: str | None = None, language: str | None = None
) -> str | None:
    """Return the region an outlet writes for: its URL's country domain, its zone, else its script."""
    host = host_of(url) if url and "//" in url else None
    if host:
        region = _REGION_BY_TLD.get(host.rsplit(".", 1)[-1].lower())
        if region is not None:
            return region
    if timezone:
        region = _REGION_BY_ZONE.get(timezone)
        if region is None and timezone.startswith("Australia/"):
            region = "AU"
        if region is not None:
            return region
    return "CN" if language == "zh-Hans" else None


# A bare 元 (and a bare $ in Chinese-language text) is the local currency of these regions.
_LOCAL_YUAN = {"HK": "HKD", "TW": "TWD", "CN": "CNY", "MO": "MOP"}
_LOCAL_DOLLAR = {"HK": "HKD", "TW": "TWD", "MO": "MOP"}
# Words that name a currency explicitly (Simplified and Traditional; the match text is Simplified).
_NAMES = {
    "CNY": ("人民币", "人民幣", "人币", "人幣", "RMB"),
    "HKD": ("港元", "港币", "港幣", "HK$"),
    "TWD": ("新台币", "新台幣", "台币", "台幣", "NT$"),
    "MOP": ("澳门元", "澳門元", "澳门币", "澳門幣", "MOP"),
    "USD": ("美元", "美金"),
}
# Government bodies of one place: a bare 元 in a sentence about them is that place's currency.
_JURISDICTION = {
    "HKD": re.compile(
        r"香港特区|香港特區|港府|(?<!澳门)(?<!澳門)特区政府|(?<!澳门)(?<!澳門)特區政府|香港政府|"
        r"财政司|財政司|立法会|立法會"
    ),
    "TWD": re.compile(r"行政院|立法院|国科会|國科會|台湾当局|台灣當局|台湾政府|台灣政府"),
    "MOP": re.compile(r"澳门特区|澳門特區|澳门政府|澳門政府"),
    "CNY": re.compile(
        r"国务院|國務院|发改委|發改委|工信部|中央政府|内地|內地|中国大陆|中國大陸|大陆|大陸"
    ),
}
# Where a Traditional-script text without a known source region is written: the three places
# that write Traditional characters. A place's name is a cue only in the amount's own sentence
# (a Hong Kong report of exports to Taiwan is no Taiwan text) ...
_HANT_PLACES = {
    "HKD": re.compile(r"香港|九龙|九龍|新界"),
    "TWD": re.compile(r"台湾|台灣|臺灣|臺北|(?<!平)台北|高雄"),
    "MOP": re.compile(r"澳门|澳門"),
}
# ... while its government bodies and the local press's words for "here" are cues anywhere.
_HANT_BODIES = {
    "HKD": re.compile(
        r"港府|特区政府|特區政府|立法会|立法會|财政司|財政司|行政长官|行政長官|特首|创科局|創科局|"
        r"创新科技及工业局|創新科技及工業局|数码港|數碼港|科学园|科學園|金管局|本港|全港"
    ),
    "TWD": re.compile(
        r"行政院|立法院|国科会|國科會|国发会|國發會|数位发展部|數位發展部|总统府|總統府|经济部|經濟部"
    ),
    "MOP": re.compile(r"澳门特区|澳門特區|澳门政府|澳門政府|本澳|全澳"),
}
_LOCAL_CODES = ("CNY", "HKD", "TWD", "MOP")
# "(美元‧下同)": the currency of this and every later bare 元.
_DECLARED = re.compile(
    r"[（(]\s*(人民币|人民幣|港元|港币|港幣|美元|新台币|新台幣|日元|日圆|日圓|欧元|歐元|澳门元|澳門元)"
    r"[^）)]{0,3}下同\s*[）)]"
)
_DECLARED_CODE = {
    "人民币": "CNY", "人民幣": "CNY", "港元": "HKD", "港币": "HKD", "港幣": "HKD", "美元": "USD",
    "新台币": "TWD", "新台幣": "TWD", "日元": "JPY", "日圆": "JPY", "日圓": "JPY", "欧元": "EUR",
    "歐元": "EUR", "澳门元": "MOP", "澳門元": "MOP",
}  # fmt: skip


_CJK = re.compile(r"[\u4e00-\u9fff]")
_SIDE = 80  # characters of an amount's sentence read on each side
_NEAR_LEFT = 40  # characters of a bare 元's clause read before it
_SENTENCE_MARKS = "。！？!?\n；;"
_CLAUSE_MARKS = "，," + _SENTENCE_MARKS


@dataclass(frozen=True, slots=True)
class MoneyPlace:
    """What bare currency marks mean in one text: 元, $ and ¥ by region or by the text itself,
    declarations, jurisdictions (None: the text does not say, and the currency stays unresolved)."""

    region: str | None
    yuan: str | None
    dollar: str | None
    declared: tuple[tuple[int, str], ...] = ()
    yen: str | None = None

    def bare_yuan(self, text: str, start: int, end: int) -> str | None:
        """Return the currency of a bare 元 at [start, end): declared, by jurisdiction, else local."""
        for pos, code in reversed(self.declared):
            if pos <= end + 12:
                return code
        lo, hi = _around(text, start, end, _SENTENCE_MARKS, _SIDE)
        clause = text[lo:start] + " " + text[end:hi]
        near_lo, near_hi = _around(text, start, end, _CLAUSE_MARKS, _NEAR_LEFT)
        near = text[near_lo:near_hi]
        if self.yuan != "CNY" and any(w in near for w in _NAMES["CNY"]):
            return "CNY"
        if self.region in (None, "CN", "HK", "TW", "MO"):
            for code, pattern in _JURISDICTION.items():
                if pattern.search(near):
                    return code
            for code, pattern in _JURISDICTION.items():
                if code != self.yuan and pattern.search(clause):
                    return code
        if self.yuan is None:
            return _one_place(clause, _HANT_PLACES)
        return self.yuan

    def bare_dollar(self, text: str, start: int, end: int) -> str | None:
        """Return the currency of a bare $: the local dollar in Chinese-language text, else USD.

        (An English headline quoted by a Taiwan outlet, "Alphabet boosts AI investment to $75B",
        is in US dollars.)
        """
        near = text[max(0, start - 12) : end + 12]
        if not _CJK.search(near):
            return "USD"
        if self.dollar is None and self.yuan is None:
            return _one_place(_sentence(text, start, end), _HANT_PLACES)
        return self.dollar


def _around(text: str, start: int, end: int, marks: str, left: int) -> tuple[int, int]:
    """Return the span around [start, end) out to the nearest marks, at most left characters
    before it and _SIDE after it (no search reads further: a table of amounts without
    punctuation costs a window each, not the table)."""
    back, far = max(0, start - left), end + _SIDE
    lo = max(back, max(text.rfind(c, back, start) for c in marks) + 1)
    ends = [i for i in (text.find(c, end, far) for c in marks) if i >= 0]
    return lo, min(ends, default=far)


def _sentence(text: str, start: int, end: int) -> str:
    """Return the sentence around [start, end), at most _SIDE characters on each side."""
    lo, hi = _around(text, start, end, _SENTENCE_MARKS, _SIDE)
    return text[lo:hi]


def _named_locals(text: str) -> set[str]:
    """Return the Chinese-region currencies (CNY, HKD, TWD, MOP) a text names explicitly."""
    return {code for code in _LOCAL_CODES if any(w in text for w in _NAMES[code])}


def _one_place(text: str, cues: dict[str, re.Pattern[str]]) -> str | None:
    """Return the currency of the one Traditional-script place (HK, TW, MO) with cues in a text."""
    named = [code for code, pattern in cues.items() if pattern.search(text)]
    return named[0] if len(named) == 1 else None


def place_money(text: str, region: str | None, script: str | None = None) -> MoneyPlace:
    """Return how a text's bare 元, $ and ¥ read: the region's currency unless the text says
    otherwise; with no region, what the text itself settles (script: the article's, zh-Hans or
    zh-Hant, when the text given is a Simplified rendering of it).

    A Hong Kong or Taiwan text that names 人民币 and never its own currency speaks of mainland
    money, so its bare 元 is CNY. With no region, a Simplified text is mainland (元 CNY, $ USD);
    a Traditional one uses the one Chinese-region currency it names, else that of the one place
    among Hong Kong, Taiwan and Macau it names; else nothing is settled.
    """
    declared = tuple((m.start(), _DECLARED_CODE[m.group(1)]) for m in _DECLARED.finditer(text))
    if region is not None:
        yuan = _LOCAL_YUAN.get(region, "CNY")
        dollar = _LOCAL_DOLLAR.get(region, "USD")
        says_cny = any(w in text for w in _NAMES["CNY"])
        if yuan != "CNY" and says_cny and not any(w in text for w in _NAMES[yuan]):
            yuan = "CNY"
        return MoneyPlace(region, yuan, dollar, declared, yen_default(region))
    if not _CJK.search(text):
        return MoneyPlace(None, None, "USD", declared)
    if (script or detect_script(text)) == "zh-Hans":
        return MoneyPlace(None, "CNY", "USD", declared, "CNY")
    named = _named_locals(text)
    local = named.pop() if len(named) == 1 else _one_place(text, _HANT_BODIES)
    return MoneyPlace(None, local, None if local == "CNY" else local, declared)


Script = str | Callable[[], str] | None  # an article's script, or how to find it when asked


class LazyPlace:
    """place_money of a text, computed on the first bare 元, $ or ¥ that needs it."""

    # Most texts have no bare mark to read, and then neither the place nor the article's script
    # (an OpenCC pass) is needed.

    __slots__ = ("_place", "_region", "_script", "_text")

    def __init__(self, text: str, region: str | None, script: Script = None) -> None:
        self._text, self._region, self._script = text, region, script
        self._place: MoneyPlace | None = None

    def get(self) -> MoneyPlace:
        """Return the place (place_money of the text, region and script), computed once."""
        if self._place is None:
            script = self._script() if callable(self._script) else self._script
            self._place = place_money(self._text, self._region, script)
        return self._place

    @property
    def yen(self) -> str | None:
        """Return MoneyPlace.yen."""
        return self.get().yen

    def bare_yuan(self, text: str, start: int, end: int) -> str | None:
        """Return MoneyPlace.bare_yuan."""
        return self.get().bare_yuan(text, start, end)

    def bare_dollar(self, text: str, start: int, end: int) -> str | None:
        """Return MoneyPlace.bare_dollar."""
        return self.get().bare_dollar(text, start, end)


def yen_default(region: str | None) -> str | None:
    """Return the currency of ¥ when its context is even: JPY in Japan, CNY in Chinese regions."""
    if region == "JP":
        return "JPY"
    if region in ("CN", "HK", "TW", "MO"):
        return "CNY"
    return None
