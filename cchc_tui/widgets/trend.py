"""A small plotext line of one KPI over the unit's recent periods (no braille markers)."""

from __future__ import annotations

from textual_plotext import PlotextPlot

from cchc_tui.viewmodel import Trend


class TrendPlot(PlotextPlot):
    """Draws a `Trend`; half-block markers survive tmux and 16 colours."""

    DEFAULT_CSS = """
    TrendPlot { height: 1fr; min-height: 5; }
    """

    def show(self, trend: Trend, no_data: str) -> None:
        plt = self.plt
        plt.clear_figure()
        points = [(i, v) for i, v in enumerate(trend.values) if v is not None]
        # Every row counts in a 2×2 grid: no title (the panel's subtitle names the KPI) and
        # axes only at the bottom and left.
        plt.xaxes(True, False)
        plt.yaxes(True, False)
        if not points:
            plt.title(no_data)
        if points:
            xs, ys = [x for x, _ in points], [y for _, y in points]
            plt.plot(xs, ys, marker="hd", color="cyan")
            if trend.target is not None:
                plt.hline(trend.target, "red")
            lo = min([*ys, trend.target if trend.target is not None else ys[0]])
            plt.ylim(max(0.0, lo - 5), 100)
            step = max(1, len(trend.labels) // 4)
            ticks = [float(i) for i in range(len(trend.labels) - 1, -1, -step)][::-1]
            plt.xticks(ticks, [trend.labels[int(i)] for i in ticks])
        self.refresh()
