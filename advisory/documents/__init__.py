"""Document adapters: the house-style template builder, chart drawing and the one render()."""
