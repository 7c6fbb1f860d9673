"""drafter: drafts replies to citizens' appeals for regional management centres (ЦУР).

Importing ``drafter`` loads nothing: each layer is its own module or package —
``drafter.pipeline`` (one appeal in, one checked draft out), ``drafter.quality`` (the
standard's checker), ``drafter.services`` (the use cases), ``drafter.api`` / ``drafter.cli``
(HTTP and the command line), ``drafter.storage``, ``drafter.deadlines``, ``drafter.routing``,
``drafter.understanding``, ``drafter.llm`` — and ``drafter.errors``, the one error tree.
"""

__all__: list[str] = []
