"""`cluster-explorer mapping new`: a first mapping written from a table's header and cells, its guesses marked.

`participation` writes the participation preset for a table of participations, or hands a list of clusters or
organisations to `lists`; the other modules write one part each: the amounts' marks (`amounts`, `currency`), a JSON
export's partner objects (`partners`), a cluster's own member list (`one_cluster`), a register's nested members
(`nested_members`), the unused columns of numbers (`number_columns`), names listed in a cell with commas
(`listed_names`) and an SME or size column (`sme_column`).

It may import `graph` and the other loaders' modules that read a table and know its words (`loaders.table_cells`,
`loaders.csv_header`, `loaders.header_guess`, `loaders.mapping_presets`); never the app, the CLI or a store: a
template is made from the file alone (`graph.store.search_text.fold` is a pure function, no store).
"""
