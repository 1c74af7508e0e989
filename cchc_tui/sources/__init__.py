"""Where snapshots come from: fixture files on disk or an HTTP feed. No Textual here."""
