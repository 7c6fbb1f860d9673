"""Routing: suggest the responsible body, the category and the ИМ topic for an appeal.

    fit_from_file(path, routing_dir, text_col=…, body_col=…)  # a region's labelled history
    route(texts, routing_dir, threshold=0.5) -> list[RouteResult]

Each target comes with a confidence and the top-3 candidates; below the threshold it says
«route by hand» (``needs_manual``). See model.py (classifiers), topics.py (ИМ taxonomy),
storage.py (files under ``Settings.routing_dir``), cli.py (`drafter route …`).
"""

from drafter.domain import Candidate, RouteResult, Suggestion
from drafter.routing.model import DEFAULT_THRESHOLD, RoutingModel
from drafter.routing.router import fit_from_file, is_fitted, route
from drafter.routing.topics import DEFAULT_TOPIC_THRESHOLD, TopicMatcher, read_taxonomy

__all__ = [
    "DEFAULT_THRESHOLD",
    "DEFAULT_TOPIC_THRESHOLD",
    "Candidate",
    "RouteResult",
    "RoutingModel",
    "Suggestion",
    "TopicMatcher",
    "fit_from_file",
    "is_fitted",
    "read_taxonomy",
    "route",
]
