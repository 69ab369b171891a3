"""Form checks: a phone video of backward running or walking, analysed in the background."""
