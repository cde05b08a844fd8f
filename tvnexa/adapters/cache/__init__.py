"""Cache adapters: in-process LRU, Redis, and a cache that keeps nothing."""
