"""Validation of the gait engine: a synthetic gait with exact ground truth, and scoring.

Kept apart from the algorithms (as gaitmap keeps ``evaluation_utils``): nothing in the
analysis imports it; the tests and ``benchmarks/gait_accuracy.py`` do, so both judge the
engine with the same generator and the same scores.
"""
