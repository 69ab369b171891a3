"""Week-by-week backward walking and running plans.

``generate_plan`` turns a profile, a start date and (optionally) a screening result and a
training history into a ``models.Plan``; ``PlanRefused`` is raised when the screening
asks for a professional and no clearance has been recorded.
"""

from backstride.training.plans.generator import PlanRefused, generate_plan

__all__ = ["PlanRefused", "generate_plan"]
