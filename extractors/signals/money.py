"""Money parser: Arabic and Chinese numerals, scales, currencies, ranges and qualifiers."""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal, InvalidOperation

from extractors.signals.money_windows import find_windows
from extractors.signals.places import LazyPlace, MoneyPlace, Script
from extractors.signals.records import Amount
from extractors.signals.trie import build_trie_pattern

# Literal tables and the scanner stay packed as written (the formatter would triple their length).
# fmt: off
_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_SCALE_ZH = {
    "十": 10, "百": 100, "千": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12,
}
_SCALE_EN = {
    "trillion": 10**12, "tn": 10**12, "t": 10**12, "billion": 10**9, "bn": 10**9, "b": 10**9,
    "million": 10**6, "mn": 10**6, "m": 10**6, "thousand": 10**3, "k": 10**3,
    "crore": 10**7, "crores": 10**7, "lakh": 10**5, "lakhs": 10**5,
    "trln": 10**12, "bln": 10**9, "mln": 10**6,  # wire-service abbreviations ("$40 bln")
}

# Thousands grouped by commas, or by two or more dots ("12.000.000": one dot is a decimal point).
_NUM = r"\d{1,3}(?:\.\d{3}){2,}(?!\.?\d)|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CNUM = r"[零〇一二两兩三四五六七八九十拾百佰千仟]+"
# 兆 is 10^12 in money (Taiwan's 1兆 = 1万亿); it takes no 千 before it (千兆 is gigabit).
_ZSCALE = r"[十百千]?(?:万亿|萬億|亿|億|万|萬)|兆|千"
_ESCALE = r"trillion|billion|million|thousand|crores?|lakhs?|trln|bln|mln|tn|bn|mn"
# A scale word or letter ends where no Latin letter follows: "$4B打造", "$514 billion的" (a Chinese
# character after it is a word character, so a word boundary would not end it there).
_SCALE_END = r"(?![A-Za-z])"
_SUFFIX_CUR = {
    "元美金": "USD", "元美元": "USD", "美元": "USD", "美金": "USD", "元人民币": "CNY", "元人民幣": "CNY", "人民币": "CNY",
    "人民幣": "CNY", "日元": "JPY", "日圆": "JPY", "日圓": "JPY", "日币": "JPY", "円": "JPY",
    "欧元": "EUR", "歐元": "EUR", "英镑": "GBP", "英鎊": "GBP", "港元": "HKD", "港币": "HKD",
    "港幣": "HKD", "新台币": "TWD", "新台幣": "TWD", "台币": "TWD", "台幣": "TWD", "韩元": "KRW",
    "韓元": "KRW", "韩圆": "KRW", "元": "CNY", "圆": "CNY", "人币": "CNY", "人幣": "CNY",
    "欧罗": "EUR", "歐羅": "EUR", "元港币": "HKD", "元港幣": "HKD", "元港元": "HKD",
    "元新台币": "TWD", "元新台幣": "TWD", "新加坡元": "SGD", "新元": "SGD", "星元": "SGD",
    "澳元": "AUD", "澳币": "AUD", "澳幣": "AUD", "加元": "CAD", "加币": "CAD", "加幣": "CAD",
    "卢比": "INR", "盧比": "INR", "rupees": "INR", "rupee": "INR", "SGD": "SGD", "AUD": "AUD", "CAD": "CAD",
    "INR": "INR", "澳门元": "MOP", "澳門元": "MOP", "澳门币": "MOP", "澳門幣": "MOP", "MOP": "MOP",
    "dollars": "USD", "dollar": "USD", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY",
    "euros": "EUR", "euro": "EUR", "pounds": "GBP", "won": "KRW",
    # Dollars named by place ("10 billion New Taiwan dollars", "Hong Kong dollars").
    "new taiwan dollars": "TWD", "new taiwan dollar": "TWD", "taiwan dollars": "TWD",
    "taiwan dollar": "TWD", "nt dollars": "TWD", "hong kong dollars": "HKD",
    "hong kong dollar": "HKD", "hk dollars": "HKD", "singapore dollars": "SGD",
    "singapore dollar": "SGD", "australian dollars": "AUD", "canadian dollars": "CAD",
    "us dollars": "USD", "u.s. dollars": "USD",
    "USD": "USD", "CNY": "CNY", "RMB": "CNY", "JPY": "JPY", "EUR": "EUR", "GBP": "GBP",
    "HKD": "HKD", "TWD": "TWD", "KRW": "KRW",
}
_PREFIX_CUR = {
    "US$": "USD", "USD": "USD", "$": "USD", "HK$": "HKD", "NT$": "TWD", "T$": "TWD", "RMB": "CNY",
    "CNY": "CNY", "JPY": "JPY", "EUR": "EUR", "GBP": "GBP", "HKD": "HKD", "TWD": "TWD",
    "KRW": "KRW", "€": "EUR", "£": "GBP", "₩": "KRW", "¥": "?", "￥": "?", "円": "JPY",
    "人民币": "CNY", "人民幣": "CNY", "美元": "USD", "日元": "JPY", "欧元": "EUR",
    "新台币": "TWD", "新台幣": "TWD", "港币": "HKD", "港元": "HKD", "韩元": "KRW", "韩币": "KRW",
    "英镑": "GBP", "日币": "JPY", "S$": "SGD", "A$": "AUD", "AU$": "AUD", "C$": "CAD",
    "CA$": "CAD", "SGD": "SGD", "AUD": "AUD", "CAD": "CAD", "INR": "INR", "Rs": "INR",
    "Rs.": "INR", "₹": "INR", "人币": "CNY", "人幣": "CNY", "MOP$": "MOP", "MOP": "MOP",
    "澳门元": "MOP", "澳門元": "MOP", "澳门币": "MOP", "澳門幣": "MOP", "港幣": "HKD",
    "台币": "TWD", "台幣": "TWD", "日圆": "JPY", "日圓": "JPY", "日幣": "JPY", "歐元": "EUR",
    "英鎊": "GBP", "韓元": "KRW", "韓幣": "KRW", "美金": "USD",
}
_QUALIFIERS = {
    "约合": "approx", "约为": "approx", "大约": "approx", "大概": "approx", "约": "approx",
    "約": "approx", "左右": "approx", "about": "approx", "around": "approx",
    "approximately": "approx", "roughly": "approx", "some": "approx",
    "超过": "at_least", "超過": "at_least", "超": "at_least", "逾": "at_least",
    "至少": "at_least", "不少于": "at_least", "以上": "at_least", "多": "at_least",
    "more than": "at_least", "over": "at_least", "at least": "at_least", "above": "at_least",
    "最高": "up_to", "最多": "up_to", "不超过": "up_to", "多达": "up_to", "高达": "up_to",
    "up to": "up_to", "as much as": "up_to", "as high as": "up_to",
    "将近": "nearly", "接近": "nearly", "近": "nearly", "nearly": "nearly", "almost": "nearly",
    "close to": "nearly",
}


def _alt(keys: list[str] | set[str]) -> str:
    """Return a trie-shaped regex for literal keys (longest match preferred)."""
    return build_trie_pattern(keys)


_QUAL_PRE_WORDS = [k for k in _QUALIFIERS if k not in ("左右", "以上", "多")]
_QUAL_PRE = _alt(_QUAL_PRE_WORDS)
_PRE_CUR = _alt(list(_PREFIX_CUR))
_SUF_CUR = _alt(list(_SUFFIX_CUR))
_RANGE_SEP = r"\s?(?:至|到|-|–|—|~|～|to)\s?"
# "from" / "by" right before "X to Y" makes it a change between two levels, not a range.
# ("ranging from X to Y" and "anywhere from X to Y" stay ranges.)
_CHANGE_BEFORE = re.compile(
    r"(?<!ranging )(?<!range )(?<!varying )(?<!anywhere )\b(?:from|by)\s*$", re.IGNORECASE
)
_ANY_NUM = rf"(?:{_NUM}|{_CNUM})"

_FIRST = "".join(
    sorted({k[0] for k in [*_QUALIFIERS, *_PREFIX_CUR]} | set("0123456789零〇一二两兩三四五六七八九十拾百佰千仟"))
)
# An amount starts with a qualifier, a prefix currency or a number. Two look-aheads reject the
# other positions fast (same matches, about 25% less time): the first character, then the first
# two characters of a word (in English text most letters start some word, few pairs do).
_HEADS = _alt({k[:2] for k in [*_QUAL_PRE_WORDS, *_PREFIX_CUR]})
_AMOUNT_RE = re.compile(
    rf"(?=[{re.escape(_FIRST)}])(?=[\d零〇一二两兩三四五六七八九十拾百佰千仟]|{_HEADS})"
    rf"(?:(?P<qual>{_QUAL_PRE})\s?)?"
    # A Latin prefix currency starts a word ("EUR 5bn", not "amateur 5 million"); € / $ may not.
    rf"(?:(?:(?<![A-Za-z])|(?![A-Za-z]))(?P<pcur>{_PRE_CUR})\s?)?"
    # An English scale word follows one space or a hyphen ("$2.5-billion programme").
    rf"(?:(?P<lo>{_ANY_NUM})\s*(?P<loscale>{_ZSCALE})?(?P<loscale_en>[\s-]?(?:{_ESCALE}){_SCALE_END})?"
    rf"(?:{_RANGE_SEP})(?:(?P<pcur2>{_PRE_CUR})\s?)?)?"
    rf"(?P<num>{_ANY_NUM})"
    # "$2+ trillion", "$200B+": a plus sign after the number or its scale means "more than".
    rf"(?P<plus1>\+(?=\s?(?:{_ESCALE}){_SCALE_END}))?"
    # A compound's later groups (1兆6,443億, 3亿5000万, 一万二千): each a number and a smaller scale.
    rf"(?:\s*(?P<zscale>{_ZSCALE})(?P<ztail>(?:零?(?:{_ANY_NUM})\s*(?:{_ZSCALE}))*)"
    rf"|[\s-]?(?P<escale>{_ESCALE}){_SCALE_END}|(?P<tiny>[mbkMBK]){_SCALE_END})?"
    rf"(?P<plus2>\+)?"
    rf"(?P<post>多|余)?"
    # A Latin currency word ends on a word boundary ("euros", not "eur" + "os"); "billion-euro".
    rf"(?:(?:-|\s*)(?P<scur>{_SUF_CUR})(?:(?<=[A-Za-z])(?![A-Za-z])|(?<![A-Za-z])))?"
    rf"(?P<postq>左右|以上)?",
    re.IGNORECASE,
)
_COUNT_AFTER = re.compile(
    r"\s*(?:个|個|次|名|人|位|件|颗|顆|座|家|项|項|台|辆|吨|千瓦|吉瓦|兆瓦|瓦|度|平方|立方|公里|米|"
    r"字|部|篇|条|份|户|只|张|枚|片|块|参数|晶体管|用户|倍|年|月|日|天|%|％|GW|MW|TW|kW|"
    r"people|users|times|GW)",
    re.IGNORECASE,
)
_MONEY_CONTEXT = re.compile(
    r"投资|投入|资金|预算|拨款|融资|花费|支出|之巨|出资|投向|再投|砸|补贴|invest|fund|budget|spend"
)
_OR_GAP = re.compile(r"\s*,\s*or\s*(?:about\s*|roughly\s*|some\s*)?")  # "€10 billion, or $10.3 billion"
# Whitespace runs taken whole ("*+"): the mark and the words between them start with a non-space.
_CONVERSION_CUE = re.compile(r"\s*+[（(,，]?\s*+(?:约合|合|折合|相当于|约|即|or|about)?\s*+$")


_PREFIX_CI = {k.lower(): v for k, v in _PREFIX_CUR.items()}
_SUFFIX_CI = {k.lower(): v for k, v in _SUFFIX_CUR.items()}


def _cur(table: dict[str, str], key: str | None) -> str | None:
    """Return the currency of a matched currency word, whatever its case (EUR, eur, Euros)."""
    if not key:
        return None
    found = table.get(key)
    if found is None:
        found = (_PREFIX_CI if table is _PREFIX_CUR else _SUFFIX_CI).get(key.lower())
    return found


def parse_chinese_numeral(text: str) -> int | None:
    """Return the integer for a Chinese numeral like 八百 or 一千二百, or None."""
    if not text:
        return None
    if all(ch in _CN_DIGITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _parse_decimal(num: str) -> Decimal | None:
    """Return a Decimal for an Arabic or Chinese numeral string."""
    if num and num[0].isdigit():
        if num.count(".") > 1:  # dot-grouped thousands (_NUM reads them only so)
            num = num.replace(".", "")
        try:
            return Decimal(num.replace(",", ""))
        except InvalidOperation:
            return None
    value = parse_chinese_numeral(num)
    return None if value is None else Decimal(value)


def _get_scale(zscale: str | None, escale: str | None) -> int:
    """Return the multiplier of a Chinese or English scale word."""
    if zscale:
        mult = 1
        for ch in zscale.replace("萬億", "万亿").replace("億", "亿").replace("萬", "万"):
            mult *= _SCALE_ZH[ch]
        return mult
    if escale:
        return _SCALE_EN[escale.strip(" -\t\n\r\f\v\u00a0").lower()]
    return 1


_TAIL_GROUP = re.compile(rf"零?({_ANY_NUM})\s*({_ZSCALE})")


def _compound_tail(tail: str, unit: int) -> Decimal | None:
    """Return the value of a compound's later groups (6,443億 after 1兆), each smaller than the
    scale before it, or None when they are not (5亿10亿)."""
    total = Decimal(0)
    pos = 0
    while pos < len(tail):
        group = _TAIL_GROUP.match(tail, pos)
        value = None if group is None else _parse_decimal(group[1])
        if group is None or value is None:
            return None
        scale = _get_scale(group[2], None)
        if value * scale >= unit:
            return None
        total += value * scale
        unit, pos = scale, group.end()
    return total


def _resolve_yen(text: str, pos: int, place: MoneyPlace | LazyPlace) -> str | None:
    """Resolve ¥ to JPY or CNY from the surrounding text, then the article, then the place
    (None: nothing tells)."""
    window = text[max(0, pos - 80) : pos + 80]
    jp = sum(window.count(w) for w in ("日本", "日元", "円", "Japan", "yen", "东京"))
    cn = sum(window.count(w) for w in ("中国", "人民币", "元", "China", "yuan", "RMB"))
    if jp == cn:
        jp = sum(text.count(w) for w in ("日本", "日元", "Japan", "yen"))
        cn = sum(text.count(w) for w in ("中国", "人民币", "China", "yuan"))
    if jp == cn:
        return place.yen
    return "JPY" if jp > cn else "CNY"


_CN_PAIR = re.compile(r"^([一二三四五六七八])([二三四五六七八九])([十百千]?)$")
_CN_YUAN_END = re.compile(r"$|[钱錢，。、；;,.！？!?）)”\"的]")


# Every amount holds a number (_ANY_NUM: a \d digit or a Chinese numeral): a window without one
# has none, and is not scanned (the windows themselves are unchanged).
_NUMERAL = re.compile(r"\d|" + _CNUM)


def _scan(text: str, place: MoneyPlace | LazyPlace) -> list[Amount]:
    """Return every candidate amount, with or without a currency, in order."""
    found: list[Amount] = []
    for lo, hi in find_windows(text):
        if _NUMERAL.search(text, lo, hi):
            found.extend(_scan_window(text, lo, hi, place))
    return found


def _scan_window(text: str, lo: int, hi: int, place: MoneyPlace | LazyPlace) -> list[Amount]:
    """Return the candidate amounts of one window of a text (place: what bare 元 and $ mean)."""
    found: list[Amount] = []
    for m in _AMOUNT_RE.finditer(text, lo, hi):
        num, zscale, escale, tiny = m["num"], m["zscale"], m["escale"], m["tiny"]
        pcur, scur = m["pcur"], m["scur"]
        if m["pcur2"] and (pcur is None or _cur(_PREFIX_CUR, pcur) == _cur(_PREFIX_CUR, m["pcur2"])):
            pcur = m["pcur2"]  # €30 to €50 billion
        is_cn_num = not num[0].isdigit()
        if is_cn_num and not zscale and not scur:
            continue
        if is_cn_num and len(num) == 1 and num in "十百千" and not m["lo"] and (
            not zscale or text[m.start() - 1 : m.start()] in ("数", "數", "几", "幾", "上", "成")
        ):
            continue  # 十万元 is money; 数十亿 (tens of billions) is no amount
        if tiny and not pcur:
            continue
        if pcur == "$" and re.match(r"[A-Za-z]", text[m.start("pcur") - 1 : m.start("pcur")]):
            continue  # a dollar of a place we do not read (NZ$, R$): not a US dollar
        currency = _cur(_PREFIX_CUR, pcur) or _cur(_SUFFIX_CUR, scur)
        if pcur and scur and _cur(_SUFFIX_CUR, scur) not in ("CNY", None):
            currency = _cur(_SUFFIX_CUR, scur)
        if scur and scur.lower() in ("won", "some") and not (zscale or escale):
            continue
        if currency == "?":
            currency = _resolve_yen(text, m.start(), place)
        elif pcur == "$" and not (scur and currency != "CNY"):
            currency = place.bare_dollar(text, m.start(), m.end())
        if scur in ("元", "圆") and (not pcur or pcur == "$"):
            currency = place.bare_yuan(text, m.start(), m.end())
        # A currency mark whose currency the place leaves open is still money (currency None);
        # a bare number needs a Chinese scale and a money word beside it.
        if not (pcur or scur):
            if not zscale or _COUNT_AFTER.match(text, m.end()):
                continue
            context = text[max(0, m.start() - 6) : m.end() + 4]
            if not _MONEY_CONTEXT.search(context):
                continue
        if is_cn_num and not zscale and scur in ("元", "圆") and not _CN_YUAN_END.match(text, m.end()):
            continue
        pair = None if m["ztail"] else _CN_PAIR.match(num)
        value = _parse_decimal(pair.group(1) + pair.group(3) if pair else num)
        if value is None or value == 0:
            continue
        mult = _get_scale(zscale, escale or ({"m": "m", "b": "b", "k": "k"}.get((tiny or "").lower())))
        tail = _compound_tail(m["ztail"], mult) if m["ztail"] else Decimal(0)
        if tail is None:
            continue  # 5亿10亿: not one compound amount
        qual_word = m["qual"] or m["postq"] or m["post"]
        qualifier = _QUALIFIERS.get((qual_word or "").lower()) if qual_word else None
        if qualifier is None and (m["plus1"] or m["plus2"]):
            qualifier = "at_least"
        high: float | None = None
        lo_value: Decimal | None = None
        if pair:
            top = _parse_decimal(pair.group(2) + pair.group(3))
            if top is not None and value is not None:
                high, qualifier = float(top * mult), "range"
        if m["lo"]:
            lo_value = _parse_decimal(m["lo"])
            lo_mult = _get_scale(m["loscale"], m["loscale_en"]) if (
                m["loscale"] or m["loscale_en"]) else mult
            if lo_value is not None:
                lo_value *= lo_mult
        main = value * mult + tail
        start = m.start()
        if lo_value is not None and _CHANGE_BEFORE.search(text, max(lo, m.start() - 18), m.start()):
            # "rose from $5 billion to $30 billion", "by $5 billion to $30 billion": a change, not
            # a range. The first amount is the old level (or the change), the second the new one.
            lo_end = m.end("loscale_en") if m["loscale_en"] else m.end("loscale") if m["loscale"] else m.end("lo")
            lo_cur = _cur(_PREFIX_CUR, m["pcur"]) if m["pcur"] and m["pcur"] != "$" else currency
            found.append(
                Amount(
                    value=float(lo_value), currency=lo_cur, qualifier=None, start=m.start(),
                    end=lo_end, surface=text[m.start() : lo_end],
                )
            )
            start = m.start("pcur2") if m["pcur2"] else m.start("num")
            found.append(
                Amount(
                    value=float(main), currency=currency, qualifier=qualifier if m["postq"] else None,
                    start=start, end=m.end(), surface=text[start : m.end()],
                )
            )
            continue
        if lo_value is not None and 0 < lo_value < main:
            high = float(main)
            main = lo_value
            qualifier = "range"
        elif m["lo"]:
            start = m.start("num") if not m["pcur"] else m.start()
        found.append(
            Amount(
                value=float(main), currency=currency, qualifier=qualifier, start=start,
                end=m.end(), surface=text[start : m.end()], high=high,
            )
        )
    return found


def _link_conversions(text: str, amounts: list[Amount]) -> list[Amount]:
    """Mark an amount that restates the previous one in another currency as its conversion."""
    out: list[Amount] = []
    for i, amt in enumerate(amounts):
        if i > 0 and amt.currency and out[i - 1].currency and amt.currency != out[i - 1].currency:
            prev = out[i - 1]
            gap = text[prev.end : amt.start]
            if len(gap) <= 6 and _CONVERSION_CUE.match(gap) and (
                "约合" in text[prev.end : amt.end] or "折合" in text[prev.end : amt.end]
                or "(" in gap or "（" in gap or "合" in gap or _OR_GAP.fullmatch(gap)
            ):
                amt = _replace(amt, conversion_of=i - 1)
        out.append(amt)
    return out


def _replace(amt: Amount, **changes: object) -> Amount:
    """Return a copy of an amount with some fields changed."""
    fields = {f: getattr(amt, f) for f in Amount.__slots__}
    fields.update(changes)
    return Amount(**fields)


def _inherit_currencies(amounts: list[Amount]) -> list[Amount]:
    """Give a currency-less amount the currency of the same amount (±1.1%) stated elsewhere."""
    known = sorted((a.value, a.currency) for a in amounts if a.currency)
    values = [v for v, _ in known]
    out: list[Amount] = []
    for amt in amounts:
        if amt.currency is None and known:
            i = bisect_left(values, amt.value / 1.011)
            if i < len(known) and abs(known[i][0] - amt.value) <= 0.011 * known[i][0]:
                amt = _replace(amt, currency=known[i][1], inherited=True)
        out.append(amt)
    return out


def parse_amounts(text: str, region: str | None = None, script: Script = None) -> list[Amount]:
    """Return the money amounts in a text read in a region (HK, TW, CN …: what bare 元/$ mean;
    script: the article's zh-Hans or zh-Hant, or a function giving it, when the text is a
    Simplified rendering of it; the place is worked out only when a bare 元, $ or ¥ needs it)."""
    try:
        place = LazyPlace(text, region, script)
        return _inherit_currencies(_link_conversions(text, _scan(text, place)))
    except Exception:  # pragma: no cover - the parser must never raise on any text
        return []
