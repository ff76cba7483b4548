"""Build the Simplified, whitespace-normalised match text and map its offsets back to `text`."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from extractors.language import t2s_converter

# Starts with the literal "(" (the engine skips to it fast); the Han character before is a look-behind.
_PINYIN = re.compile(
    r"\((?<=[\u3400-\u9fff]\()(?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,7}\)"
)
_FW_DIGIT = re.compile("[０-９]")
# Whitespace runs. The ones that can change are all but a lone space between two ASCII characters
# (it stays " "). _CHANGING_RUN finds those: a whole run (its first character not after another)
# of two or more, or one character that is not a space, or a lone space after a non-ASCII
# character or the start, or before a non-ASCII character or the end. Starting with the run's
# character lets the engine skip to it fast.
_WS = r"[ \t\r\n\u3000\xa0]"
_CHANGING_RUN = re.compile(
    _WS
    + "(?<!"
    + _WS * 2
    + ")(?:"
    + _WS
    + r"+|(?<=[\t\r\n\u3000\xa0])|(?<![\x00-\x7f] )|(?![\x00-\x7f]))"
)
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_TERMINAL = '。！？!?；;：:」』”"）)】'
# The look-ahead on the three alternatives' first characters lets the engine reject most
# positions at once: same matches, about 2.5 times faster.
_SENT_END = re.compile(
    r"(?=[。！？!?；;\n.])(?:[。！？!?；;]+[”’」』\"]?|\n|(?<=[a-z0-9%)])\.(?=\s+[A-Z\u4e00-\u9fff]))"
)
_WRAP_MIN = 20


def simplify_aligned(text: str, text_hans: str | None) -> str:
    """Return a Simplified string of exactly len(text) characters aligned with `text`."""
    if text_hans is not None and len(text_hans) == len(text):
        return _normalize_digits(text_hans)
    if text.isascii():  # OpenCC's t2s tables have no ASCII keys: nothing would change
        return text
    conv = t2s_converter()
    whole = conv.convert(text)
    if len(whole) == len(text) and whole.count("\n") == text.count("\n"):
        return _normalize_digits(whole)
    parts: list[str] = []
    for line in text.splitlines(keepends=True):
        out = conv.convert(line)
        if len(out) != len(line):
            chars = [conv.convert(ch) for ch in line]
            out = "".join(c if len(c) == 1 else ch for c, ch in zip(chars, line, strict=True))
        parts.append(out)
    return _normalize_digits("".join(parts))


def _normalize_digits(text: str) -> str:
    """Return the text with full-width digits made ASCII (length-preserving)."""
    return text.translate(_FULLWIDTH_DIGITS) if _FW_DIGIT.search(text) else text


def _is_ascii_word(ch: str) -> bool:
    """Return whether a character is an ASCII letter or digit."""
    return ch.isascii() and ch.isalnum()


@dataclass(frozen=True, slots=True)
class MatchText:
    """Normalised Simplified text with a piecewise offset map back to the original text."""

    # Segment k starts at match index seg_starts[k] and maps 1:1 to the original from
    # seg_orig[k] on; an inserted separator is a segment of length one.

    text: str
    seg_starts: list[int]
    seg_orig: list[int]

    def original_index(self, i: int) -> int:
        """Return the original index of match-text character i."""
        k = bisect_right(self.seg_starts, i) - 1
        return self.seg_orig[k] + (i - self.seg_starts[k]) if k >= 0 else i

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Return the original (start, end) of a half-open span of the match text."""
        if not self.text:
            return 0, 0
        start = min(max(start, 0), len(self.text) - 1)
        if end <= start:
            pos = self.original_index(start)
            return pos, pos
        return self.original_index(start), self.original_index(min(end, len(self.text)) - 1) + 1


def _is_continuation(before: str, after: str) -> bool:
    """Return whether a paragraph break splits one sentence (no end mark, lower-level start)."""
    return before not in _TERMINAL and (after in "和与及的或并、，," or _is_ascii_word(before))


def _replace_whitespace(src: str, start: int, end: int, line_start: int) -> str:
    """Return what the whitespace run src[start:end] becomes: '', ' ' or a '\\n' boundary."""
    before = src[start - 1] if start > 0 else "\n"
    after = src[end] if end < len(src) else "\n"
    newlines = src.count("\n", start, end)
    if newlines >= 1:
        line_len = start - line_start
        if line_len < _WRAP_MIN or before in _TERMINAL or before == "_" or after in "#*-|>—【[!":
            return "\n"
        if newlines >= 2 and not _is_continuation(before, after):
            return "\n"
    return " " if before.isascii() and after.isascii() else ""


def build_match_text(text: str, text_hans: str | None = None) -> MatchText:
    """Return the match text: Simplified, pinyin annotations dropped, whitespace normalised."""
    simple = simplify_aligned(text, text_hans)
    out: list[str] = []
    seg_starts: list[int] = []
    seg_orig: list[int] = []
    size = 0
    pos = 0
    line_start = 0
    # (start, end, is a whitespace run); pinyin annotations are dropped, runs replaced
    events = [(*m.span(), False) for m in _PINYIN.finditer(simple)]
    runs = [(*m.span(), True) for m in _CHANGING_RUN.finditer(simple)]
    if events:
        events += runs
        events.sort(key=lambda e: e[0])
    else:
        events = runs
    for start, end, is_run in events:
        if start < pos:
            continue
        if start > pos:
            seg_starts.append(size)
            seg_orig.append(pos)
            out.append(simple[pos:start])
            size += start - pos
        if is_run:
            rep = _replace_whitespace(simple, start, end, line_start)
            if rep:
                seg_starts.append(size)
                seg_orig.append(start)
                out.append(rep)
                size += 1
            nl = simple.rfind("\n", start, end)
            if nl >= 0:
                line_start = nl + 1
        pos = end
    if pos < len(simple):
        seg_starts.append(size)
        seg_orig.append(pos)
        out.append(simple[pos:])
    return MatchText("".join(out), seg_starts, seg_orig)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of a match text, stripped and non-empty."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        cut = m.start()
        if text[cut] == "\n":
            if cut > 0 and text[cut - 1] in "：:":
                continue
            _append_span(text, start, cut, spans)
        else:
            _append_span(text, start, m.end(), spans)
        start = m.end()
    _append_span(text, start, len(text), spans)
    return spans


def _append_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append a stripped span if it holds at least two characters."""
    if end - start < 2:
        return
    seg = text[start:end]
    left = len(seg) - len(seg.lstrip(" \n*#>-_|"))
    right = len(seg.rstrip(" \n*"))
    if right - left >= 2:
        spans.append((start + left, start + right))
