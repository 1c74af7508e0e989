"""open_source: the kind from the config, or from the location; a missing kind is plain."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from cchc_tui.config import Config, SourceConfig
from cchc_tui.sources import base
from cchc_tui.sources.base import SourceUnavailable, infer_kind, open_source


@pytest.mark.parametrize(("location", "kind"), [
    ("", "files"), ("fixtures", "files"), ("feed.json", "files"),
    ("https://example.vn/feed.json", "http"), ("http://127.0.0.1:8765/feed.json", "http"),
    ("postgresql://cchc@127.0.0.1:5432/mc", "dossiers"), ("rows.parquet", "dossiers"),
    ("mc.duckdb", "dossiers"),
])
def test_the_kind_follows_the_location(location: str, kind: str) -> None:
    assert infer_kind(location) == kind


def test_a_folder_of_dossier_rows_is_a_dossier_source(tmp_path: Path) -> None:
    assert infer_kind(str(tmp_path)) == "files"
    (tmp_path / "dossiers-2026.parquet").write_bytes(b"")
    assert infer_kind(str(tmp_path)) == "dossiers"


def test_the_configured_kind_wins_and_opens_lazily() -> None:
    config = Config(source=SourceConfig(kind="http", location="http://127.0.0.1:1/feed"))
    source = open_source(config)
    assert source.kind == "http" and source.describe() == "http://127.0.0.1:1/feed"
    source.close()
    files = open_source(Config())
    assert files.kind == "files" and files.read().snapshot is not None


def test_a_relay_is_read_with_its_own_word_on_its_source() -> None:
    from cchc_tui.relay.client import RelayedSource

    config = Config(source=SourceConfig(kind="relay", location="http://127.0.0.1:1/feed.json"))
    source = open_source(config)
    assert isinstance(source, RelayedSource) and source.describe().endswith("/feed.json")
    source.close()


def test_a_kind_whose_packages_are_missing_says_what_to_install(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(base.KINDS, "dossiers", "cchc_tui_no_such_module.source:X")
    config = Config(source=SourceConfig(kind="dossiers", location="x.parquet"))
    with pytest.raises(SourceUnavailable, match=r'pip install "cchc-tui\[dossiers\]"'):
        open_source(config)


def test_an_unknown_kind_is_a_config_error(tmp_path: Path) -> None:
    from cchc_tui.config import load_config
    from cchc_tui.config_errors import ConfigError

    path = tmp_path / "c.toml"
    path.write_text('[source]\nkind = "ftp"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(config_dir=None, extra_file=path)
    assert "source.kind" in str(info.value) and "line 2" in str(info.value)
    assert msgspec.structs.replace(SourceConfig(), kind="dvcqg").kind == "dvcqg"
