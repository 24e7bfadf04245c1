"""Places: see component.py."""
