"""Gather functions: what each stage reads before it can run (adapter layer)."""
