"""A language lingua's twelve lack gets its own code; English is never re-read (lx49)."""

from __future__ import annotations

import pytest

from extractors.language import _lingua, detect_language

# Our own sentences, one per language the twelve lack; on each the twelve name a neighbour.
OUTSIDE_THE_TWELVE = (
    (
        "da",
        "Regeringen fremlagde i dag en ny plan for kunstig intelligens. Planen skal hjælpe "
        "virksomheder og kommuner med at bruge teknologien ansvarligt, og staten afsætter penge "
        "til uddannelse af medarbejdere i hele landet.",
    ),
    (
        "sv",
        "Regeringen presenterade i dag en ny strategi för artificiell intelligens. Strategin ska "
        "hjälpa företag och kommuner att använda tekniken på ett ansvarsfullt sätt, och staten "
        "satsar pengar på utbildning av anställda i hela landet.",
    ),
    (
        "tr",
        "Hükümet bugün yapay zekâ için yeni bir ulusal strateji açıkladı. Strateji, şirketlerin "
        "ve belediyelerin teknolojiyi sorumlu biçimde kullanmasına yardım edecek ve devlet, "
        "çalışanların eğitimi için kaynak ayıracak.",
    ),
    (
        "nb",
        "Regjeringen la i dag fram en ny nasjonal strategi for kunstig intelligens. Strategien "
        "skal hjelpe bedrifter og kommuner med å ta i bruk teknologien på en ansvarlig måte, og "
        "staten setter av penger til opplæring av ansatte i hele landet.",
    ),
    (
        "uk",
        "Уряд сьогодні представив нову національну стратегію штучного інтелекту. Стратегія "
        "допоможе компаніям і громадам відповідально використовувати технологію, а держава "
        "виділить кошти на навчання працівників по всій країні.",
    ),
)


@pytest.mark.parametrize(
    ("code", "text"), OUTSIDE_THE_TWELVE, ids=[c for c, _ in OUTSIDE_THE_TWELVE]
)
def test_a_language_the_twelve_lack_gets_its_own_code(code: str, text: str) -> None:
    neighbour = _lingua().detect_language_of(text)
    assert neighbour is not None and neighbour.iso_code_639_1.name.lower() != code
    assert detect_language(text) == code


def test_short_english_stays_english_where_trigrams_guess_another_language() -> None:
    # The trigram-only reading of all languages takes this sentence for Norwegian Bokmål.
    text = "Nvidia shares rose after a strong quarter, led by data centre sales."
    assert detect_language(text) == "en"


def test_a_language_of_the_twelve_keeps_its_code() -> None:
    text = (
        "Die Bundesregierung hat am Mittwoch eine neue Strategie für künstliche Intelligenz "
        "beschlossen und will Unternehmen bei der Einführung unterstützen."
    )
    assert detect_language(text) == "de"
