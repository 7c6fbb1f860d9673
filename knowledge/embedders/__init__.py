"""Text → vector backends, one module each (chosen in settings by drafter.factories); a backend
module imports its library only when its model is loaded."""

from knowledge.embedders.base import Embedder

__all__ = ["Embedder"]
