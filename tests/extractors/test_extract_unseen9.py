"""Ninth-round mechanisms: European chrome cues, labelled cross-links, comment items, wrapped prose."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.chromeline import is_line_chrome, measure
from extractors.clean import remove_chrome
from extractors.cues import find_cues
from extractors.htmlbody import join_wrapped, repeats_furniture, share_of_prose
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
PROSA = (
    "El consejo municipal aprobó el martes el nuevo plan de movilidad, que amplía los carriles "
    "para bicicletas y reduce la velocidad máxima en el centro de la ciudad a treinta kilómetros."
)
PROSE = (
    "The city council approved the new transport plan on Tuesday, widening the cycle lanes and "
    "lowering the speed limit in the centre to thirty kilometres an hour from next spring."
)


def _chrome(line: str) -> bool:
    return is_line_chrome(line, line, measure(line, line))


def test_european_related_and_notice_lines_are_cues() -> None:
    assert "related" in find_cues("Te puede interesar")
    assert "related" in find_cues("Mehr zum Thema")
    assert "related" in find_cues("À lire aussi")
    assert "legal" in find_cues("© Riproduzione riservata")
    assert "legal" in find_cues("Alle Rechte vorbehalten.")
    assert "follow" in find_cues("Suivez-nous sur les réseaux")


def test_a_labelled_cross_link_line_is_chrome() -> None:
    assert _chrome("Related: Ten bridges that changed how cities move")
    assert _chrome("Lesen Sie auch: Der Stadtrat streitet über Radwege")
    assert _chrome("READ MORE: Council delays the vote on the cycle plan")
    assert _chrome("Les også: Bystyret utsetter avstemningen om sykkelveiene")
    assert not _chrome("Related projects in three other cities have already begun this year.")
    assert not _chrome(PROSE)


def test_a_related_heading_and_its_headline_list_end_the_article() -> None:
    paras = [
        PROSA,
        PROSA.replace("martes", "jueves"),
        PROSA.replace("consejo", "pleno"),
        "TAMBIÉN TE PUEDE INTERESAR",
        "- El ayuntamiento estudia cerrar el puente viejo al tráfico.",
        "- Los vecinos piden más autobuses nocturnos en los barrios.",
        "- La oposición critica el coste del nuevo aparcamiento.",
    ]
    kept = remove_chrome(paras, paras)
    assert kept == paras[:3]


def test_repeated_action_lines_mark_comment_items() -> None:
    article = f"{PROSE}\n{PROSE}"
    items = []
    for name in ("Ana", "Bruno", "Carla", "Dario"):
        items += [name, f"{name} thinks the plan is long overdue.", "Reply", "Share", "Report"]
    assert repeats_furniture(article + "\n" + "\n".join(items), article)
    more = "\n".join(f"Section {i}: {PROSE}" for i in range(4))
    assert not repeats_furniture(f"{article}\n{more}", article)


def test_hard_wrapped_paragraphs_are_prose() -> None:
    wrapped = (
        "The council approved the plan on Tuesday after a long\n"
        "debate about the cost of the new cycle lanes and\n"
        "the lower speed limit in the centre of the city."
    )
    assert join_wrapped(wrapped.split("\n")) == [" ".join(wrapped.split("\n"))]
    assert share_of_prose(wrapped) == 1.0
    menu = "Home\nNews\nSport\nWeather\nContact"
    assert share_of_prose(menu) == 0.0


def test_a_hard_wrapped_story_with_a_long_comment_thread_keeps_the_story() -> None:
    story = "".join(
        f"<p>The council approved the plan on Tuesday, {i}, after a long\n"
        "debate about the cost of the new cycle lanes and\n"
        "the lower speed limit in the centre of the city.</p>"
        for i in range(4)
    )
    comment = (
        "I have cycled to work for ten years and the new lanes will finally make the ride "
        "to the station safe for my children as well, so I welcome this decision warmly."
    )
    thread = "".join(
        f"<div class='c'><div>Reader {i}</div><p>{comment} ({i})</p>"
        "<div>Reply</div><div>Share</div><div>Report</div></div>"
        for i in range(12)
    )
    markup = (
        "<html><head><title>Council approves cycle plan</title></head><body>"
        f"<h1>Council approves cycle plan</h1><div class='story'>{story}</div>"
        f"<div class='talk'>{thread}</div></body></html>"
    )
    page = Page(source="t", body=markup.encode(), fetched_at=FETCHED)
    text = extract_article(page).text
    assert "lower speed limit" in text
    assert "Reader 3" not in text and "ten years" not in text
