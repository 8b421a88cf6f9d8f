"""The command line: the top layer, imported by nothing in the package."""
