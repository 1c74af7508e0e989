"""The key footer, rebuilt only when the keys it shows change.

Textual's Footer recomposes (a widget per key, each styled anew) whenever the screen's
bindings are refreshed: on every focus change, every relabelling, every resize. Most of those
change nothing it shows. At start-up the focus moving to the ranking list rebuilt it for
nothing, inside the first paint of the figures: a rebuild and its frame take ~25 ms at
120×36, a frame alone ~2 ms.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    """A Footer that keeps its keys while what they would show stays the same."""

    _shown: tuple[Hashable, ...] | None = None  # what the last compose showed

    def _what_it_shows(self) -> tuple[Hashable, ...]:
        """Everything Footer.compose reads from the bindings, in its order."""
        app = self.app
        keys = tuple((binding.key, app.get_key_display(binding), binding.description,
                      binding.action, binding.group, enabled, tooltip)
                     for _, binding, enabled, tooltip in self.screen.active_bindings.values()
                     if binding.show or binding.key == app.COMMAND_PALETTE_BINDING)
        return (keys, self.show_command_palette, app.ENABLE_COMMAND_PALETTE)

    def compose(self) -> ComposeResult:
        self._shown = self._what_it_shows() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        shown = self._what_it_shows()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
