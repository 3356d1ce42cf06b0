"""The machinery shared by every rule: walk, positions, findings, fixes, config."""
