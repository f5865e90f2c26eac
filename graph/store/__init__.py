"""The store layer: schema, records, every Cypher statement, the store contract, the two adapters, the writer
and reads. Imports only the core (`graph.errors`, `graph.settings`, `graph.memory`); the contract imports no adapter."""
