"""Benchmarks (`make bench`). Figures are ratios against a floor measured in the same run."""
