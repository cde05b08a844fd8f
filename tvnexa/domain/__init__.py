"""Domain: entities, value objects and pure rules; standard library only."""
