"""Domain-free pieces both apps use. It imports neither app (import-linter contract in pyproject.toml)."""
