"""My data: export everything a person stored as a zip, or delete the account."""
