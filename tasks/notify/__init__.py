"""Notify stage: newly failed quality checks announced once (flow log and optional webhook)."""
