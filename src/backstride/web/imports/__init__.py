"""Watch-file import: upload FIT/GPX/TCX (or a zip), preview the match, confirm into logs."""
