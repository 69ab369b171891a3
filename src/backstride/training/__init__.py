"""Pure training domain: screening, plans, adaptation, load and energy. No I/O here."""
