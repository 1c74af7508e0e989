"""Find units by code or by name typed without diacritics ("thach ban", "dong da")."""

from __future__ import annotations

from cchc_tui.model.snapshot import Snapshot, Unit
from cchc_tui.text import fold

# Words that name a unit's type; "song cau" should find "Phường Sông Cầu".
_TYPE_WORDS = ("thanh pho", "thi xa", "thi tran", "phuong", "quan", "huyen", "tinh", "xa", "tp")


class UnitLookupError(LookupError):
    """No unit, or more than one, answers a query; carries the candidates."""

    def __init__(self, query: str, candidates: list[Unit], snapshot: Snapshot) -> None:
        self.query = query
        self.candidates = candidates
        lines = []
        for unit in candidates[:20]:
            parents = " › ".join(u.name for u in reversed(snapshot.ancestors(unit.code)))
            lines.append(f"  {unit.code:<10} {unit.name}" + (f"  ({parents})" if parents else ""))
        if not candidates:
            message = f"no unit matches {query!r}"
        else:
            message = f"{len(candidates)} units match {query!r}; give a code or a longer name:"
            if len(candidates) > 20:
                lines.append(f"  … and {len(candidates) - 20} more")
        super().__init__("\n".join([message, *lines]))


def _bare(folded: str) -> str:
    for word in _TYPE_WORDS:
        if folded.startswith(word + " "):
            return folded[len(word) + 1:]
    return folded


def search_units(snapshot: Snapshot, query: str, limit: int | None = None) -> list[Unit]:
    """Units whose code, name or parents' names contain every word of the query, best first.

    Ranking: exact code, exact name (with or without its type word), name prefix, name
    contains, then matches through a parent's name.
    """
    q = fold(query)
    if not q:
        return []
    words = q.split()
    ranked: list[tuple[int, str, str]] = []
    names = snapshot.folded_names
    for code, name in names.items():
        if code.casefold() == q:
            rank = 0
        elif name == q or _bare(name) == q:
            rank = 1
        elif name.startswith(q) or _bare(name).startswith(q):
            rank = 2
        elif all(w in name for w in words):
            rank = 3
        elif code.casefold().startswith(q):
            rank = 4
        elif all(w in snapshot.folded_context[code] for w in words):
            rank = 5
        else:
            continue
        ranked.append((rank, name, code))
    ranked.sort()
    codes = [code for _, _, code in (ranked[:limit] if limit else ranked)]
    return [snapshot.units[c] for c in codes]


def find_unit(snapshot: Snapshot, query: str) -> Unit:
    """The one unit a query names: an exact code or name wins; else a single match."""
    matches = search_units(snapshot, query)
    q = fold(query)
    exact_code = [u for u in matches if u.code.casefold() == q]
    if exact_code:
        return exact_code[0]
    exact = [u for u in matches if snapshot.folded_names[u.code] in (q,)
             or _bare(snapshot.folded_names[u.code]) == q]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise UnitLookupError(query, exact, snapshot)
    if len(matches) == 1:
        return matches[0]
    raise UnitLookupError(query, matches, snapshot)
