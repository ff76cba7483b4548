"""Month names of European languages other than English, for day-first printed dates."""

from __future__ import annotations

__all__ = ["OTHER_MONTHS"]

# Day-first dates of other European languages ("13. April 2011", "27 octobre 2012", "12 de
# mayo de 2012", "16 Marzo 2014"): read day first only, so an English word that is also a
# month name elsewhere ("Mars", "mai") needs a day before it and a year after it.
OTHER_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        (
            "januar jänner janvier enero gennaio janeiro januari",
            "februar février fevrier febrero febbraio fevereiro februari",
            "märz maerz mars marzo março marco maart",
            "avril abril aprile",
            "mai mayo maggio maio mei",
            "juni juin junio giugno junho",
            "juli juillet julio luglio julho",
            "août aout agosto augustus",
            "septembre septiembre setiembre settembre setembro",
            "oktober octobre octubre ottobre outubro",
            "novembre noviembre novembro",
            "dezember décembre decembre diciembre dicembre dezembro",
        )
    )
    for name in names.split()
}
# Czech, Polish and Slovak month names, nominative and genitive ("1 Listopad, 2014", "12 listopadu
# 2014", "3 maja 2019"). Croatian is left out: its "listopad" is October, not November.
_SLAVIC_MONTHS = (
    "leden ledna styczeń styczen stycznia január januára",
    "únor unor února unora luty lutego február februára",
    "březen brezen března brezna marzec marca marec",
    "duben dubna kwiecień kwiecien kwietnia apríl apríla",
    "květen kveten května kvetna maj maja máj mája",
    "červen cerven června cervna czerwiec czerwca jún júna",
    "červenec cervenec července cervence lipiec lipca júl júla",
    "srpen srpna sierpień sierpien sierpnia augusta",
    "září zari wrzesień wrzesien września wrzesnia septembra",
    "říjen rijen října rijna październik pazdziernik października pazdziernika októbra",
    "listopad listopadu listopada novembra",
    "prosinec prosince grudzień grudzien grudnia decembra",
)
OTHER_MONTHS |= {name: i + 1 for i, names in enumerate(_SLAVIC_MONTHS) for name in names.split()}
