"""State changes of initiatives and field work: one typed function per change, each in a transaction
with its audit record."""
