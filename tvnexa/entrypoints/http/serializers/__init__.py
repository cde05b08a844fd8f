"""JSON shapes of the API's objects, as plain functions from views to dicts."""
