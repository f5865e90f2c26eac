"""Common industrial sector words in nine languages, each with the English EuroSciVoc field it names.

A member list writes its sectors in its own language (Automaatio, Teollisuusrobotiikka, Mecanizado, Robótica ...): as
Sector nodes they named no EuroSciVoc field, so they played no part in the partner rankings until the user added English
aliases. `graph.store.sector_fields.best_field` tries a name's word here when its own name and aliases find no field:
the whole name folded (`fold`) is a word, or starts with one and a space ("Robótica colaborativa"), the longest first.

Data only: field name -> its words in Finnish, Swedish, Danish, Norwegian, German, Spanish, Italian, French and Polish,
written as users write them (folded when read), a word shared by languages once. Every field is one the bundled
sample's CORDIS projects are tagged with (tests/test_sector_words.py checks it), and a word names one field only.
"""

from __future__ import annotations

__all__ = ["SECTOR_WORDS"]

SECTOR_WORDS: dict[str, str] = {
    "automation": "automaatio, teollisuusautomaatio, automatisering, automation, Automatisierung, Industrieautomation, "
                  "automatización, automazione, automatisation, automatyzacja, automatyka",
    "robotics": "robotiikka, teollisuusrobotiikka, robotik, robotikk, Industrierobotik, robótica, robotique, "
                "robotyka",
    "mechatronics": "mekatroniikka, mekatronik, mekatronikk, Mechatronik, mecatrónica, meccatronica, mécatronique, "
                    "mechatronika",
    "manufacturing engineering": "valmistustekniikka, tillverkning, produktion, Fertigung, Fertigungstechnik, "
                                 "Produktionstechnik, fabricación, manufactura, manifattura, fabrication, produkcja, "
                                 "máquina-herramienta, máquinas-herramienta, Werkzeugmaschinen, macchine utensili, "
                                 "machines-outils, obrabiarki, työstökoneet, verktygsmaskiner",
    "additive manufacturing": "3D-tulostus, additiivinen valmistus, additiv tillverkning, additiv fremstilling, "
                              "additiv produksjon, 3D-Druck, additive Fertigung, fabricación aditiva, impresión 3D, "
                              "manifattura additiva, stampa 3D, fabrication additive, impression 3D, "
                              "druk 3D, produkcja addytywna",
    "subtractive manufacturing": "koneistus, skärande bearbetning, spåntagning, zerspanung, mecanizado, "
                                 "lavorazioni meccaniche, usinage, obróbka skrawaniem",
    "materials engineering": "materiaalit, materiaalitekniikka, material, materialer, Werkstoffe, Werkstofftechnik, "
                             "materiales, materiali, matériaux, materiały, materiałoznawstwo",
    "composites": "komposiitit, kompositer, kompositter, Verbundwerkstoffe, composites, compuestos, materiales "
                  "compuestos, compositi, materiali compositi, kompozyty",
    "polymer sciences": "muovit, plast, plastik, Kunststoffe, plásticos, materie plastiche, plastica, plasturgie, "
                        "plastiques, tworzywa sztuczne, polymeerit, polymerer, Polymere, polímeros, polimeri, "
                        "polymères",
    "metallurgy": "metalliteollisuus, metallurgia, teräs, metall, stål, metal, Metallurgie, Stahl, metalurgia, "
                  "siderurgia, acero, acciaio, sidérurgie, acier, hutnictwo",
    "ceramics": "keramiikka, keramik, keramikk, cerámica, céramique, ceramika",
    "textiles": "tekstiili, tekstiilit, textil, tekstil, Textilien, textiles, tessile, tessili, textile, tekstylia, "
                "włókiennictwo",
    "woodworking": "puu, puutuote, puunjalostus, trä, træ, treindustri, Holz, Holzverarbeitung, madera, legno, bois, "
                   "drewno, drzewnictwo",
    "forestry": "metsä, metsätalous, skog, skogsbruk, skovbrug, skogbruk, Forstwirtschaft, forestal, silvicultura, "
                "selvicoltura, forestale, foresterie, sylviculture, leśnictwo",
    "agriculture": "maatalous, jordbruk, landbrug, landbruk, Landwirtschaft, agricultura, agricoltura, agriculture, "
                   "rolnictwo",
    "fisheries": "kalatalous, kalastus, vesiviljely, fiske, fiskeri, akvakultur, havbruk, Fischerei, Aquakultur, "
                 "pesca, acuicultura, acquacoltura, pêche, aquaculture, rybołówstwo, akwakultura",
    "food technology": "elintarvike, elintarvikkeet, elintarviketeollisuus, livsmedel, fødevarer, næringsmidler, mat, "
                       "Lebensmittel, Lebensmitteltechnik, alimentación, agroalimentario, alimentare, agroalimentare, "
                       "alimentaire, agroalimentaire, żywność, przemysł spożywczy",
    "bioeconomy": "biotalous, bioekonomi, Bioökonomie, bioeconomía, bioéconomie, biogospodarka",
    "energy and fuels": "energia, energiateknologia, energi, Energie, Energietechnik",
    "renewable energy": "uusiutuva energia, förnybar energi, vedvarende energi, erneuerbare Energie, "
                        "erneuerbare Energien, energía renovable, energías renovables, energia rinnovabile, "
                        "energie rinnovabili, énergie renouvelable, énergies renouvelables, energia odnawialna, "
                        "odnawialne źródła energii, OZE",
    "solar energy": "aurinkoenergia, solenergi, Solarenergie, Solarthermie, energía solar, energia solare, "
                    "énergie solaire, energia słoneczna",
    "photovoltaic": "aurinkosähkö, solceller, Photovoltaik, fotovoltaica, fotovoltaico, photovoltaïque, fotowoltaika",
    "wind energy": "tuulivoima, vindkraft, vindenergi, Windenergie, Windkraft, energía eólica, eólica, "
                   "eolico, énergie éolienne, éolien, energetyka wiatrowa, energia wiatrowa",
    "hydrogen energy": "vety, vedyn, vätgas, brint, hydrogen, Wasserstoff, hidrógeno, idrogeno, hydrogène, wodór",
    "electric batteries": "akut, akku, akkuteknologia, batterier, Batterien, Batterie, baterías, batería, "
                          "batteria, baterie, akumulatory",
    "electric vehicles": "sähköautot, sähköinen liikenne, elbilar, elfordon, elbiler, Elektromobilität, "
                         "Elektrofahrzeuge, vehículo eléctrico, vehículos eléctricos, movilidad eléctrica, "
                         "veicoli elettrici, mobilità elettrica, véhicules électriques, "
                         "électromobilité, elektromobilność",
    "automotive engineering": "autoteollisuus, ajoneuvot, fordonsindustri, fordon, bilindustri, Automobil, "
                              "Automobilindustrie, Fahrzeugbau, automoción, automotriz, automotive, automobile, "
                              "automobilistico, motoryzacja, przemysł motoryzacyjny",
    "aeronautical engineering": "ilmailu, luftfart, Luftfahrt, aeronáutica, aéronautique, lotnictwo",
    "satellite technology": "avaruus, rymd, rymdteknik, rumfart, romfart, Raumfahrt, espacio, aeroespacial, spazio, "
                            "aerospaziale, aérospatial, espace, kosmos, przemysł kosmiczny",
    "sea vessels": "meriteollisuus, laivanrakennus, varv, skeppsbyggnad, maritim, skibsbygning, skipsbygging, "
                   "maritime Wirtschaft, Schiffbau, naval, construcción naval, marítimo, cantieristica navale, "
                   "marittimo, construction navale, maritime, przemysł stoczniowy, stocznie, przemysł morski",
    "freight transport": "logistiikka, logistik, logistikk, logística, logistique, logistyka",
    "transport": "liikenne, kuljetus, transport, transporte, trasporti, trasporto, Verkehr, mobilité, mobilidad, "
                 "mobilità, Mobilität, mobilitet, liikkuminen",
    "software": "ohjelmistot, ohjelmisto, ohjelmistokehitys, mjukvara, programvara, programvare, logiciel, logiciels, "
                "oprogramowanie",
    "artificial intelligence": "tekoäly, artificiell intelligens, kunstig intelligens, künstliche Intelligenz, "
                               "inteligencia artificial, intelligenza artificiale, intelligence artificielle, "
                               "sztuczna inteligencja",
    "internet of things": "esineiden internet, sakernas internet, tingenes internet, Internet der Dinge, "
                          "internet de las cosas, internet delle cose, internet des objets, internet rzeczy",
    "sensors": "anturit, anturi, anturitekniikka, sensorer, sensorteknik, Sensorik, Sensoren, sensores, sensori, "
               "sensoristica, capteurs, czujniki",
    "microelectronics": "elektroniikka, mikroelektroniikka, elektronik, elektronikk, Mikroelektronik, electrónica, "
                        "microelectrónica, elettronica, microelettronica, électronique, microélectronique, "
                        "elektronika, mikroelektronika",
    "semiconductivity": "puolijohteet, halvledare, halvledere, Halbleiter, semiconductores, semiconduttori, "
                        "semi-conducteurs, semiconducteurs, półprzewodniki",
    "telecommunications": "tietoliikenne, telekommunikation, telekommunikasjon, telecomunicaciones, "
                          "telecomunicazioni, télécommunications, telekomunikacja",
    "computer security": "kyberturvallisuus, tietoturva, cybersäkerhet, informationssäkerhet, cybersikkerhed, "
                         "cybersikkerhet, Cybersicherheit, IT-Sicherheit, ciberseguridad, sicurezza informatica, "
                         "cybersicurezza, cybersécurité, cyberbezpieczeństwo",
    "virtual reality": "virtuaalitodellisuus, virtuell verklighet, virtual reality, Virtuelle Realität, "
                       "realidad virtual, realtà virtuale, réalité virtuelle, rzeczywistość wirtualna",
    "video games": "pelit, peliteollisuus, spel, datorspel, computerspil, dataspill, Computerspiele, Videospiele, "
                   "videojuegos, videogiochi, jeux vidéo, gry komputerowe, gry wideo",
    "drones": "droonit, drönare, droner, Drohnen, droni, drony",
    "health care services": "terveys, terveydenhuolto, hälsa, sjukvård, sundhed, helse, Gesundheit, "
                            "Gesundheitswesen, salud, sanidad, sanità, salute, santé, zdrowie, ochrona zdrowia",
    "eHealth": "digitaalinen terveys, e-hälsa, digital sundhed, e-helse, digitale Gesundheit, E-Health, "
               "salud digital, sanità digitale, santé numérique, e-santé, e-zdrowie",
    "medical engineering": "lääketekniikka, terveysteknologia, medicinteknik, medicoteknik, medisinsk teknologi, "
                           "Medizintechnik, tecnología médica, tecnologías sanitarias, dispositivos médicos, "
                           "dispositivi medici, tecnologie biomediche, dispositifs médicaux, technologies médicales, "
                           "wyroby medyczne, technika medyczna",
    "pharmaceutical drugs": "lääke, lääkkeet, lääketeollisuus, läkemedel, lægemidler, legemidler, Pharma, "
                            "Pharmazie, Arzneimittel, farmacéutico, farmacia, farmaceutica, "
                            "pharmaceutique, pharmacie, farmacja, przemysł farmaceutyczny",
    "chemical process engineering": "kemia, kemianteollisuus, kemi, kemisk industri, kjemi, Chemie, "
                                    "chemische Industrie, química, industria química, chimica, industria chimica, "
                                    "chimie, chemia, przemysł chemiczny",
    "mining and mineral processing": "kaivostoiminta, kaivosteollisuus, gruvindustri, gruvdrift, minedrift, "
                                     "gruvedrift, Bergbau, minería, industria mineraria, estrazione mineraria, "
                                     "industrie minière, mines, górnictwo",
    "recycling": "kierrätys, kiertotalous, återvinning, cirkulär ekonomi, genanvendelse, cirkulær økonomi, "
                 "gjenvinning, sirkulær økonomi, Recycling, Kreislaufwirtschaft, reciclaje, economía circular, "
                 "riciclo, economia circolare, recyclage, économie circulaire, recykling, gospodarka cyrkularna, "
                 "gospodarka o obiegu zamkniętym",
    "waste management": "jätehuolto, avfallshantering, affaldshåndtering, avfallshåndtering, Abfallwirtschaft, "
                        "gestión de residuos, residuos, gestione dei rifiuti, rifiuti, gestion des déchets, déchets, "
                        "gospodarka odpadami, odpady",
    "water management": "vesi, vesihuolto, vatten, vand, vann, Wasser, Wasserwirtschaft, agua, gestión del agua, "
                        "acqua, gestione delle acque, eau, gestion de l'eau, woda, gospodarka wodna",
    "civil engineering": "rakentaminen, rakennusala, byggande, bygg, byggeri, Bauwesen, Bauindustrie, construcción, "
                         "edilizia, costruzioni, construction, BTP, bâtiment, budownictwo",
    "smart cities": "älykkäät kaupungit, smarta städer, smart city, ciudades inteligentes, "
                    "città intelligenti, smart cities, villes intelligentes, ville intelligente, inteligentne miasta",
}
