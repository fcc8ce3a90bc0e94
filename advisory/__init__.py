"""The observatory's advisory engine, in layers: entry points, services, stages, adapters, domain."""
