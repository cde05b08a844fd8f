"""The iptv-org catalogue: upstream JSON schemas and the sources that fetch it."""
