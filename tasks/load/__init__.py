"""Load stage: the warehouse schema, its single writer, batch loads, the state reads flows need."""
