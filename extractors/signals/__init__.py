"""AI-policy signal detection: types, money, actors, jurisdictions, periods and evidence."""

from extractors.signals.actors import find_actors
from extractors.signals.detect import detect_signals, mentions_ai
from extractors.signals.fx import convert_to_usd
from extractors.signals.money import parse_amounts
from extractors.signals.periods import find_periods, resolve_period
from extractors.signals.records import SIGNAL_TYPES, ActorHit, Amount, Period

__all__ = [
    "SIGNAL_TYPES",
    "ActorHit",
    "Amount",
    "Period",
    "convert_to_usd",
    "detect_signals",
    "find_actors",
    "find_periods",
    "mentions_ai",
    "parse_amounts",
    "resolve_period",
]
