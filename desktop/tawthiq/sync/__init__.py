"""Export files, and merging them into a database: verify everything, then apply all or
nothing. Uses the store; no Qt."""
