"""Running totals over a page's paragraphs: what the tail cut asks at every position, read once."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cached_property

from extractors.chromeline import Features, ends_block, is_code_line, is_prose, is_run_line

__all__ = ["HEADLINE_CHARS", "TailSums"]

_DIGITS = re.compile(r"\d+")
# A plain sentence line (the article going on after a run of short lines) is this wide at least.
_PLAIN_MIN = 40
# Teaser cards: a kicker, a headline of at most this many characters, a summary of at most this many.
HEADLINE_CHARS = 160
_SUMMARY_CHARS = 300


class TailSums:
    """Prefix and suffix totals of one page's paragraphs, each built on first use in one pass.

    The tail cut asks, at each candidate position, questions about everything before or after
    it; answered by rescanning, a page of n short lines costs n² steps. Each property below is
    one pass over the page, and every question then an index into it.
    """

    def __init__(
        self, paras: list[str], feats: list[Features], is_notice: Callable[[Features, str], bool]
    ) -> None:
        self.paras = paras
        self.feats = feats
        self.n = len(feats)
        self._is_notice = is_notice
        chars = [0] * (self.n + 1)
        for i, f in enumerate(feats):
            chars[i + 1] = chars[i] + f.chars
        self._chars = chars

    def chars_before(self, i: int) -> int:
        """Return the characters of paragraphs [0, i)."""
        return self._chars[i]

    def chars_from(self, i: int) -> int:
        """Return the characters of paragraphs [i, n)."""
        return self._chars[self.n] - self._chars[i]

    @cached_property
    def _short(self) -> list[int]:
        out = [0] * (self.n + 1)
        for i, f in enumerate(self.feats):
            out[i + 1] = out[i] + (f.chars if is_run_line(f) else 0)
        return out

    def short_lines_before(self, i: int) -> bool:
        """Return True when paragraphs [0, i) are mostly short lines (a poem, lyrics, a list)."""
        return self._short[i] * 2 >= self._chars[i]

    @cached_property
    def _after(self) -> tuple[list[int], list[int], list[int], list[int]]:
        """Suffix totals: prose count, and over non-notice lines prose count, chars, block chars."""
        n = self.n
        prose, kept_prose, kept_chars, kept_ends = ([0] * (n + 1) for _ in range(4))
        for i in range(n - 1, -1, -1):
            f = self.feats[i]
            p = int(is_prose(f))
            prose[i] = prose[i + 1] + p
            if self._is_notice(f, self.paras[i]):
                kept_prose[i], kept_chars[i], kept_ends[i] = (
                    kept_prose[i + 1],
                    kept_chars[i + 1],
                    kept_ends[i + 1],
                )
            else:
                kept_prose[i] = kept_prose[i + 1] + p
                kept_chars[i] = kept_chars[i + 1] + f.chars
                kept_ends[i] = kept_ends[i + 1] + (f.chars if ends_block(f) else 0)
        return prose, kept_prose, kept_chars, kept_ends

    def prose_from(self, i: int) -> int:
        """Return how many prose paragraphs stand in [i, n)."""
        return self._after[0][min(i, self.n)]

    def kept_after(self, i: int) -> tuple[int, int, int]:
        """Return (prose paragraphs, chars, block-ending chars) of the non-notice lines in [i, n)."""
        _, prose, chars, ends = self._after
        i = min(i, self.n)
        return prose[i], chars[i], ends[i]

    @cached_property
    def _next_end(self) -> list[int | None]:
        out: list[int | None] = [None] * (self.n + 1)
        for i in range(self.n - 1, -1, -1):
            out[i] = i if ends_block(self.feats[i]) else out[i + 1]
        return out

    def next_block_end(self, i: int) -> int | None:
        """Return the first index >= i of a paragraph that ends a block, or None."""
        return self._next_end[min(i, self.n)]

    @cached_property
    def _resumes(self) -> tuple[list[int], list[int]]:
        """Where each run of short lines ends, and plain sentences (capped at 2) up to the next."""
        n = self.n
        run_end, plain = [n] * (n + 1), [0] * (n + 1)
        for i in range(n - 1, -1, -1):
            f = self.feats[i]
            if is_run_line(f):
                run_end[i] = run_end[i + 1]
            else:
                run_end[i] = i
                one = f.sentence and f.width >= _PLAIN_MIN and not f.cues
                plain[i] = min(2, plain[i + 1] + int(one))
        return run_end, plain

    def prose_resumes(self, start: int) -> bool:
        """Return True when two plain sentences follow the run of short lines at start."""
        # Page furniture after a run of short lines carries cues (follow us, copyright, related)
        # or is more short lines; two plain sentences in a row after the run, before any short
        # line, are the article going on (a flattened table, a list). Comment threads interleave
        # short stamps with each comment, so they never give two in a row.
        run_end, plain = self._resumes
        return plain[run_end[start]] >= 2

    @cached_property
    def _earlier_same(self) -> list[int]:
        seen: Counter[str] = Counter()
        out = []
        for para in self.paras:
            key = _DIGITS.sub("0", para.strip())
            out.append(seen[key])
            seen[key] += 1
        return out

    def same_before(self, i: int) -> int:
        """Return how many earlier paragraphs equal paragraph i, digits aside."""
        return self._earlier_same[i]

    @cached_property
    def _code(self) -> list[int]:
        out = [0] * (self.n + 1)
        for i in range(self.n - 1, -1, -1):
            out[i] = out[i + 1] + int(is_code_line(self.paras[i]))
        return out

    def code_lines_from(self, i: int) -> int:
        """Return how many of paragraphs [i, n) read as program code."""
        return self._code[i]

    @cached_property
    def _cards(self) -> tuple[list[int], list[bool]]:
        """Teaser cards in a row from each position, and whether only short lines follow."""
        n, feats = self.n, self.feats
        cards, small = [0] * (n + 1), [True] * (n + 1)
        for i in range(n - 1, -1, -1):
            f = feats[i]
            small[i] = small[i + 1] and f.chars <= _PLAIN_MIN and not f.sentence
            if i + 2 < n:
                kicker, headline, summary = feats[i : i + 3]
                if (
                    is_run_line(kicker)
                    and not headline.sentence
                    and not headline.list_item
                    and headline.chars <= HEADLINE_CHARS
                    and ends_block(summary)
                    and summary.chars <= _SUMMARY_CHARS
                ):
                    cards[i] = cards[i + 3] + 1
        return cards, small

    def cards_from(self, i: int) -> tuple[int, int]:
        """Return (teaser cards in a row from i, the index after them)."""
        count = self._cards[0][i]
        return count, i + 3 * count

    def only_small_from(self, i: int) -> bool:
        """Return True when every paragraph in [i, n) is short and no sentence (a pager)."""
        return self._cards[1][min(i, self.n)]
