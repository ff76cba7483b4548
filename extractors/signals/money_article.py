"""An amount needs an article that is more likely AI policy than not.

The article head (article_gate.py) gives every article a calibrated P(AI policy); its shipped
threshold is 0, so it vetoes no row. Money is where a page that is not AI policy does most harm (a
phone maker's quarter, a chip firm's sales, a fund's gain: every such amount is a wrong row), so an
amount is dropped when the head says the article is more likely not AI policy. Decided after the
gate, like the money roles: the candidate types are chosen as before, the models' inputs stay,
and a row without an amount is untouched.
"""

from __future__ import annotations

from extractors.signals.article_gate import ArticleGate, Evidence, article_probability

# The calibrated probability's own decision point ("more likely AI policy than not"), not a value
# fitted on any page: thirtieth round (docs/quality.md, "mf30"); no other floor was tried.
MONEY_ARTICLE_FLOOR = 0.5


def article_holds_money(gate: ArticleGate, evidence: Evidence) -> bool:
    """Return whether an article's amounts may be rows: P(AI policy) is at least the floor."""
    return article_probability(gate, evidence) >= MONEY_ARTICLE_FLOOR
