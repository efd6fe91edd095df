"""The dashboard's views: entity pages, search, questions and the Cypher console (see dashboard.py)."""
