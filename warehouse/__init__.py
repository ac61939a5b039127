"""The DuckDB warehouse: schema, idempotent writes, trend queries and shift detection.

Plain Python with no Prefect and no torch, so its tests stay fast.
"""
