"""The Markdown engine: sanitised output, paragraph blocks, furigana substitution (no DB)."""

import pytest

from hub import markdown
from tests.hub.safety import XSS_PAYLOADS, unsafe


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markdown_payload_renders_without_anything_executable(payload):
    html = markdown.render(f"Before\n\n{payload}\n\nafter [ok](https://example.org)")
    assert unsafe(html) == []
    # The safe link around the payload survives, with rel="noopener".
    assert '<a href="https://example.org" rel="noopener">ok</a>' in html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_public_content_links_also_get_nofollow(payload):
    html = markdown.render(f"{payload} [ok](https://example.org)", nofollow=True)
    assert unsafe(html) == []
    assert 'rel="noopener nofollow"' in html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_replacement_cannot_smuggle_markup_into_text(payload):
    html = markdown.replace_text("<p>在留カード</p>", {"在留カード": payload})
    assert unsafe(html) == []


@pytest.mark.parametrize(
    ("source", "blocks"),
    [
        ("one\n\ntwo\n\nthree", ["<p>one</p>", "<p>two</p>", "<p>three</p>"]),
        ("# Head\n\ntext", ["<h2>Head</h2>", "<p>text</p>"]),
        ("- a\n- b\n\nend", ["<ul>\n<li>a</li>\n<li>b</li>\n</ul>", "<p>end</p>"]),
        ("> quoted\n\n---", ["<blockquote>\n<p>quoted</p>\n</blockquote>", "<hr>"]),
        ("", []),
        ("<script>x</script>", ["<p>&lt;script&gt;x&lt;/script&gt;</p>"]),
    ],
)
def test_top_level_blocks(source, blocks):
    assert markdown.render_blocks(source) == blocks


@pytest.mark.parametrize(
    ("html", "nodes"),
    [
        ("<p>在留<strong>カード</strong></p>", ["在留", "カード"]),
        ("<p>a &amp; b</p>", ["a & b"]),
        ("<pre><code>漢字</code></pre>", []),
    ],
)
def test_text_nodes_skip_code_and_unescape(html, nodes):
    assert markdown.text_nodes(html) == nodes


def test_ruby_replacement_keeps_structure_and_escapes_the_rest():
    ruby = '<span lang="ja"><ruby>在留<rp>(</rp><rt>ざいりゅう</rt><rp>)</rp></ruby></span>'
    html = markdown.replace_text(
        '<p><a href="https://example.org">在留</a> &lt;b&gt;</p>', {"在留": ruby}
    )
    assert html == (
        '<p><a href="https://example.org" rel="noopener">' + ruby + "</a> &lt;b&gt;</p>"
    )


def test_links_keep_only_safe_schemes():
    html = markdown.render("[m](mailto:a@example.org) [t](tel:000) [r](/news/) [h](http://x.org)")
    assert 'href="mailto:a@example.org"' in html
    assert 'href="tel:000"' in html
    assert 'href="/news/"' in html
    assert 'href="http://x.org"' in html
