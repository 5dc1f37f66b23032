"""Command-line tools of this domain."""
COMMANDS = []
