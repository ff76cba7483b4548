"""Static-site template markup in saved post sources: Liquid/Nunjucks tags, Hugo shortcodes."""

from __future__ import annotations

import re

__all__ = ["strip_site_templates"]

# A post source of Jekyll, Hexo or Hugo (it has front matter) is a template: the generator
# replaces "{% tag … %}", "{{ variable }}" and Hugo's "{{< shortcode >}}" / "{{% shortcode %}}"
# before anyone reads the page. Saved as they are, these tags are markup, not text. Code blocks
# written as "{% highlight lang %} … {% endhighlight %}" (Jekyll) or "{% codeblock %} …
# {% endcodeblock %}" (Hexo) are code blocks; inside a Markdown code fence nothing is a tag.
_CODE_OPEN = re.compile(r"^\s*\{%-?\s*(?:highlight|codeblock|code|include_code)\b[^%]*-?%\}\s*$")
_CODE_CLOSE = re.compile(r"^\s*\{%-?\s*end(?:highlight|codeblock|code)\s*-?%\}\s*$")
_TAG = re.compile(r"\{%-?[^%\n]{1,300}?-?%\}|\{\{<[^\n]{1,500}?>\}\}|\{\{%[^\n]{1,500}?%\}\}")
_OUTPUT = re.compile(r"\{\{-?\s*[A-Za-z_.][^{}\n]{0,200}?-?\}\}")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def strip_site_templates(text: str, html: bool) -> str:
    """Return a post source with its template tags gone and its tag code blocks as code."""
    if "{%" not in text and "{{" not in text:
        return text
    opening, closing = ("<pre><code>", "</code></pre>") if html else ("```", "```")
    out: list[str] = []
    fence: str | None = None
    in_tag_code = False
    for line in text.split("\n"):
        if fence is not None:
            out.append(line)
            if line.strip().startswith(fence):
                fence = None
            continue
        if in_tag_code:
            if _CODE_CLOSE.match(line):
                in_tag_code = False
                out.append(closing)
            else:
                out.append(line)
            continue
        if _CODE_OPEN.match(line):
            in_tag_code = True
            out.append(opening)
            continue
        opened = _FENCE.match(line)
        if opened is not None and not html:
            fence = opened.group(1)
            out.append(line)
            continue
        out.append(_OUTPUT.sub("", _TAG.sub("", line)))
    if in_tag_code:
        out.append(closing)
    return "\n".join(out)
