"""One module per sub-command; each returns the process exit code."""
