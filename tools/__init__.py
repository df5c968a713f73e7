"""Developer tools run from a checkout (``python -m tools.bench``); not part of the installed package."""
