"""What changes the reviews app's records. Each module applies the plain rules (draw.py, timeline.py,
visibility.py, findings.py) to the models, inside one transaction: what the rules refuse raises
ReviewRuleError and saves nothing."""

from .base import ReviewRuleError

__all__ = ["ReviewRuleError"]
