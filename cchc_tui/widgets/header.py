"""The top bar: unit breadcrumb and period; data source and its state."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from cchc_tui.viewmodel import HeaderView


class StatusHeader(Widget):
    """Two lines; the state turns into an error banner when the source fails."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._view: HeaderView | None = None

    def show(self, view: HeaderView) -> None:
        self._view = view
        self.set_class(view.state == "error", "-error")
        self.set_class(view.state in ("offline", "stale"), "-warning")
        self.refresh()

    def render(self) -> Content:
        view = self._view
        if view is None:
            return Content("cchc-tui")
        crumbs = Content(" › ").join(Content.styled(name, "bold") for name in view.breadcrumb)
        first = Content.assemble(crumbs, "  ·  ", (view.period_text, "bold $accent"))
        state_style = {"error": "bold $text-error", "offline": "bold $text-warning",
                       "stale": "bold $text-warning", "live": "$text-success"}.get(
            view.state, "$text-muted")
        # The state first: when the source breaks, that is what an operator must see.
        second = Content.assemble((view.state_text, state_style), "  ·  ",
                                  (view.source_text, "italic"))
        width = self.size.width
        return Content("\n").join([first.truncate(width, ellipsis=True),
                                   second.truncate(width, ellipsis=True)])
