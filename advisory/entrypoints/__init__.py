"""How people reach the engine: the `advisory` command and the web portal."""
