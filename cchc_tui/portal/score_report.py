"""The 766 scores of a capture as a plain dict (JSON) and as text tables (table, Markdown)."""

from __future__ import annotations

import json
from typing import Any

from cchc_tui.i18n import LEVEL_766, SCORE_766, Lang, pick, words
from cchc_tui.model.periods import describe_period, format_period, parse_period
from cchc_tui.neutral import markdown_text, printable_tree
from cchc_tui.portal.counts import Capture
from cchc_tui.portal.levers import BLOCKED_REASONS, child_impacts, unit_levers
from cchc_tui.portal.rules import group_name, metric_name
from cchc_tui.portal.scoring import Finding, UnitScore, agreement, capture_findings, score_capture
from cchc_tui.text import format_count, format_number, printable

TOP_CHILDREN = 10


def capture_report(capture: Capture, lang: Lang, only: list[str] | None = None) -> dict[str, Any]:
    """`{file, kind, province, units: [...], findings: [...]}` for the units in `only` (all when
    None); findings always cover the whole capture."""
    scores = score_capture(capture)
    findings = capture_findings(capture, scores)
    codes = only if only is not None else list(scores)
    units = [_unit(capture, scores[c], lang) for c in codes]
    check = agreement(scores)
    return {"file": capture.source, "kind": capture.kind, "province": capture.root,
            "period": format_period(capture.period) if capture.period else None,
            "agreement": {key: {"matching": pair[0], "of": pair[1]} for key, pair in (
                ("metrics", check.metrics), ("groups", check.groups),
                ("totals", check.totals))},
            "units": units, "findings": [_finding(f, lang) for f in findings
                                          if only is None or f.unit in (None, *codes)
                                          or f.kind == "capture_inconsistent"]}


def _unit(capture: Capture, score: UnitScore, lang: Lang) -> dict[str, Any]:
    unit = capture.units[score.code]
    levers = unit_levers(unit)
    out: dict[str, Any] = {
        "unit": {"code": score.code, "name": printable(score.name), "level": score.level,
                 "parent": score.parent},
        "source": capture.source,
        "total": {"computed": score.total, "published": score.total_published,
                  "basis": score.total_basis},
        "groups": [{"code": g.code, "name": group_name(g.code, lang), "max": g.max,
                    "computed": g.computed, "published": g.published, "basis": g.basis}
                   for g in score.groups],
        "metrics": [{"code": m.code, "group": m.group, "name": printable(m.name) or
                     metric_name(m.code, "vi"), "name_en": metric_name(m.code, "en"),
                     "numerator": m.numerator, "denominator": m.denominator, "ratio": m.ratio,
                     "ratio_published": m.ratio_published, "max": m.max, "computed": m.computed,
                     "published": m.published, "basis": m.basis} for m in score.metrics],
        "levers": [{"code": lv.code, "group": lv.group, "kind": lv.kind, "step": lv.step,
                    "numerator": lv.numerator, "denominator": lv.denominator,
                    "score": lv.score, "reaches": lv.goal, "max": lv.max, "gain": lv.gain,
                    "headroom": lv.headroom, "points_per_item": round(lv.per_item, 6),
                    "text": lv.text(lang)} for lv in levers.levers],
        "blocked": [{"code": b.code, "group": b.group, "headroom": b.headroom,
                     "reason": b.reason, "text": pick(BLOCKED_REASONS[b.reason], lang)}
                    for b in levers.blocked],
    }
    if score.level == "province":
        out["children_impact"] = [
            {"code": c.code, "name": printable(c.name), "gain": c.gain, "shortfall": c.shortfall}
            for c in child_impacts(capture, score.code)[:TOP_CHILDREN]]
    return out


def _finding(f: Finding, lang: Lang) -> dict[str, Any]:
    return {"kind": f.kind, "unit": f.unit, "code": f.code, "computed": f.computed,
            "published": f.published, "message": printable(f.message(lang)), "figures": f.figures}


# ---- rendering ----------------------------------------------------------------------------------

def render_json(reports: list[dict[str, Any]]) -> str:
    doc = {"captures": [{k: r[k] for k in ("file", "kind", "province", "period", "agreement")}
                        | {"units": len(r["units"])} for r in reports],
        "units": [u for r in reports for u in r["units"]],
        "findings": [f | {"file": r["file"]} for r in reports for f in r["findings"]]}
    return json.dumps(printable_tree(doc), ensure_ascii=False, indent=2) + "\n"


def _n(value: float | None, lang: Lang) -> str:
    return format_number(value, lang, 2)


def _table(head: list[str], rows: list[list[str]], md: bool) -> list[str]:
    if md:
        return (["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
                + ["| " + " | ".join(markdown_text(c) for c in r) + " |" for r in rows])
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    return (["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)).rstrip(),
             "  ".join("─" * w for w in widths)]
            + ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
               for r in rows])


def _title(unit: dict[str, Any], lang: Lang) -> str:
    u = unit["unit"]
    total = unit["total"]
    w = words(SCORE_766, lang)
    level = pick(LEVEL_766.get(u['level'], (u['level'],) * 2), lang)
    return (f"{u['name']} ({u['code']}, {level}) — {w['total']} {_n(total['computed'], lang)} "
            f"({w['published_by']} {_n(total['published'], lang)})")


def _lit(text: str, md: bool) -> str:
    """Names from the file shown literally in Markdown (no emphasis, link or HTML)."""
    return markdown_text(text) if md else text


def _detail(unit: dict[str, Any], lang: Lang, md: bool) -> list[str]:
    w = words(SCORE_766, lang)
    lines = [("### " if md else "") + _lit(_title(unit, lang), md), ""]
    lines += _table([w["group"], w["computed"], w["published"], w["max"]],
                    [[f"{g['name']} ({g['code']})"
                      + ("" if g["basis"] == "computed" else " *"),
                      _n(g["computed"], lang), _n(g["published"], lang),
                      format_number(g["max"], lang)] for g in unit["groups"]], md)
    lines += ["", *_table(
        [w["metric"], w["counts"], w["ratio"], w["score"], w["published"]],
        [[pick((m["name"], m["name_en"]), lang),
          f"{format_count(m['numerator'], lang)}/{format_count(m['denominator'], lang)}"
          if m["denominator"] is not None else "—",
          _n(m["ratio"], lang) + ("%" if m["ratio"] is not None else ""),
          f"{_n(m['computed'], lang)}/{format_number(m['max'], lang)}",
          _n(m["published"], lang)] for m in unit["metrics"]], md)]
    lines += ["", "* " + w["as_published"]]
    if unit["levers"]:
        lines += ["", ("#### " if md else "") + w["levers"]]
        lines += [f"{i}. {lv['text']}" for i, lv in enumerate(unit["levers"], 1)]
    if unit["blocked"]:
        lines += ["", ("#### " if md else "") + w["blocked"]]
        lines += [f"- {metric_name(b['code'], lang)}: {b['text']} "
                  f"({w['headroom']} {_n(b['headroom'], lang)})"
                  for b in unit["blocked"]]
    if unit.get("children_impact"):
        lines += ["", ("#### " if md else "") + w["children"]]
        lines += [f"- {_lit(c['name'], md)} ({c['code']}): +{_n(c['gain'], lang)}"
                  for c in unit["children_impact"]]
    return lines + [""]


def _summary(reports: list[dict[str, Any]], lang: Lang, md: bool) -> list[str]:
    w = words(SCORE_766, lang)
    rows = [[u["unit"]["code"], u["unit"]["name"], _n(u["total"]["computed"], lang),
             _n(u["total"]["published"], lang),
             _n(u["levers"][0]["gain"], lang) if u["levers"] else "",
             u["levers"][0]["text"] if u["levers"] else ""]
            for r in reports for u in r["units"]]
    return _table([w["code"], w["unit"], w["computed"], w["published"], w["gain"],
                   w["best_lever"]], rows, md)


def _agreement(check: dict[str, dict[str, int]], lang: Lang) -> str:
    """"2.093/2.093 metric scores, 750/750 groups, 50/149 totals are the portal's own"."""
    def pair(key: str) -> str:
        figures = check[key]
        return f"{format_count(figures['matching'], lang)}/{format_count(figures['of'], lang)}"
    return pick(SCORE_766["agreement"], lang).format(
        metrics=pair("metrics"), groups=pair("groups"), totals=pair("totals"))


def render_text(reports: list[dict[str, Any]], lang: Lang, md: bool, detail: bool) -> str:
    lines: list[str] = []
    w = words(SCORE_766, lang)
    for r in reports:
        period = f"{describe_period(parse_period(r['period']), lang)}, " if r["period"] else ""
        head = f"{r['file']} ({r['kind']}, {period}{len(r['units'])} {w['units']})"
        lines += [("## " if md else "") + _lit(printable(head), md), ""]
        lines += [_agreement(r["agreement"], lang), ""]
        if detail:
            for unit in r["units"]:
                lines += _detail(unit, lang, md)
        else:
            lines += _summary([r], lang, md) + [""]
        if r["findings"]:
            lines += [("### " if md else "") + w["findings"], ""]
            lines += [f"- {_lit(f['message'], md)}" if md else f"  ! {f['message']}"
                      for f in r["findings"]]
            lines += [""]
    return "\n".join(lines)
