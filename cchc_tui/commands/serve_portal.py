"""`cchc-tui serve-portal DIR`: the portal's 766 endpoints on this machine, from saved answers."""

from __future__ import annotations

import sys
from pathlib import Path

from cchc_tui.portal.server import API_PREFIX, base_url, make_server


def run_serve_portal(folder: Path, host: str, port: int) -> int:
    if not folder.exists():
        print(f"cchc-tui serve-portal: {folder}: no such file or directory", file=sys.stderr)
        return 2
    try:
        server = make_server(folder, host, port)
    except OSError as exc:
        print(f"cchc-tui serve-portal: cannot listen on {host}:{port}: {exc.strerror}",
              file=sys.stderr)
        return 2
    for line in server.answers.skipped:
        print(f"cchc-tui serve-portal: skipped {line}", file=sys.stderr)
    roots = sorted(k for k in server.answers.roots if "-" not in k)  # codes, not uuids
    if not roots and not server.answers.national:
        print(f"cchc-tui serve-portal: {folder} holds no saved portal answers "
              "(raw_*_detail_*.json or a service-results answer)", file=sys.stderr)
        server.server_close()
        return 2
    national = "the whole country, " if server.answers.national else ""
    print(f"answering {national}{', '.join(roots)} at {base_url(server)}{API_PREFIX}…; "
          f"faults: {base_url(server)}/_fault?mode=403|429|500|hang|malformed|cookie|none  "
          "(Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
