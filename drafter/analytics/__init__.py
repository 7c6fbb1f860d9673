"""The ЦУР workspace: appeals history for analytics, the weekly agency rating, pain points,
search, and the coach's explanations.

Layers: ``history`` reads past appeals (city portal, CSV/JSONL) and live drafts into
``AppealRecord``; ``clock`` counts working hours on the production calendar;
``drafter.storage.history`` holds the SQL (aggregates, search); ``rating`` and ``pain_points``
turn the aggregates into the reports; ``report`` writes them as HTML (server-side SVG) and CSV.
"""
