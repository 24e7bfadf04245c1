"""Dates: see component.py."""
