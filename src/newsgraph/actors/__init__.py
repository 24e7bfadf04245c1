"""Actors: NER mentions grouped into document-level actors with CAMEO-style codes."""
