"""Finding likely duplicate people and merging them, with every merge undoable.

Its own app rather than part of exchange: merges have their own history (to undo them)
and their own pages, and are used after any kind of data entry, not only after imports.
"""
