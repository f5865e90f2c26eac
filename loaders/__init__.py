"""One module per source: parse (pure) -> validated records -> the one writer -> store."""
