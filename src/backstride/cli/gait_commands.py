"""Commands: gait_commands (filled in by its issue)."""
