"""Session logs, next-morning soreness, and the adapted next session they lead to."""
