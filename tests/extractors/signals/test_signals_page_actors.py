"""The gate's "retold" input: a type's candidates taken by an actor the heading and lead do not name."""

from __future__ import annotations

from extractors.signals.actors import find_actors
from extractors.signals.classify import analyse
from extractors.signals.page_actors import other_actor_shares, page_actor_names
from extractors.signals.records import ActorHit
from extractors.signals.rules import Candidate

# Own words: a department's own rule, with another body's earlier order retold as background.
TITLE = "Commerce Department tightens export controls on AI chips"
OWN_STORY = (
    "The Commerce Department on Monday tightened export controls on advanced AI chips.\n\n"
    "The rule covers accelerators sold to data centres abroad.\n\n"
    "The step follows an executive order the White House issued last year."
)
# Own words: a digest whose heading and lead name nobody.
DIGEST = (
    "Here are the items of this morning's brief.\n\n"
    "Markets opened higher across Asia.\n\n"
    "3. The White House signed an executive order on AI chips."
)


def _hit(text: str, name: str) -> ActorHit:
    """Return the lexicon's hit of a named actor in a text."""
    return next(h for h in find_actors(text) if h.name == name)


def _candidate(signal_type: str, actor: ActorHit | None) -> Candidate:
    """Return a candidate of a type taken by an actor (sentence, strength and key do not matter)."""
    return Candidate(signal_type, 0, actor, None, 1, signal_type)


def test_the_page_actors_are_those_of_the_heading_and_the_lead() -> None:
    names = page_actor_names(TITLE, analyse(OWN_STORY, None, "US"))
    assert "US Department of Commerce" in names
    assert "White House" not in names  # named only in the third sentence


def test_a_measure_of_an_actor_the_page_does_not_lead_with_counts_as_other() -> None:
    analysis = analyse(OWN_STORY, None, "US")
    commerce, house = _hit(OWN_STORY, "US Department of Commerce"), _hit(OWN_STORY, "White House")
    cands = [
        _candidate("export_control", commerce),
        _candidate("executive_action", house),
        _candidate("executive_action", None),  # unnamed: not counted as another actor's
    ]
    assert other_actor_shares(TITLE, analysis, cands) == {
        "export_control": 0.0,
        "executive_action": 0.5,
    }


def test_in_a_digest_that_leads_with_nobody_every_named_item_is_another_actors() -> None:
    analysis = analyse(DIGEST, None, "US")
    house = _hit(DIGEST, "White House")
    shares = other_actor_shares("Morning brief", analysis, [_candidate("executive_action", house)])
    assert shares == {"executive_action": 1.0}
    # the same item under a heading that names its actor is the page's own story
    own = other_actor_shares(
        "White House order on AI chips", analysis, [_candidate("executive_action", house)]
    )
    assert own == {"executive_action": 0.0}
