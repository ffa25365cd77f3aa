"""fazhi: command line, configuration and the bundled demo portal."""
