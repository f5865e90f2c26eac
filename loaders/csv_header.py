"""Where a CSV file's header is, what separates its cells, and what its words name.

The one CSV reader (`loaders.csv_tables`) takes its separator from here, and users' tables exported from a
spreadsheet with a title above the header are found here (`skip_lines`, `mapping new`). `mapping new` reads
which column is which from the header words (`HEADER_WORDS`) of the languages our users' funders publish in.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence

__all__ = ["SEPARATORS", "OFFICIAL", "HEADER_LANGUAGES", "HEADER_WORDS", "SECOND_CHOICE", "WHOLE_ONLY",
           "REGION_COUNTRY", "ID_COUNTRY", "REGION_COUNTRY_TOO", "POSTCODE_HEADERS", "NOT_WORD", "header_word",
           "id_entity", "fields", "sniff_separator", "after_lines", "header_line_holding", "likely_header",
           "header_currency"]

#: Every separator the reader knows, with its name for messages.
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
#: The separators the official sources (CORDIS, GISCO) are published with: a tab there means a re-saved file.
OFFICIAL = (",", ";")

#: The languages of `HEADER_WORDS`, as the README and docs/mapping.md name them (a test holds them to it).
HEADER_LANGUAGES = ("English", "Norwegian", "Swedish", "Danish", "Finnish", "Icelandic", "German", "French", "Italian",
                    "Polish", "Spanish", "Catalan")
#: Headers of a French postcode: a region column only where its cells are read as postcodes (`mapping new`).
POSTCODE_HEADERS = ("codepostal", "cp")
#: A bare project word (`Projekt`): a project's id where no case number (`Sagsnr.`, `Diarienummer`) is, else its
#: title.
_BARE_PROJECT = frozenset({"project", "prosjekt", "projekt", "hanke", "projekti", "verkefni", "projet", "progetto",
                           "proyecto", "projecte"})
#: Headers of a county's official number (Statistics Sweden's länskod, Statistics Norway's fylkesnummer, a French
#: département's number or postcode) -> its country: a region column (`loaders.county_numbers` reads the numbers). A
#: cluster list's `Länskod` had been left "not used", and its clusters placed nowhere; a French `Dép.` or `CP` too,
#: and an Italian `Provincia` or `Prov.` of sigle (`MI`, `TO`), which became national regions off the Map.
COUNTY_CODE_HEADERS = {**dict.fromkeys(("länskod", "lanskod", "länkod", "lankod", "länsnummer", "lansnummer", "länsnr",
                                        "lansnr"), "SE"),
                       **dict.fromkeys(("fylkesnummer", "fylkesnr", "fylkenummer", "fylkenr", "fylkeskode",
                                        "fylkekode"), "NO"),
                       **dict.fromkeys(("département", "departement", "dépt", "dép", *POSTCODE_HEADERS), "FR"),
                       **dict.fromkeys(("provincia", "prov", "siglaprovincia", "siglaprov"), "IT")}
#: A Spanish autonomous community's headers: a NUTS 2 region, which a table's `Provincia` (NUTS 3) names better.
_COMMUNITY = ("comunidadautónoma", "comunidadautonoma", "ccaa", "comunitatautònoma", "comunitatautonoma")
#: Header words (lowercase, letters and digits only) that name each column of the participation preset, in
#: `HEADER_LANGUAGES`; a header equal to one is a sure guess, a header holding one (of 5 letters or more) a
#: likely one. A Finnish table (`Hankenumero;Hankkeen nimi;Y-tunnus;Organisaatio;Rooli;Tuki;Maakunta;Maa`) had
#: every column left "" although the README promised Nordic headers.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "project_id": ("projectid", "projectnumber", "projectno", "projectnr", "projectcode", "grantid", "grantnumber",
                   "grantagreement", "prosjektnummer", "prosjektnr", "prosjektid", "projektnummer", "projektnr",
                   "projektid", "diarienummer", "diarienr", "dnr", "sagsnummer", "sagsnr", "journalnummer", "journalnr",
                   "hankenumero", "hankenro", "hanketunnus", "hankkeennumero", "projektinumero", "projektinro",
                   "projektitunnus", "diaarinumero", "verkefnisnúmer", "verkefnanúmer", "umsóknarnúmer",
                   "foerderkennzeichen", "förderkennzeichen", "numeroprojet", "numéroduprojet", "numérodeprojet",
                   "referenceprojet", "project", "prosjekt", "projekt", "hanke", "projekti", "verkefni", "projet",
                   "codiceprogetto", "idprogetto", "cup", "codicecup", "progetto", "numerumowy", "nrumowy",
                   "numerprojektu", "nrprojektu", "código", "codigo", "expediente", "referencia", "proyecto",
                   "projecte"),
    "project_title": ("projecttitle", "title", "projectname", "prosjekttittel", "prosjektnavn", "prosjekttitel",
                      "projekttitel", "projektnamn", "projektname", "projektnavn", "titel", "tittel", "hankkeennimi",
                      "hankkeenotsikko", "projektinnimi", "otsikko", "nimike", "verkefnisheiti", "heitiverkefnis",
                      "titill", "heiti", "titre", "titreduprojet", "intituléduprojet", "thema", "titolo",
                      "titoloprogetto", "titolodelprogetto", *_BARE_PROJECT, "denominazioneprogetto", "nomeprogetto",
                      "tytułprojektu",
                      "tytuł", "nazwaprojektu", "título", "titulo", "títulodelproyecto", "nombredelproyecto", "títol"),
    "project_acronym": ("acronym", "projectacronym", "akronym", "acronyme", "kortnavn", "kurztitel", "lyhenne",
                        "akronyymi", "skammstöfun", "acrónimo", "acronimo"),
    "start_date": ("startdate", "start", "projectstart", "startdato", "startdatum", "projektstart", "prosjektstart",
                   "alkupäivä", "alkupaiva", "alkupvm", "alkamispäivä", "aloituspäivä", "alkaa", "upphaf",
                   "upphafsdagur", "hefst", "beginn", "projektbeginn", "laufzeitbeginn", "laufzeitvon", "von",
                   "datededébut", "datededebut", "début", "dataavvio", "datainizio", "datadiavvio", "datadiinizio",
                   "avvio", "inizio", "datarozpoczęcia", "rozpoczęcie", "fechadeinicio", "fechainicio", "datadinici"),
    "end_date": ("enddate", "end", "projectend", "sluttdato", "slutdatum", "slutdato", "projektslut", "slut", "slutt",
                 "prosjektslutt", "loppupäivä", "loppupaiva", "loppupvm", "päättymispäivä", "päättyy", "lok",
                 "lokadagur", "lýkur", "ende", "enddatum", "projektende", "laufzeitende", "laufzeitbis", "bis",
                 "datedefin", "fin", "datafine", "dataconclusione", "datadifine", "datadiconclusione", "conclusione",
                 "datazakończenia", "zakończenie", "fechadefin", "fechafin", "datadefi"),
    "organisation_id": ("organisationid", "organizationid", "organisationnumber", "organizationnumber", "orgnr",
                        "orgno", "orgid", "orgnumber", "pic", "organisasjonsnummer", "organisasjonsnr",
                        "organisationsnummer", "orgnummer", "cvr", "cvrnummer", "cvrnr", "senummer", "ytunnus",
                        "yritystunnus", "organisaatiotunnus", "businessid", "kennitala", "vatnumber", "siret",
                        "siren", "foretaksnummer", "foretaksnr", "bedriftsnummer", "firmenbuchnummer", "firmenbuchnr",
                        "uid", "uidnummer", "handelsregisternummer", "registernummer", "handelsregisternr",
                        "ustidnr", "ustid", "ustidnummer", "umsatzsteuerid", "umsatzsteueridentifikationsnummer",
                        "vatid", "vatno", "partitaiva", "piva", "codicefiscale", "nip", "nipczłonka", "nipfirmy",
                        "regon", "krs", "cif", "nif", "cifnif", "nifcif", "nifiva"),
    "organisation_name": ("organisationname", "organizationname", "organisation", "organization", "beneficiary",
                          "partnername", "participantname", "name", "navn", "namn", "nimi", "nafn", "nom",
                          "legalname", "organisasjonsnavn", "organisasjon", "virksomhet", "organisationsnamn",
                          "organisationsnavn", "virksomhed", "virksomhedsnavn", "ansøger", "tilskudsmodtager",
                          "foretag", "företag", "organisaatio", "organisaationnimi", "yritys", "yrityksennimi",
                          "tuensaaja", "hakija", "toteuttaja", "fyrirtæki", "stofnun", "umsækjandi", "styrkþegi",
                          "einrichtung", "zuwendungsempfänger", "organisme", "nomdelorganisme", "bénéficiaire",
                          "orgname", "organame", "orgnavn", "orgnamn", "participant", "partner", "applicant",
                          "company", "companyname", "institution", "firma", "firmanavn", "bedrift", "bedriftsnavn",
                          "foretaksnavn", "selskapsnavn", "företagsnamn", "firmenname", "unternehmen", "entreprise",
                          "raisonsociale", "dénomination", "denomination", "dénominationsociale", "société", "societe",
                          "nomdelentreprise", "adhérent", "adherent", "membre", "partenaires", "partenaire",
                          "partners", "partnere", "partnerit", "kumppanit", "partnerdiprogetto", "beneficiari",
                          "beneficiario", "ragionesociale", "denominazione", "denominazionesociale", "nome", "soggetto",
                          "impresa", "azienda", "partnerzy", "członek", "nazwaczłonka", "nazwafirmy", "nazwa",
                          "beneficjenci", "razónsocial", "razonsocial", "denominación", "denominacion", "nombre",
                          "empresa", "entidad", "raósocial", "raosocial", "entitat", "socios", "participantes",
                          "entidadesparticipantes"),
    # a project's lead partner named in a column of its own, beside a cell listing the other partners
    "coordinator": ("coordinator", "projectcoordinator", "leadpartner", "lead", "leadorganisation", "leadorganization",
                    "leadapplicant", "leadbeneficiary", "konsortialführer", "konsortialfuhrer", "konsortialfuehrer",
                    "koordinator", "koordinatorin", "projektkoordinator", "verbundkoordinator", "projektleitung",
                    "projektledare", "huvudsökande", "prosjektleder", "prosjektansvarlig", "hovedsøker",
                    "projektleder", "hovedansøger", "koordinaattori", "päätoteuttaja", "verkefnisstjóri",
                    "aðalumsækjandi", "coordinateur", "chefdefile", "porteurduprojet", "capofila", "soggettocapofila",
                    "beneficiariocapofila", "partnercapofila", "coordinatore", "beneficjent", "beneficjentlider",
                    "lider", "liderprojektu", "wnioskodawca", "coordinador", "líder", "solicitante"),
    "role": ("role", "partnerrole", "participantrole", "rolle", "roll", "rooli", "hlutverk", "rôle", "funktion",
             "ruolo"),
    "amount": ("amount", "grant", "grantamount", "contribution", "eccontribution", "funding", "tildeltbeløp",
               "tildelt", "beløp", "bevilget", "bevilgetbeløp", "belopp", "beviljatbelopp", "beviljat",
               "tilskud", "tilskudsbeløb", "bevilling", "bevillingsbeløb", "beløb", "tuki", "tukisumma",
               "myönnetty", "myönnettytuki", "avustus", "rahoitus", "summa", "styrkur", "styrkupphæð", "upphæð",
               "fjárhæð", "fördersumme", "betrag", "zuwendung", "montant", "subvention",
               "contributoconcesso", "contributo", "finanziamento", "agevolazioneconcessa", "agevolazione",
               "importoconcesso", "importo", "wartośćdofinansowania", "dofinansowanie", "kwotadofinansowania",
               "subvención", "subvencion", "ayudaconcedida", "importe", "presupuesto", "budjetti", "budsjett",
               "tilskudd", "tilskuddsbeløp"),
    "country": ("country", "countrycode", "land", "landkode", "landskod", "maa", "maakoodi", "pays", "staat",
                "paese", "nazione", "país", "pais"),
    "region": ("region", "nuts", "nutscode", "nutsregion", "fylke", "län", "lan", "landsdel", "maakunta", "alue",
               "landshluti", "svæði", "bundesland", "regierungsbezirk", "województwo", "wojewodztwo", "província",
               *COUNTY_CODE_HEADERS, *_COMMUNITY),
    # a town's words before a municipality's: a Danish member list's `By` (Aarhus) beside its `Kommune` (Aarhus Kommune)
    "city": ("city", "town", "poststed", "postort", "ort", "by", "kaupunki", "paikkakunta", "staður", "stadt", "ville",
             "città", "citta", "municipality", "kommun", "kommune", "kunta", "kotikunta", "sveitarfélag", "comune",
             "miejscowość", "miasto", "municipio", "localidad", "población", "poblacion", "ciudad", "municipi",
             "població", "kotipaikka"),  # a Finnish member list's home municipality
    "sme": ("sme", "smb", "smv", "pkyritys", "kmu", "pme", "pmi", "issme", "pyme"),
    "sector": ("sector", "theme", "topic", "field", "researchfield", "tema", "fagområde", "fagomrade", "område",
               "bransje", "bransch", "branche", "sektor", "toimiala", "teema", "aihe", "tieteenala", "ala", "svið",
               "fagsvið", "atvinnugrein", "thème", "thematique", "thématique", "domaine", "themenfeld",
               "forschungsfeld", "settore", "areatematica", "ambito", "actividad", "cnae", "códigocnae", "activitat"),
    "participation_key": ("order", "participationid", "participantnumber", "partnernumber", "partnernr",
                          "rownumber", "lineno", "järjestys", "rivinumero"),
    "programme": ("programme", "program", "programm", "fundingscheme", "ordning", "virkemiddel", "satsing", "pulje",
                  "ohjelma", "rahoitusohjelma", "rahoitusmuoto", "tukimuoto", "sjóður", "áætlun",
                  "förderprogramm", "dispositif", "programma", "bando", "rahoittaja", "finansiär", "finansiar",
                  "finansiør"),
}
#: Words of a column that another column of the table may hold better: a municipality's (`Kommune`: Aarhus Kommune)
#: where the table has a town's too (`By`: Aarhus), whatever the words' lengths.
SECOND_CHOICE = {"city": frozenset({"municipality", "kommun", "kommune", "kunta", "kotikunta", "sveitarfélag",
                                      "municipio", "municipi"}),
                 # a Bavarian cluster list's `Regierungsbezirk` (Oberbayern, DE21) beside its `Bundesland` (Bayern)
                 "region": frozenset({"bundesland", *POSTCODE_HEADERS, *_COMMUNITY}),  # a Provincia before its CCAA
                 "organisation_id": frozenset({"regon", "krs"}),  # a Polish NIP before its REGON (CORDIS's VAT)
                 # a Danish `Sagsnr.` (case number) before its `Projekt` (an acronym): the bare word is a title then
                 "project_id": _BARE_PROJECT, "project_title": _BARE_PROJECT}
#: Header words that name their column only as the whole header: `Código` is a project's, `Código postal` not.
WHOLE_ONLY = frozenset({"código", "codigo"})
#: Region headers that only one country uses: the country of a national table that names none.
REGION_COUNTRY = {"fylke": "NO", "landsdel": "NO", "län": "SE", "lan": "SE", "landskap": "SE", "bundesland": "DE",
                  "regierungsbezirk": "DE", "landkreis": "DE", "maakunta": "FI", "landshluti": "IS",
                  "województwo": "PL", "wojewodztwo": "PL", **dict.fromkeys(_COMMUNITY, "ES"), **COUNTY_CODE_HEADERS}
#: Id headers that only one country's organisation numbers have: the country of a list that names no place (a
#: German member list's `USt-IdNr`, a Danish one's `CVR`), offered by `mapping new`, for the user to check.
ID_COUNTRY = {"cvr": "DK", "cvrnummer": "DK", "cvrnr": "DK", "senummer": "DK", "ytunnus": "FI", "yritystunnus": "FI",
              "kennitala": "IS", "siret": "FR", "siren": "FR", "firmenbuchnummer": "AT", "firmenbuchnr": "AT",
              "ustidnr": "DE", "ustid": "DE", "ustidnummer": "DE", "handelsregisternummer": "DE",
              "handelsregisternr": "DE", "organisasjonsnummer": "NO", "organisasjonsnr": "NO", "foretaksnummer": "NO",
              "organisationsnummer": "SE", "partitaiva": "IT", "piva": "IT", "codicefiscale": "IT",
              **dict.fromkeys(("nip", "nipczłonka", "nipfirmy", "regon", "krs"), "PL"),
              **dict.fromkeys(("cif", "nif", "cifnif", "nifcif", "nifiva"), "ES")}
#: Another country that uses a region header too, known by its regions' names (folded): Austria's Bundesländer,
#: whose table had been given country DE.
REGION_COUNTRY_TOO = {"bundesland": ("AT", frozenset({"burgenland", "karnten", "niederosterreich", "oberosterreich",
                                                      "salzburg", "steiermark", "tirol", "vorarlberg", "wien"}))}


#: What a header word leaves out: all but letters and digits (`header_word`; `mapping new` makes names with it too).
NOT_WORD = re.compile(r"[\W_]+")


def header_word(header: str) -> str:
    """A header as the header words are written: lowercase letters and digits (`Org.nr` -> `orgnr`).

    >>> header_word("Org.nr"), header_word("Partner_Land 2")
    ('orgnr', 'partnerland2')
    """
    return NOT_WORD.sub("", header.casefold())


_SEPARATED_ID = re.compile(r"(.*[^\W_])[\s_.-]+id", re.IGNORECASE)  # Cluster-ID, Cluster ID, cluster_id
_CAMEL_ID = re.compile(r"(.*[^\W\d_])(?<=[^\W\d_A-Z])(?:ID|Id)")  # clusterId, projectID; not UID, Solid


def id_entity(header: str) -> str | None:
    """What a header names the id of, as the header words are written (`Cluster-ID`, `Cluster ID`, `cluster_id`,
    `clusterId`: `cluster`), or None for a header of no such shape. Such a column is that entity's id: a member
    list's `Cluster-ID` had been left out and its `Clustername` cells made the clusters' ids.

    >>> id_entity("Cluster-ID"), id_entity("Partner ID"), id_entity("project_id"), id_entity("organisationID")
    ('cluster', 'partner', 'project', 'organisation')
    >>> id_entity("ID"), id_entity("UID"), id_entity("Solid"), id_entity("Org.nr")
    (None, None, None, None)
    """
    text = header.strip()
    found = _SEPARATED_ID.fullmatch(text) or _CAMEL_ID.fullmatch(text)
    return header_word(found.group(1)) if found else None


def fields(header_line: str, separator: str) -> list[str]:
    """The header's names as `separator` splits them, quotes respected (a header is one line)."""
    return [c.strip() for c in next(csv.reader([header_line], delimiter=separator), [])]


def sniff_separator(header_line: str, expected: Iterable[str] = (), separators: Sequence[str] = OFFICIAL) -> str:
    """The separator whose reading of the header names the most `expected` columns, then gives the most
    fields; the first of `separators` when none splits the line.

    >>> sniff_separator("id;name", {"id"}), sniff_separator("a|b|c", separators=tuple(SEPARATORS))
    (';', '|')
    """
    expected = set(expected)

    def score(separator: str) -> tuple[int, int]:
        names = fields(header_line, separator)
        return len(expected & set(names)), len(names)
    return max(separators, key=score)


def after_lines(text: str, count: int) -> str:
    """`text` from its line `count + 1` on (a title or notes above a spreadsheet's header)."""
    at = 0
    for _ in range(count):
        newline = text.find("\n", at)
        if newline < 0:
            return ""
        at = newline + 1
    return text[at:]


_LOOK_FOR_HEADER = 30  # lines: a spreadsheet's title and notes above its header are rarely more


def header_line_holding(text: str, separator: str, names: Iterable[str]) -> int | None:
    """The line (1-based) among the first ones of `text` whose cells hold every one of `names`, if any:
    where a header sits below a title that the reader took for it."""
    wanted = {n.strip() for n in names if n and n.strip()}
    for number_, line in enumerate(text.splitlines()[:_LOOK_FOR_HEADER], start=1):
        if wanted and wanted <= set(fields(line, separator)):
            return number_
    return None


def likely_header(text: str, separators: Sequence[str] = tuple(SEPARATORS)) -> tuple[int, str]:
    """The line (1-based) that most likely names the columns, and the separator: the one whose fullest line
    among the first ones has the most filled cells; the line, the first with nearly as many (a title above
    it fills one cell or none: `Grants 2023;;;`, `Grants 2023`).

    >>> likely_header("Grants 2023\\nid;name;role\\n1;Acme;lead\\n")
    (2, ';')
    """
    lines = text.splitlines()[:_LOOK_FOR_HEADER]
    filled = {sep: [sum(1 for cell in fields(line, sep) if cell) for line in lines] for sep in separators}
    separator = max(separators, key=lambda sep: max(filled[sep], default=0))
    widest = max(filled[separator], default=0)
    line = next((i for i, n in enumerate(filled[separator], start=1) if n >= 0.8 * widest), 1)
    return (line if widest > 1 else 1), separator


def header_currency(header: str) -> str | None:
    """The ISO code of a currency other than EUR that an amount column's header names (`Bevilget beløb (DKK)`,
    `Beløp NOK`), else None.

    >>> header_currency("Bevilget beløb (DKK)"), header_currency("Tilskud i EUR"), header_currency("Tuki")
    ('DKK', None, None)
    """
    import pycountry

    codes = [c for c in re.findall(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])", header)
             if pycountry.currencies.get(alpha_3=c)]
    return codes[0] if len(codes) == 1 and codes[0] != "EUR" else None
