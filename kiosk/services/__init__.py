"""Use cases: what the CLI and the screens ask of the kiosk. They call core and storage."""
