"""Statements, attribution and the stance model. No Prefect, no database."""
