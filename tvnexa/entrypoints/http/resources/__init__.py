"""Thin Falcon resources: read parameters, call a use case, send the envelope."""
