"""Actors: names and actor phrases -> document-level actors with CAMEO-style codes.

`kb.load_kb()` is the editable knowledge base (data/*.yaml), `resolve.link_mention(ann, start,
end)` resolves any phrase to a document actor for other components; docs/actors.md.
"""
