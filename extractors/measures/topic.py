"""Which instrument mentions are about AI: an AI term in the instrument's name or its sentence."""

from __future__ import annotations

import re

# AI terms (Simplified match text and English). Narrower than the signals' AI context (no bare
# 智能 / 模型 / cloud): a mention of an instrument in an article without signal rows is kept only
# when its name or sentence has one of these, so farmland laws and securities rules stay out.
_TERMS_ZH = (
    "人工智能",
    "生成式",
    "深度合成",
    "深度伪造",
    "大模型",
    "大语言模型",
    "算法",
    "智能体",
    "机器学习",
    "算力",
    "芯片",
    "半导体",
    "数据中心",
)
_TERMS_EN = (
    "artificial intelligence",
    "machine learning",
    "generative",
    "deepfake",
    "deep fake",
    "language model",
    "foundation model",
    "frontier model",
    "algorithm",
    "semiconductor",
    "chip",
    "data center",
    "data centre",
)
AI_TERM = re.compile(
    r"(?<![A-Za-z])A\.?I(?![A-Za-z])|"
    + "|".join(_TERMS_ZH)
    + "|(?i:"
    + "|".join(re.escape(t) for t in _TERMS_EN)
    + ")"
)
# The same terms without look-arounds (a superset, for a storage pre-filter whose regex engine has
# none), with their Traditional spellings and any whitespace inside English terms: an article whose
# text and Simplified text both miss it cannot have a mention AI_TERM keeps.
_TERMS_HANT = (
    "人工智",
    "深度偽造",
    "大語言模型",
    "演算法",
    "智能體",
    "機器學習",
    "晶片",
    "半導體",
    "資料中心",
    "數據中心",
)
AI_TERM_PREFILTER = (
    "A\\.?I|"
    + "|".join((*_TERMS_ZH, *_TERMS_HANT))
    + "|(?i:"
    + "|".join(re.escape(t).replace("\\ ", " ").replace(" ", "\\s+") for t in _TERMS_EN)
    + ")"
)


def about_ai(text: str) -> bool:
    """Return whether a name or sentence has an AI term."""
    return AI_TERM.search(text) is not None
