"""CORDIS projects and what they hang on: framework programme, legal bases, funding scheme, topic, fields.

Each project keeps its framework (`fp:HORIZON`, `fp:H2020`, `fp:FP7`), so several frameworks loaded into
one store stay apart. A legal basis links to its nearest ancestor code present, else to its framework;
EuroSciVoc fields nest by path.
"""

from __future__ import annotations

from collections import defaultdict

from graph.store.records import NodeRecord, RelRecord

__all__ = ["add_projects", "FRAMEWORKS"]

FRAMEWORKS = {"HORIZON": "Horizon Europe (2021-2027)", "H2020": "Horizon 2020 (2014-2020)",
               "FP7": "Seventh Framework Programme (2007-2013)"}
_PROJECT_PROPS = {"acronym": "acronym", "title": "title", "status": "status", "startDate": "start_date",
                  "endDate": "end_date", "totalCost": "total_cost", "ecMaxContribution": "ec_max_contribution",
                  "frameworkProgramme": "framework_programme", "fundingScheme": "funding_scheme",
                  "masterCall": "master_call", "subCall": "sub_call", "topics": "topic", "keywords": "keywords",
                  "objective": "objective", "rcn": "rcn", "grantDoi": "doi"}

def _codes(value: str | None) -> list[str]:
    return sorted(set(filter(None, (value or "").split(";"))))


def add_projects(projects, side, src, nodes, rels, notes) -> None:
    """Projects, FUNDED_BY their legal bases and funding scheme, ACTIVE_IN their topic and fields."""
    programmes: dict[str, NodeRecord] = {}
    sectors: dict[str, NodeRecord] = {}
    lb_of: dict[str, set[str]] = defaultdict(set)
    for r in side["legal_basis"]:
        lb_of[r["projectID"]].add(r["legalBasis"])
    lb_titles = {r["legalBasis"]: r.get("title") for r in side["legal_basis"]}
    topic_titles = {r["topic"]: r.get("title") for r in side["topics"]}
    lb_src, topic_src = src.get("legal_basis", src["projects"]), src.get("topics", src["projects"])
    lb_framework: dict[str, str] = {}
    several = 0
    for p in projects:
        pid, fp = f"cordis:{p['id']}", p.get("frameworkProgramme") or "HORIZON"
        props = {"grant_id": p["id"], **{v: p[k] for k, v in _PROJECT_PROPS.items() if p.get(k) is not None}}
        nodes.append(NodeRecord("Project", pid, p["acronym"] or p["title"], (src["projects"],), properties=props))
        programmes.setdefault(f"fp:{fp}", NodeRecord("Programme", f"fp:{fp}", FRAMEWORKS.get(fp, fp),
                                                     (src["projects"],), properties={"code": fp}))
        legal_bases = sorted(lb_of[p["id"]] | set(_codes(p.get("legalBasis"))))
        several += len(legal_bases) > 1
        for lb in legal_bases:
            lb_framework.setdefault(lb, fp)
            rels.append(RelRecord("FUNDED_BY", "Project", pid, "Programme", f"lb:{lb}", (src["projects"],)))
        if p.get("fundingScheme"):
            scheme = p["fundingScheme"].lstrip("/")
            programmes.setdefault(f"scheme:{scheme}", NodeRecord(
                "Programme", f"scheme:{scheme}", p.get("fundingSchemeTitle") or scheme, (src["projects"],),
                properties={"code": scheme}))
            rels.append(RelRecord("FUNDED_BY", "Project", pid, "Programme", f"scheme:{scheme}", (src["projects"],)))
        for topic in _codes(p.get("topics")):
            title = topic_titles.get(topic) or topic
            sectors.setdefault(topic, NodeRecord("Sector", f"topic:{topic}", title, (topic_src,),
                                                 properties={"code": topic, "vocabulary": "CORDIS topic"}))
            rels.append(RelRecord("ACTIVE_IN", "Project", pid, "Sector", f"topic:{topic}", (src["projects"],)))
    for lb, fp in sorted(lb_framework.items()):
        programmes[f"lb:{lb}"] = NodeRecord("Programme", f"lb:{lb}", lb_titles.get(lb) or lb, (lb_src,),
                                            properties={"code": lb})
        parent = lb.rsplit(".", 1)[0]  # the nearest ancestor code present, else the framework programme
        while "." in parent and parent not in lb_framework:
            parent = parent.rsplit(".", 1)[0]
        rels.append(RelRecord("PART_OF", "Programme", f"lb:{lb}", "Programme",
                              f"lb:{parent}" if parent in lb_framework else f"fp:{fp}", (lb_src,)))
    for r in side["euroscivoc"]:
        esv = r["euroSciVocCode"]
        sectors.setdefault(esv, NodeRecord("Sector", f"esv:{esv}", r["euroSciVocTitle"], (src["euroscivoc"],),
                                           properties={"code": esv, "path": r.get("euroSciVocPath") or "",
                                                       "vocabulary": "EuroSciVoc"}))
        rels.append(RelRecord("ACTIVE_IN", "Project", f"cordis:{r['projectID']}", "Sector", f"esv:{esv}",
                              (src["euroscivoc"],)))
    rels += [RelRecord("PART_OF", "Sector", f"esv:{esv}", "Sector", f"esv:{esv.rsplit('/', 1)[0]}",
                       (src["euroscivoc"],))
             for esv in sectors if esv.startswith("/") and esv.rsplit("/", 1)[0] in sectors]
    nodes += list(programmes.values()) + list(sectors.values())
    notes += [f"{several} projects have several legal bases; each is its own FUNDED_BY link.",
              f"{sum(1 for p in projects if chr(10) in (p.get('objective') or ''))} objectives span several "
              "lines; they are kept verbatim."]
