"""One module per source: parse (pure) -> validated records -> the one writer -> store. Every CSV file is
read by `csv_tables` (the one reader), every cell value by `graph.values` (the one vocabulary)."""
