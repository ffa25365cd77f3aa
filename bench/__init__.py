"""Benchmark for fazhi (issue #8): a synthetic portal corpus and the harvest measured on it."""
