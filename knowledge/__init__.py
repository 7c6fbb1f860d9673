"""knowledge: the regulations and past answers drafts stand on — loading, chunking, hybrid
search and the topic judge. A library: it imports nothing of drafter.

Importing ``knowledge`` loads nothing: ``knowledge.index`` (``KnowledgeIndex``),
``knowledge.ingest``, ``knowledge.loaders``, ``knowledge.types``, ``knowledge.topics``,
``knowledge.embedders`` and ``knowledge.errors`` are the public modules.
"""

__all__: list[str] = []
