"""Pure domain models and functions shared by the stages: no database, orchestration, web or files."""
