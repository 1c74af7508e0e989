"""`python -m cchc_tui` runs the command line."""

from cchc_tui.cli import main

raise SystemExit(main())
