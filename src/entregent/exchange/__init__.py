"""Bringing people in and taking them out: vCard and CSV import/export, backup and restore."""
