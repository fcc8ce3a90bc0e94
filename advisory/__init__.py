"""The observatory's advisory engine: domain models and functions for the five stages."""
