"""Prefect flows: composition of the stages in ``tasks``, nothing else."""
