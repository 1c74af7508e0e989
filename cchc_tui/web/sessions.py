"""One dashboard process per browser session, started without a shell and always ended.

textual-serve starts each app through a shell and, to stop it, asks it to quit and waits
for as long as it takes; an app whose browser vanished was seen spinning at 100 % CPU after
the server had gone. Here: the app is exec'd directly, asked to quit, then terminated, then
killed, and each process is reaped; the viewer also dies with the server (see viewer.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from asyncio.subprocess import Process
from collections.abc import Sequence
from typing import Any

from textual_serve.app_service import AppService

log = logging.getLogger("cchc-tui.web")

QUIT_GRACE = 5.0  # seconds an app gets to quit when asked
TERM_GRACE = 3.0  # seconds after SIGTERM before SIGKILL


class Session(AppService):
    """A textual-serve app service running `argv` (a list, no shell) for one websocket."""

    def __init__(self, argv: Sequence[str], environment: dict[str, str | None],
                 **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = list(argv)
        self.extra_environment = environment  # None: a variable the app must not get

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        environment = self._build_environment(width=width, height=height)
        for name, value in self.extra_environment.items():
            if value is None:
                environment.pop(name, None)
            else:
                environment[name] = value
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=environment)
        assert process.stdin is not None
        self._stdin = process.stdin
        log.info("session %s: dashboard process %d started", self.app_service_id[:8], process.pid)
        return process

    async def stop(self) -> None:
        """Ask the app to quit; if it does not, SIGTERM, then SIGKILL; always reap it."""
        task, process = self._task, self._process
        if task is None or process is None:
            return
        self._task = None
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        with contextlib.suppress(Exception):
            await self.send_meta({"type": "quit"})
        if not await self._exited(process, QUIT_GRACE):
            log.warning("session %s: process %d did not quit; terminating it",
                        self.app_service_id[:8], process.pid)
            with contextlib.suppress(ProcessLookupError):
                process.terminate()
            if not await self._exited(process, TERM_GRACE):
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
        log.info("session %s: dashboard process %d ended (%s)", self.app_service_id[:8],
                 process.pid, process.returncode)

    @staticmethod
    async def _exited(process: Process, timeout: float) -> bool:
        try:
            await asyncio.wait_for(asyncio.shield(process.wait()), timeout)
        except TimeoutError:
            return False
        return True
