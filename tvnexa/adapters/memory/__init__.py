"""In-memory adapters for every port, for tests and for trying things out."""
