"""An Italian agency's cluster register (partite IVA as Italians write them, S.C.p.A. and S.Cons.p.A.) against CORDIS's
Italian organisations."""

from __future__ import annotations

from loaders.cluster_detection import name_key


def test_italian_legal_forms_are_set_aside_when_names_are_compared():
    assert name_key("Centro Ricerche Fiat S.C.p.A.") == name_key("CENTRO RICERCHE FIAT SCPA") == "centro ricerche fiat"
    assert name_key("ART-ER S.Cons.p.A.") == name_key("ART-ER-SOCIETA CONSORTILE PER AZIONI") == "art er"
    assert {name_key(n) for n in ("Rossi & Figli S.n.c.", "Rossi & Figli S.a.s.", "Rossi & Figli scrl",
                                  "Rossi & Figli S.c.a.r.l.", "Rossi & Figli S.a.p.a.")} == {"rossi figli"}
    assert name_key("Sapa Profili Srl") == "sapa profili"  # the first word stays
