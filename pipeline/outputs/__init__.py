"""The outputs: each format a module, made from the core's records."""
