"""`python -m advisory`: the same command as `advisory`."""

from advisory.entrypoints.cli import app

if __name__ == "__main__":  # chart drawing's spawned workers import the main module again
    app()
