"""Progress: charts of volume, load, pain and adherence over the engine's numbers."""
