"""One module per source: parse (pure) -> validated records -> the one writer -> store. Every CSV file is
read by `csv_tables` (the one reader), every cell value by `graph.values` (the one vocabulary). May import
`graph` (the core and `graph.store`); never the CLI or the app."""
