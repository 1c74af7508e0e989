"""Dossier records (hồ sơ TTHC) as a source: measures counted where the rows live (Ibis)."""
