"""`paperkg` commands of this area (filled in by its owner)."""

COMMANDS: list = []
