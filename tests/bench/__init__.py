"""Benchmarks, kept out of the app packages: `make bench` runs `python -m tests.bench`, which prints
every figure as a ratio against a baseline measured in the same run."""
