"""Onboarding (training profile, readiness screening, clearance) and the training plan.

The plan is stored as the generator's inputs, never as generated sessions: the engine
rebuilds it deterministically on every request, so a fix in the engine reaches every
stored plan and session uids stay stable for calendars and watches.
"""
