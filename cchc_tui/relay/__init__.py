"""The relay: one reader of a source, publishing its snapshot over HTTP to any number of viewers."""
