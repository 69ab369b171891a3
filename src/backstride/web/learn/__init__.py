"""Learn pages: short guides on form, safety, benefits and who backward training suits."""
