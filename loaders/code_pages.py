"""Which code page a text file that is not UTF-8 is in: Western European (Windows-1252), Central European
(Windows-1250), Baltic (Windows-1257) or Cyrillic (Windows-1251), Latin-1 when none reads it better.

Excel on Windows saves "CSV" in the code page of its Windows: Windows-1252 in Western Europe, Windows-1250 in
Poland, Czechia, Slovakia, Hungary, Croatia, Slovenia and Romania. Nearly every byte is valid in both, so trying
Windows-1252 first read a Polish export with its letters garbled (`Wroc³aw`, `dolnoœl¹skie`), and one `Ź` (0x8F,
undefined in Windows-1252) made it Latin-1, `ś` an invisible control character and the file "binary data".
charset-normalizer (3.5, tried on three-line files) took short Danish, German and French files for Windows-1250 too
(`Řresund`), so the guess is this small scorer. Each reading is scored by its characters outside ASCII:

* one that is no letter of the languages the code page serves, written before a letter or after a word of three,
  is a sign of a wrong reading (`³` in `Wroc³aw` and `Micha³`, `¯` in `¯elazna`, `ì` inside `Budìjovice`: Italian
  writes its grave accents at the end of a word); a unit's superscript (`m³`) or a pound sign before digits is not;
* every language beyond the first that its letters need is another: read as Windows-1250, a Danish `Øresund Ålborg
  Næstved` is `Řresund Ĺlborg Nćstved` and needs Czech, Slovak and Polish; read as Windows-1252, Danish alone.

Bulgarian and Baltic exports (Windows-1251, -1257) had been read as Windows-1252 (`Òåõíè÷åñêè`, `Ðiauliø`). Two more
signs tell them: a Cyrillic letter beside a Latin one (`Mьller` is German read as Windows-1251), and a letter at the
end of a word that its languages write only inside one (`â`, `î`, `ç`: Latvian `Tehniskā` read as Windows-1252 is
`Tehniskâ`, all French letters).

The lowest score wins; a tie (German text is the same in all but Windows-1251) goes to Windows-1252, then
Windows-1250, Windows-1257, Windows-1251: the order of `CODE_PAGES`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["CODE_PAGES", "PAGE_NAMES", "guess_code_page", "guessed_note", "other_pages", "accented_words"]

#: The code pages tried, in the order a tie goes, with the lowercase letters of the languages each serves.
CODE_PAGES: dict[str, dict[str, str]] = {
    "cp1252": {"German": "äöüß", "Danish/Norwegian": "æøåé", "Swedish": "åäöé", "Finnish": "äöåšž",
               "French": "àâçéèêëîïôûùüÿœæ", "Spanish": "áéíóúñü¿¡", "Portuguese": "áâãàçéêíóôõú",
               "Italian": "àèéìíòóù", "Dutch": "éëïèöüáó", "Icelandic": "áðéíóúýþæö", "Catalan": "àèéíïòóúüç"},
    "cp1250": {"Polish": "ąćęłńóśźż", "Czech": "áčďéěíňóřšťúůýž", "Slovak": "áäčďéíĺľňóôŕšťúýž",
               "Hungarian": "áéíóöőúüű", "Croatian/Slovenian": "čćđšž", "Romanian": "ăâîşţ", "German": "äöüß",
               "Albanian": "çë"},
    "cp1257": {"Lithuanian": "ąčęėįšųūž", "Latvian": "āčēģīķļņšūž", "Estonian": "äöõüšž"},
    "cp1251": {language: "абвгдежзклмнопрстуфхцчш" + own for language, own in (
        ("Bulgarian", "ийщъьюя"), ("Russian", "ёийщъыьэюя"), ("Ukrainian", "ґєиіїйщьюя"), ("Belarusian", "ёійўыьэюя"),
        ("Serbian/Macedonian", "ђѓѕијљњћќџ"))},
}
CODE_PAGES["latin-1"] = CODE_PAGES["cp1252"]  # the same letters; its 0x80-0x9F are control characters
#: Languages that write these letters only at the end of a word (`città`, `così`, `perché`).
WORD_END_ONLY = {"Italian": "àèéìíòóù"}
#: Letters these languages write only inside a word (`château`, `île`, `façade`; Romanian `â`).
NOT_AT_WORD_END = {"French": "âîç", "Portuguese": "âç", "Romanian": "â"}
_CYRILLIC_BESIDE_LATIN = re.compile(r"(?<=[A-Za-z])[\u0400-\u04ff]|[\u0400-\u04ff](?=[A-Za-z])")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_ACCENTED = re.compile(r"\w*[^\x00-\x7f\W]\w*")


def guess_code_page(data: bytes) -> tuple[str, str]:
    """The text of `data` (not UTF-8) and the code page it reads best in (see the module's docstring).

    >>> guess_code_page("Wrocław;dolnośląskie".encode("cp1250"))
    ('Wrocław;dolnośląskie', 'cp1250')
    >>> guess_code_page("Øresund;Næstved".encode("cp1252")), guess_code_page("Müller;Köln".encode("cp1252"))
    (('Øresund;Næstved', 'cp1252'), ('Müller;Köln', 'cp1252'))
    """
    readings = []
    for order, page in enumerate(CODE_PAGES):
        try:
            text = data.decode(page)
        except UnicodeDecodeError:
            continue
        readings.append((_unlikeliness(text, CODE_PAGES[page]), order, text, page))
    _, _, text, page = min(readings)  # Latin-1 reads every byte
    return text, page


def _unlikeliness(text: str, languages: dict[str, str]) -> int:
    """How unlikely `text` is as written in `languages`: its non-letters before a letter, plus the languages beyond
    the first that its letters need (a greedy cover, near enough for the dozen each code page serves)."""
    letters, misplaced = set(), len(_CYRILLIC_BESIDE_LATIN.findall(text))
    for found in _NOT_ASCII.finditer(text):
        char, after = found.group().lower(), text[found.end():found.end() + 1]
        before = text[max(found.start() - 3, 0):found.start()]
        ruled_out = WORD_END_ONLY if after.isalpha() else NOT_AT_WORD_END  # the letters a language rules out here
        if any(char in spelt and char not in ruled_out.get(language, "") for language, spelt in languages.items()):
            letters.add(char)
        elif after.isalpha() or (len(before) == 3 and before.isalpha()):
            misplaced += 1
    needed = 0
    while letters:
        most = max(languages.values(), key=lambda spelt: len(letters.intersection(spelt)))
        if not letters.intersection(most):
            break
        letters -= set(most)
        needed += 1
    return misplaced + max(needed - 1, 0)


#: How a note names each code page the reader may guess.
PAGE_NAMES = {"cp1252": "Windows-1252", "cp1250": "Windows-1250", "cp1257": "Windows-1257", "cp1251": "Windows-1251",
              "latin-1": "Latin-1"}
#: What a note or a template's comment offers instead of a guess.
_SETTINGS = {"cp1250": '"cp1250" (Central European: Polish, Czech, Slovak, Hungarian, Croatian, Slovenian, Romanian)',
             "cp1252": '"cp1252" (Western European)', "cp1257": '"cp1257" (Baltic: Lithuanian, Latvian, Estonian)',
             "cp1251": '"cp1251" (Cyrillic: Bulgarian, Serbian, Macedonian, Russian, Ukrainian)'}


def other_pages(page: str) -> str:
    """The code pages to try when `page` was guessed wrong, as a note offers them.

    >>> other_pages("cp1257")
    '"cp1250" (Central European: Polish, Czech, Slovak, Hungarian, Croatian, Slovenian, Romanian), "cp1252" (Western \
European) or "cp1251" (Cyrillic: Bulgarian, Serbian, Macedonian, Russian, Ukrainian)'
    """
    *others, last = (setting for other, setting in _SETTINGS.items() if other != page)
    return f"{', '.join(others)} or {last}" if others else last


def accented_words(texts: Iterable[object], most: int = 4) -> list[str]:
    """The first `most` distinct words of `texts` holding a character outside ASCII: a user sees from them whether a
    file was read in the right code page (`Wrocław`, or `Wroc³aw`)."""
    words = dict.fromkeys(word for text in texts if isinstance(text, str) for word in _ACCENTED.findall(text))
    return list(words)[:most]


def guessed_note(file: str, page: str, texts: Iterable[object]) -> str:
    """The note on a file whose code page was guessed: the page, a few of its words as read and the other pages.

    >>> guessed_note("m.csv", "cp1251", ["id", "София", "София"])
    'm.csv: its letters were read as Windows-1251 (София); if they look wrong, set the encoding in the mapping: \
encoding = "cp1250" (Central European: Polish, Czech, Slovak, Hungarian, Croatian, Slovenian, Romanian), "cp1252" \
(Western European) or "cp1257" (Baltic: Lithuanian, Latvian, Estonian)'
    """
    words = accented_words(texts)
    shown = f" ({', '.join(words)})" if words else ""
    return (f"{file}: its letters were read as {PAGE_NAMES[page]}{shown}; if they look wrong, set the encoding in the "
            f"mapping: encoding = {other_pages(page)}")


def misread_page(meant: str, read: str, read_as: str) -> str | None:
    """The encoding a file is in whose text `meant` was read as `read` in `read_as` (a column the mapping names, as
    the header shows it): a "did you mean" had pointed the user at the garbled spelling (`NIP cz³onka`).

    >>> misread_page("NIP członka", "NIP cz³onka", "cp1252"), misread_page("Län", "Lan", "cp1252")
    ('cp1250', None)
    """
    for page in ("cp1250", "cp1252", "cp1257", "cp1251", "utf-8"):
        try:
            if page != read_as and meant != read and meant.encode(page).decode(read_as) == read:
                return page
        except (UnicodeError, LookupError):
            continue
    return None
