"""Imported text is shown as HTML by its format, never unescaped without sanitising."""

from __future__ import annotations

from quizzes.interop.render import question_text_html


def test_plain_text_is_escaped() -> None:
    assert question_text_html('Is "a < b" & c?', "plain") == "Is &quot;a &lt; b&quot; &amp; c?"
    assert question_text_html("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"  # our own questions are plain


def test_html_is_sanitised_again_when_shown() -> None:
    assert question_text_html('<p onclick="x()">Hi <script>alert(1)</script><b>there</b></p>', "html") == "<p>Hi <b>there</b></p>"


def test_moodle_auto_format_keeps_line_breaks() -> None:
    assert question_text_html("one\ntwo <i>three</i>", "moodle") == "one<br>\ntwo <i>three</i>"


def test_markdown_is_rendered_without_raw_html() -> None:
    assert question_text_html("Which is **Article 5**? <script>x</script>", "markdown") == (
        "<p>Which is <strong>Article 5</strong>? &lt;script&gt;x&lt;/script&gt;</p>\n"
    )
