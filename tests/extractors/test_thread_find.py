"""The forward-first substring lookup of holds_prose answers as `in` does."""

from __future__ import annotations

import random

from extractors.threads import _find_from


def test_find_from_agrees_with_in() -> None:
    rng = random.Random(15)
    for _ in range(20_000):
        text = "".join(rng.choice("ab ") for _ in range(rng.randint(0, 30)))
        key = "".join(rng.choice("ab ") for _ in range(rng.randint(0, 5)))
        start = rng.randint(0, 35)
        found = _find_from(text, key, start)
        assert (found >= 0) == (key in text), (text, key, start)
        if found >= 0:
            assert text[found : found + len(key)] == key
