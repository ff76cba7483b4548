"""A page's body paragraphs and metadata as parsed, before cleaning (article.py's input)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from extractors.verbatim import Listing

__all__ = ["Parsed"]


@dataclass(slots=True)
class Parsed:
    """Body paragraphs and metadata of a page, before cleaning."""

    paras: list[str]
    title: str | None
    author: str | None
    outlet: str | None
    url: str | None
    published_at: datetime | None
    hint: str | None
    zone_finder: Callable[[str | None, str | None], tuple[str, str]] | None = None
    kind: str = "html"
    info: str = ""
    date_finder: Callable[[], datetime | None] | None = None
    outlet_host: str | None = None
    title_in_body: bool = True  # False: a clipper format that never writes the title as text
    # The text ends with a thread's posts: its last lines are the last reply, not the
    # page's trailing furniture, so no tail is cut.
    posts_last: bool = False
    # The text opens with a thread's first post: its first lines are the post's ("Hey all,"),
    # not header crumbs, so no head is skipped.
    posts_first: bool = False
    # The page does not call itself an article (a docs page, a listing): a heading equal to
    # the title is the page's own heading, kept in the body unless the page is dated.
    heading_kept: bool = False
    # The body holds a discussion's comment sections as its content (no thread found, the
    # page no article, the comments outweigh the body): reply lines start no tail cut.
    replies: bool = False
    # The page's h2-h6 texts: a short line after the title heading that is one opens the body.
    sections: frozenset[str] = frozenset()
    # Every section heading's text, a text page's too: one left last, with nothing under it
    # once the chrome is removed, headed a box of furniture and goes (remove_chrome).
    headings: frozenset[str] = frozenset()
    # Body lines from the one preformatted block that makes up the body (a mail archive's
    # message): the author's verbatim text, never chrome, so no cleaning pass drops them.
    verbatim: frozenset[str] = frozenset()
    # Body lines inside a thread's posts (neither a post's first nor last line, nor the posts'
    # template): the authors' text, which the chrome line pass does not drop.
    inner: frozenset[str] = frozenset()
    # Whether lines of the text stood among links on the page (an HTML page's, parsed afresh
    # when first asked): a tail cut by the shape of short lines alone needs it.
    linked: Callable[[list[str], int], bool] | None = None
    # Whether a line is a paragraph among the story's own prose paragraphs on the page (LinkZone).
    in_flow: Callable[[str], bool] | None = None
    # The lines of the page's <pre> blocks: a code listing's lines keep their markup and no
    # chrome rule drops them.
    listing: Listing = Listing()  # noqa: RUF009  # reason: a frozen, immutable empty default
    # The body pass's lines when a thread's posts replaced them: the page's date lines are read
    # there. Posts are rendered without their stamp lines, and whether they replace the body
    # follows from how the body pass read the page (its layout tables), not from its date.
    date_lines: list[str] | None = None
    # Whether the layout repairs (unwrapped tables, wrapped loose paragraphs, unlinked
    # signatures) changed the page's tree: a page they leave without a body is read again
    # without them.
    layout_repaired: bool = False
    # What the run should be told about the page (a date the file declares that cannot be used).
    notes: tuple[str, ...] = ()
