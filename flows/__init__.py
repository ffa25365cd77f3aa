"""Prefect flows (harvest, reprocess, their served entries), task runners and the batch window."""

from fazhi.prefect_env import ephemeral_server_dies_with_its_parent

# before any flow runs: the ephemeral API server a run starts must not outlive the run
ephemeral_server_dies_with_its_parent()
