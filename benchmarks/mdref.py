"""A Markdown page source as plain reference text (sg35): front matter, template tags, rendering.

The rule, in order: drop a leading YAML (``---``) or TOML (``+++``) front matter block; turn
Liquid/Hexo ``{% highlight X %}``…``{% endhighlight %}`` and ``{% codeblock %}`` pairs into fenced
code; drop every other template tag (Liquid/Hexo ``{% … %}``, ``{{ … }}`` outputs, Hugo
shortcodes ``{{< … >}}``/``{{% … %}}``; their inner text stays), kramdown attribute lists
(``{: … }``), MkDocs snippet includes (``--8<--`` lines) and admonition markers (``!!! note``
keeps only its quoted title); render with markdown-it-py's CommonMark preset plus tables; read the
HTML as text one line per block (code blocks kept, a link becomes its text, an image, HTML comment,
script or style gives nothing); fold whitespace per line and drop empty lines.

Two source dialects are read only when a split file names them for a repository (``markup``):
``containers`` (VuePress/VitePress/Docusaurus ``::: tip Title`` … ``:::`` blocks: the marker lines
go, a written title stays) and ``myst`` (Sphinx MyST: a ```` ```{note} ```` directive's body is read
as Markdown, its option lines go, code directives stay code, ``toctree``/``include``-like
directives give nothing; ``{role}`text <target>``` becomes its text; ``(label)=`` targets and
``%`` comment lines go).
"""

from __future__ import annotations

import re

from lxml import html as lxml_html
from markdown_it import MarkdownIt
from marked_pages import BLOCKS, SKIP, block_text

_FRONT = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n.*?^\1[ \t]*$\r?\n?", re.S | re.M)
_FENCE_OPEN = re.compile(r"^[ \t]*\{%-?\s*(?:highlight|codeblock)\b[^%]*-?%\}[ \t]*$", re.M)
_FENCE_CLOSE = re.compile(r"^[ \t]*\{%-?\s*(?:endhighlight|endcodeblock)\s*-?%\}[ \t]*$", re.M)
_TAGS = re.compile(r"\{%.*?%\}|\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{\{.*?\}\}|\{:[^}\n]*\}", re.S)
_SNIPPET = re.compile(r"^[ \t]*-{2,}8<-{2,}.*$", re.M)
_ADMONITION = re.compile(
    r'^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+"([^"\n]*)")?[ \t]*$', re.M
)
_CONTAINER = re.compile(
    r"^[ \t]*:{3,}[ \t]*(?:\{?[\w-]+\}?)?(?:\[([^\]\n]*)\])?[ \t]*(.*?)[ \t]*$", re.M
)
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*(\{([\w:-]+)\})?[ \t]*(.*?)[ \t]*$")
_OPTION = re.compile(r"^[ \t]*:[\w-]+:")
_ROLE = re.compile(r"\{[\w:-]+\}`([^`]*?)(?:[ \t]*<[^`>]*>)?`")
_MYST_LINE = re.compile(r"^(?:\([^)\n]*\)=|%.*)[ \t]*$", re.M)
_CODE_DIRECTIVES = frozenset({"code-block", "code", "sourcecode", "code-cell"})
_EMPTY_DIRECTIVES = frozenset(
    {"toctree", "include", "literalinclude", "raw", "image", "contents", "eval-rst", "only"}
)
# marked_pages' text walk, with images, SVG and templates giving nothing and a rule a block
_SKIP = SKIP | {"img", "svg", "template"}
_BLOCKS = BLOCKS | {"hr"}
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


def _container(match: re.Match[str]) -> str:
    return match.group(1) or match.group(2)


def _closes(line: str, fence: str) -> bool:
    bare = line.strip()
    return len(bare) >= len(fence) and set(bare) == {fence[0]}


def myst_directives(text: str) -> str:
    """Return MyST Markdown with directive fences read by the module's rule (plain fences kept)."""
    out: list[str] = []
    open_fences: list[tuple[str, str]] = []  # (fence, "code" | "empty" | "body")
    options = False
    for line in text.split("\n"):
        kind = open_fences[-1][1] if open_fences else "body"
        if open_fences and _closes(line, open_fences[-1][0]):
            open_fences.pop()
            out.append(line if kind == "code" else "")
            continue
        if options and _OPTION.match(line):
            continue
        options = False
        if kind in ("code", "empty"):
            if kind == "code":
                out.append(line)
            continue
        found = _FENCE.match(line)
        if found is None:
            out.append(line)
        elif found.group(3) is None or found.group(3) in _CODE_DIRECTIVES:
            open_fences.append((found.group(1), "code"))
            options = found.group(3) is not None
            out.append(f"{found.group(1)}{found.group(4)}")
        elif found.group(3) in _EMPTY_DIRECTIVES:
            open_fences.append((found.group(1), "empty"))
        else:
            open_fences.append((found.group(1), "body"))
            options = True
            out.extend(["", "" if found.group(3) == "figure" else found.group(4), ""])
    return "\n".join(out)


def prepare(source: str, markup: frozenset[str] = frozenset()) -> str:
    """Return the Markdown with front matter, template tags and include directives removed."""
    text = strip_front_matter(source.replace("\r\n", "\n"))
    text = _FENCE_CLOSE.sub("```", _FENCE_OPEN.sub("```", text))
    text = _SNIPPET.sub("", _TAGS.sub("", text))
    if "containers" in markup:
        text = _CONTAINER.sub(_container, text)
    if "myst" in markup:
        text = _ROLE.sub(r"\1", _MYST_LINE.sub("", myst_directives(text)))
    return _ADMONITION.sub(_admonition, text)


def html_text(markup: str) -> str:
    """Return rendered HTML's text: one line per block, images and comments dropped."""
    if not markup.strip():
        return ""
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    return block_text(root, skip=_SKIP, blocks=_BLOCKS)


def reference_text(source: str, markup: frozenset[str] = frozenset()) -> str:
    """Return a Markdown page source's body as plain text by the module's rule."""
    return html_text(_PARSER.render(prepare(source, markup)))
