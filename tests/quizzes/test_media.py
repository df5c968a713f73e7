"""Which images a question may carry, how its text refers to them, and what the sanitiser keeps
of an <img> (quizzes.media)."""

from __future__ import annotations

import pytest

from quizzes import media
from quizzes.interop.base import sanitise
from quizzes.interop.render import question_text_html
from tests.quizzes.images import GIF, JPEG_HEAD, SVG, WEBP_HEAD, png

LIMIT = 10 * 1024


@pytest.mark.parametrize(
    ("data", "content_type"),
    [(png(), "image/png"), (JPEG_HEAD, "image/jpeg"), (GIF, "image/gif"), (WEBP_HEAD, "image/webp")],
)
def test_png_jpeg_gif_and_webp_are_accepted_by_their_first_bytes(data: bytes, content_type: str) -> None:
    image = media.image_check(name="figure.bin", data=data, max_bytes=LIMIT)
    assert image.content_type == content_type
    assert image.name == "figure.bin"


def test_a_file_named_like_an_image_that_is_not_one_is_refused() -> None:
    with pytest.raises(media.ImageRefused) as refused:
        media.image_check(name="map.png", data=b"%PDF-1.7 not an image", max_bytes=LIMIT)
    assert str(refused.value) == media.NOT_AN_IMAGE.format(name="map.png")


def test_svg_is_refused_saying_why_whatever_its_name() -> None:
    for name in ("drawing.svg", "drawing.png"):
        with pytest.raises(media.ImageRefused) as refused:
            media.image_check(name=name, data=SVG, max_bytes=LIMIT)
        assert str(refused.value) == media.SVG_REFUSED.format(name=name)
        assert "scripts" in str(refused.value)


def test_an_image_over_the_limit_is_refused_with_both_sizes() -> None:
    data = png() + b"\x00" * LIMIT
    with pytest.raises(media.ImageRefused) as refused:
        media.image_check(name="big.png", data=data, max_bytes=LIMIT)
    assert str(refused.value) == media.TOO_BIG.format(name="big.png", size=-(-len(data) // 1024), limit=10)


def test_an_empty_file_and_a_name_with_a_path_are_refused() -> None:
    with pytest.raises(media.ImageRefused, match="is empty"):
        media.image_check(name="empty.png", data=b"", max_bytes=LIMIT)
    for name in ("../../etc/passwd", "a\\b.png", "", ".."):
        with pytest.raises(media.ImageRefused, match="cannot be used"):
            media.image_check(name=name, data=png(), max_bytes=LIMIT)


def test_the_text_refers_to_files_by_their_url_encoded_name_as_moodle_does() -> None:
    assert media.file_reference("map of Europe.png") == "@@PLUGINFILE@@/map%20of%20Europe.png"
    text = '<p><img src="@@PLUGINFILE@@/map%20of%20Europe.png"> and ![x](@@PLUGINFILE@@/b.gif) and <img src="@@PLUGINFILE@@/b.gif"></p>'
    assert media.files_referenced(text) == ["map of Europe.png", "b.gif"]


def test_references_are_rewritten_to_the_versions_serving_url_only_when_shown() -> None:
    text = '<img src="@@PLUGINFILE@@/a%20b.png" alt="">'
    assert media.files_rewrite(text, 42) == '<img src="/question-files/42/a%20b.png" alt="">'
    assert media.files_rewrite(text, None) == text
    assert media.files_rewrite("no images", 42) == "no images"


@pytest.mark.parametrize(
    "src",
    [
        "javascript:alert(1)",
        "data:image/png;base64,iVBORw0KGgo=",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "https://tracker.example/pixel.gif",
        "//tracker.example/pixel.gif",
        "/media/question-files/ab/secret",
        "x",
    ],
)
def test_the_sanitiser_drops_every_image_source_but_the_questions_own_files(src: str) -> None:
    tag = f'Look: <img src="{src}" alt="map">'
    for fmt in ("html", "moodle"):
        assert sanitise(tag, fmt) == 'Look: <img alt="map">'
        assert str(question_text_html(tag, fmt)) == 'Look: <img alt="map">'
    shown = str(question_text_html(f"Look: ![map]({src})", "markdown"))
    assert "<img src" not in shown


def test_the_sanitiser_keeps_file_references_and_serving_urls() -> None:
    stored = '<img src="@@PLUGINFILE@@/a%20b.png" alt="map">'
    assert sanitise(stored, "html") == stored
    shown = str(question_text_html(media.files_rewrite(stored, 7), "html"))
    assert shown == '<img src="/question-files/7/a%20b.png" alt="map">'


def test_a_link_keeps_its_address_when_an_image_loses_its_source() -> None:
    assert sanitise('<a href="https://nato.int/">NATO</a>', "html") == '<a href="https://nato.int/" rel="noopener noreferrer">NATO</a>'
