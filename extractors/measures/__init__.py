"""Measures: named AI-policy instruments found in articles, resolved to one id, with dated status events."""

from extractors.measures.build import MeasureTables, build_measures
from extractors.measures.english import Mention
from extractors.measures.names import find_mentions
from extractors.measures.resolve import find_pairs, key_of, load_measure_lexicon, measure_id_of
from extractors.measures.status import current_status, find_cues
from extractors.measures.topic import AI_TERM_PREFILTER
from extractors.measures.updates import MeasureUpdate, format_update, status_updates

__all__ = [
    "AI_TERM_PREFILTER",
    "MeasureTables",
    "MeasureUpdate",
    "Mention",
    "build_measures",
    "current_status",
    "find_cues",
    "find_mentions",
    "find_pairs",
    "format_update",
    "key_of",
    "load_measure_lexicon",
    "measure_id_of",
    "status_updates",
]
