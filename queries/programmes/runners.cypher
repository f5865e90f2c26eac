// title: Who runs which programme, label scheme or award
// description: Agencies and the programmes, label schemes and awards they run.
// tags: programmes, organisations
// requires: RUNS
// empty: No organisation of the store runs a programme, label scheme or award: the seed texts say who runs them (RUNS).
MATCH (o:Organisation)-[:RUNS]->(x)
RETURN o.name AS organisation, x.kind AS kind, x.name AS runs
ORDER BY organisation, kind, runs
