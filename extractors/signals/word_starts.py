"""A phrase scan that tries its phrases only where a word starts, with the matches of a plain scan.

The English cue scan runs a trie of lower-case phrases over lower-cased text and keeps the matches
that start a word (no ASCII letter or digit before them). Almost every letter starts some phrase,
so the plain scan tries the trie at almost every position, then drops the matches inside words.
A look-behind that refuses positions inside words makes the engine skip them at once (about 2.3
times faster on English pages), and gives the same matches as long as no match inside a word could
have covered a word start (see WordStartScan.finditer).
"""

from __future__ import annotations

import re

from extractors.signals.trie import build_trie_pattern


def is_word_char(ch: str) -> bool:
    """Return whether a character is an ASCII letter or digit."""
    return ch.isascii() and ch.isalnum()


class WordStartScan:
    """The matches at word starts of trie(phrases) + tail, as a plain finditer would find them
    (tail: a look-ahead, which consumes nothing)."""

    __slots__ = ("heads", "plain", "starting")

    def __init__(self, phrases: list[str], tail: str) -> None:
        if not all(p and is_word_char(p[-1]) for p in phrases):
            raise ValueError("every phrase must end with an ASCII letter or digit")
        body = build_trie_pattern(phrases)
        self.plain = re.compile("(?:" + body + ")" + tail)
        self.starting = re.compile("(?<![A-Za-z0-9])(?:" + body + ")" + tail)
        # The beginnings of phrases that end right after a non-word character (a space, a hyphen),
        # by length: a phrase matched inside a word covers a word start exactly there.
        heads: dict[int, set[str]] = {}
        for p in phrases:
            for t in range(1, len(p)):
                if not is_word_char(p[t - 1]):
                    heads.setdefault(t, set()).add(p[:t])
        self.heads = sorted(heads.items())

    def finditer(self, text: str) -> list[re.Match[str]]:
        """Return the matches of plain.finditer(text) that start a word, in order.

        Exact: at a word start both patterns match alike. The plain scan differs only by its
        matches inside words, and those change which word-start matches it finds only if one of
        them covers the start of the next such match q: it then starts at some p < q inside a word
        with text[p:q] a head of its phrase (the phrase ends with a word character, so a match
        never ends at a word start). When no found q has such a p before it, the two scans agree;
        otherwise the plain scan runs.
        """
        found = list(self.starting.finditer(text))
        for m in found:
            q = m.start()
            for length, heads in self.heads:
                p = q - length
                if p < 1:
                    break
                if is_word_char(text[p - 1]) and text[p:q] in heads:
                    return [
                        m
                        for m in self.plain.finditer(text)
                        if not (m.start() and is_word_char(text[m.start() - 1]))
                    ]
        return found
