"""Use cases over a unit of work: the engine, submissions, approvals, status, backup, the demo."""
