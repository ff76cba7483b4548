"""A saved page's file name as its title, when the page itself names none."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from extractors.language import HAN
from extractors.metadata import strip_site_suffix

__all__ = ["title_from_file_name"]

_EXTENSIONS = re.compile(r"(?:\.(?:html?|xhtml|md|markdown|txt|text))+$", re.IGNORECASE)
_DATE_PREFIX = re.compile(
    r"^\d{4}[-_.]?\d{1,2}[-_.]?\d{1,2}(?:[-_ T]\d{1,2}[-_:]?\d{2}(?:[-_:]?\d{2})?)?[-_ ]+"
)
_ID_SUFFIX = re.compile(r"(?:[\s_-]+(?:[0-9a-f]{6,}|\d{5,})|\s*\(\d{1,3}\))$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}")
_GENERIC = frozenset({"index", "readme", "untitled", "page", "article", "post", "document", "new"})


def title_from_file_name(path: str | None) -> str | None:
    """Return the title a person gave a saved page as its file name ("Title - Site.md"), or None."""
    if not path:
        return None
    name = _EXTENSIONS.sub("", PurePosixPath(path.replace("\\", "/")).name)
    name = _ID_SUFFIX.sub("", _DATE_PREFIX.sub("", name)).strip()
    cjk = len(HAN.findall(name))
    # A name someone wrote: words with spaces, or Chinese. A slug ("ai-rules-2024") or an id is not.
    written = cjk >= 4 or (" " in name and len(_WORD.findall(name)) >= 3)
    if not written or name.lower() in _GENERIC:
        return None
    return strip_site_suffix(name, None) or None
