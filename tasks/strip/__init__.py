"""Strip stage: page chrome off; the report's title, body and the metadata the chrome carried."""
