"""Quotes and claims with their speakers: see component.py."""
