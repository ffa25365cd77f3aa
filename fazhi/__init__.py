"""fazhi: the front door and the composition: CLI, settings, the one pipeline, warehouse readers."""
