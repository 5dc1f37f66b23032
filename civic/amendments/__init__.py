"""Amendments: people propose a new text for a section of the master plan."""
