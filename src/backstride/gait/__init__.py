"""Gait engine: body keypoints -> events -> metrics -> form-cue verdicts (numpy/scipy only)."""
