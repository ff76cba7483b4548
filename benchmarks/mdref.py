"""A Markdown page source as plain reference text (sg35): front matter, template tags, rendering.

The rule, in order: drop a leading YAML (``---``) or TOML (``+++``) front matter block; turn
Liquid/Hexo ``{% highlight X %}``…``{% endhighlight %}`` and ``{% codeblock %}`` pairs into fenced
code; drop every other template tag (Liquid/Hexo ``{% … %}``, ``{{ … }}`` outputs, Hugo
shortcodes ``{{< … >}}``/``{{% … %}}``; their inner text stays), kramdown attribute lists
(``{: … }``), MkDocs snippet includes (``--8<--`` lines) and admonition markers (``!!! note``
keeps only its quoted title); render with markdown-it-py's CommonMark preset plus tables; read the
HTML as text one line per block (code blocks kept, a link becomes its text, an image, HTML comment,
script or style gives nothing); fold whitespace per line and drop empty lines.
"""

from __future__ import annotations

import html
import re
from typing import Any

from lxml import html as lxml_html
from markdown_it import MarkdownIt

_FRONT = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n.*?^\1[ \t]*$\r?\n?", re.S | re.M)
_FENCE_OPEN = re.compile(r"^[ \t]*\{%-?\s*(?:highlight|codeblock)\b[^%]*-?%\}[ \t]*$", re.M)
_FENCE_CLOSE = re.compile(r"^[ \t]*\{%-?\s*(?:endhighlight|endcodeblock)\s*-?%\}[ \t]*$", re.M)
_TAGS = re.compile(r"\{%.*?%\}|\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{\{.*?\}\}|\{:[^}\n]*\}", re.S)
_SNIPPET = re.compile(r"^[ \t]*-{2,}8<-{2,}.*$", re.M)
_ADMONITION = re.compile(
    r'^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+"([^"\n]*)")?[ \t]*$', re.M
)
_SKIP = frozenset({"script", "style", "noscript", "img", "svg", "template"})
_BLOCK = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "td",
        "th",
        "tr",
        "table",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "hr",
    ]
)
_PARSER = MarkdownIt("commonmark").enable("table")


def strip_front_matter(source: str) -> str:
    """Return the source without a leading YAML or TOML front matter block."""
    return _FRONT.sub("", source, count=1)


def front_matter(source: str) -> dict[str, str]:
    """Return the front matter's top-level `key: value` (or `key = value`) scalars, unquoted."""
    found = _FRONT.match(source)
    if found is None:
        return {}
    fields: dict[str, str] = {}
    for line in found.group(0).splitlines()[1:-1]:
        match = re.match(r"^([A-Za-z_][\w-]*)\s*[:=]\s*(.*?)\s*$", line)
        if match and match.group(2):
            fields[match.group(1).lower()] = match.group(2).strip("'\"")
    return fields


def _admonition(match: re.Match[str]) -> str:
    return f"{match.group(1)}{match.group(2) or ''}"


def prepare(source: str) -> str:
    """Return the Markdown with front matter, template tags and include directives removed."""
    text = strip_front_matter(source.replace("\r\n", "\n"))
    text = _FENCE_CLOSE.sub("```", _FENCE_OPEN.sub("```", text))
    text = _SNIPPET.sub("", _TAGS.sub("", text))
    return _ADMONITION.sub(_admonition, text)


def html_text(markup: str) -> str:
    """Return rendered HTML's text: one line per block, images and comments dropped."""
    if not markup.strip():
        return ""
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag and tag not in _SKIP:
            block = tag in _BLOCK
            if block:
                parts.append("\n")
            parts.append(el.text or "")
            for child in el:
                walk(child)
            if block:
                parts.append("\n")
        parts.append(el.tail or "")

    walk(root)
    text = html.unescape("".join(parts))
    folded = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in folded if line)


def reference_text(source: str) -> str:
    """Return a Markdown page source's body as plain text by the module's rule."""
    return html_text(_PARSER.render(prepare(source)))
