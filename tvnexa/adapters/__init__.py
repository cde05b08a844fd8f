"""Adapters: the technologies that fill the application's ports."""
