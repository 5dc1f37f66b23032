"""Backup and restore of the database and the uploaded files (issue 7, recovery)."""
