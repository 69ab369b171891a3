"""Who may see whose training: the coach link and the one rule that reads it.

The lowest app after ``accounts`` (it imports nothing else of the web), so plans, the
log book, progress, analysis and coaching all ask it directly.
"""
