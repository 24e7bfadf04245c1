"""Events: see component.py."""
