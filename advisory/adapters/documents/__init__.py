"""Word documents: the house-style template builder, template sources, chart drawing, the one render(), PDF export."""
