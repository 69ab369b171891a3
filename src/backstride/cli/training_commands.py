"""Commands: training_commands (filled in by its issue)."""
