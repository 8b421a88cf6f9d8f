"""The live preview: ``python -m pipeline apercu`` (see command.py)."""
