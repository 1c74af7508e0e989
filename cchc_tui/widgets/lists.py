"""Lists a person drills from: a click selects (highlights) a row, enter or a double-click
opens it. A single click that opened a unit would leave the screen before the reader saw
which row it was."""

from __future__ import annotations

from textual import events
from textual.widgets import DataTable, OptionList


class DrillList(OptionList):
    """An OptionList whose click highlights and whose double-click selects (as enter)."""

    async def _on_click(self, event: events.Click) -> None:
        event.prevent_default()  # OptionList's own handler would select on every click
        clicked: int | None = event.style.meta.get("option")
        if clicked is None or self._options[clicked].disabled:
            return
        self.highlighted = clicked
        if event.chain >= 2:
            self.action_select()


class DrillTable(DataTable[object]):
    """A DataTable of rows whose click moves the cursor and whose double-click selects."""

    async def _on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if event.chain < 2:
            event.prevent_default()  # DataTable's own handler selects a highlighted row
            if isinstance(row, int) and row >= 0:
                self.move_cursor(row=row)
