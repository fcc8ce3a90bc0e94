"""The five stages, one package each with the same files: models, gather, parse, build, template."""
