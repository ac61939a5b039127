"""The pipeline's moving parts: feeds, articles, the Prefect flow, alert delivery, the CLI."""
