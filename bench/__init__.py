"""Benchmarks (``make bench``): measures, not tests."""
