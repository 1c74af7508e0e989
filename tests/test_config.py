"""Config: defaults, layering, target merging, and errors that name file, line, key and fix."""

from __future__ import annotations

import tomllib
from pathlib import Path

import msgspec
import pytest

from cchc_tui.config import (
    AppConfig,
    ChecksConfig,
    Config,
    ConfigError,
    ConfigFile,
    SourceConfig,
    TargetConfig,
    load_config,
)
from cchc_tui.config_errors import find_line
from cchc_tui.model.catalogue import KPI_IDS
from cchc_tui.resources import default_config_dir, default_fixtures_dir

DEFAULT_TOML = default_config_dir() / "default.toml"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str, name: str = "bad.toml") -> ConfigError:
    path = write(tmp_path / name, text)
    with pytest.raises(ConfigError) as info:
        load_config(config_dir=None, extra_file=path)
    return info.value


# --- defaults -----------------------------------------------------------------------------
def test_defaults_without_files() -> None:
    config = load_config(config_dir=None)
    assert config == Config()
    assert config.app.lang == "vi" and config.app.interval == 60.0
    assert config.source.location == "" and config.source.verify_tls is True
    assert config.targets == () and config.files == ()


def test_default_config_dir_holds_default_toml() -> None:
    assert default_config_dir().is_dir()
    assert DEFAULT_TOML.is_file()
    assert default_fixtures_dir().name == "fixtures"


def test_shipped_config_loads() -> None:
    config = load_config(config_dir=default_config_dir())
    assert config.files == (str(DEFAULT_TOML),)
    assert config.app == AppConfig() and config.source == SourceConfig()
    e_doc = {t.scope: (t.value, t.due) for t in config.targets if t.kpi == "e_document_rate"}
    assert e_doc == {
        "province": (90, "2025-12-31"),
        "district": (80, "2025-12-31"),
        "commune": (60, "2025-12-31"),
    }
    online = sorted((t.due or "", t.value) for t in config.targets
                    if t.kpi == "online_dossier_rate")
    assert online == [("", 50), ("2030-12-31", 80)]
    assert all(t.basis for t in config.targets)
    assert {t.kpi for t in config.targets} <= set(KPI_IDS)


def test_default_toml_keeps_in_step_with_the_structs() -> None:
    """Every field of every table appears in default.toml with the code's default."""
    data = tomllib.loads(DEFAULT_TOML.read_text(encoding="utf-8"))
    for table, struct in (("app", AppConfig), ("source", SourceConfig),
                          ("checks", ChecksConfig)):
        defaults = msgspec.structs.asdict(struct())
        assert set(data[table]) == set(defaults), table
        for name, value in defaults.items():
            wanted = list(value) if isinstance(value, tuple) else value  # a TOML array
            assert data[table][name] == wanted, f"{table}.{name}"
    top = {f.name: f.default for f in msgspec.structs.fields(ConfigFile)}
    assert data["targets_replace"] == top["targets_replace"]
    assert set(data) == set(top)
    # Targets: every key of TargetConfig is used by some entry, and explicit defaults agree.
    used = {key for entry in data["targets"] for key in entry}
    assert used == {f.name for f in msgspec.structs.fields(TargetConfig)}
    assert {entry["scope"] for entry in data["targets"]} <= {"*", "province", "district",
                                                             "commune"}


# --- layering -----------------------------------------------------------------------------
def test_layering_order_dir_then_extra_then_overrides(tmp_path: Path) -> None:
    conf = tmp_path / "config"
    conf.mkdir()
    write(conf / "default.toml", '[app]\nlang = "vi"\ninterval = 30\n[source]\ntimeout = 5\n')
    write(conf / "a-site.toml", '[app]\ninterval = 20\n[source.headers]\nAccept = "a"\n')
    write(conf / "b-site.toml", "[app]\ninterval = 10\n")
    extra = write(tmp_path / "extra.toml", '[app]\ninterval = 5\n[source.headers]\nX-B = "b"\n')
    config = load_config(config_dir=conf, extra_file=extra)
    assert config.app.interval == 5  # extra beats every file in the directory
    assert config.source.timeout == 5  # untouched keys survive from lower layers
    assert config.source.headers == {"Accept": "a", "X-B": "b"}  # tables merge key by key
    assert [Path(f).name for f in config.files] == [
        "default.toml", "a-site.toml", "b-site.toml", "extra.toml",
    ]
    config = load_config(
        config_dir=conf, extra_file=extra, overrides={"app.interval": 2, "app.lang": None},
    )
    assert config.app.interval == 2 and config.app.lang == "vi"  # None = flag not given


def test_default_toml_is_read_first(tmp_path: Path) -> None:
    write(tmp_path / "default.toml", "[app]\ninterval = 30\n")
    write(tmp_path / "0-early.toml", "[app]\ninterval = 20\n")  # sorts before default.toml
    assert load_config(config_dir=tmp_path).app.interval == 20


def test_overrides_from_the_command_line_are_converted(tmp_path: Path) -> None:
    config = load_config(
        config_dir=None,
        overrides={"app.lang": "en", "app.interval": "30", "source.verify_tls": "false",
                   "source.location": "http://127.0.0.1:8080/feed.json"},
    )
    assert config.app.lang == "en" and config.app.interval == 30.0
    assert config.source.verify_tls is False
    assert config.source.location == "http://127.0.0.1:8080/feed.json"


def test_targets_merge_by_kpi_scope_and_due(tmp_path: Path) -> None:
    write(tmp_path / "default.toml", """
[[targets]]
kpi = "online_dossier_rate"
value = 50
[[targets]]
kpi = "online_dossier_rate"
value = 80
due = "2030-12-31"
""")
    write(tmp_path / "local.toml", """
[[targets]]
kpi = "online_dossier_rate"
value = 60
basis = "provincial plan"
[[targets]]
kpi = "online_dossier_rate"
value = 70
scope = "district"
""")
    targets = load_config(config_dir=tmp_path).targets
    assert [(t.value, t.due, t.scope) for t in targets] == [
        (60, None, "*"),  # replaced in place: same kpi, scope, due
        (80, "2030-12-31", "*"),
        (70, None, "district"),  # added
    ]
    assert targets[0].basis == "provincial plan"


def test_targets_replace_drops_earlier_targets(tmp_path: Path) -> None:
    write(tmp_path / "default.toml", '[[targets]]\nkpi = "on_time_rate"\nvalue = 100\n')
    extra = write(tmp_path / "x.toml",
                  'targets_replace = true\n[[targets]]\nkpi = "late_rate"\nvalue = 2\n')
    targets = load_config(config_dir=tmp_path, extra_file=extra).targets
    assert [t.kpi for t in targets] == ["late_rate"]


def test_bare_toml_date_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path / "d.toml", '[[targets]]\nkpi = "e_result_rate"\nvalue = 100\n'
                                      "due = 2030-12-31\n")
    assert load_config(config_dir=None, extra_file=path).targets[0].due == "2030-12-31"


# --- errors -------------------------------------------------------------------------------
def test_unknown_key_names_file_line_key_and_suggestion(tmp_path: Path) -> None:
    err = error_of(tmp_path, '[app]\nlang = "vi"\n\n[source]\nlocation = ""\ntimout = 3\n')
    text = str(err)
    assert "bad.toml" in text and "line 6" in text
    assert "`source.timout`" in text and "Did you mean `timeout`?" in text
    assert (err.line, err.key) == (6, "source.timout")


def test_unknown_top_level_table(tmp_path: Path) -> None:
    text = str(error_of(tmp_path, "# comment\n[apps]\nlang = 'en'\n"))
    assert "line 2" in text and "`apps`" in text and "Did you mean `app`?" in text


def test_wrong_type_names_key_and_expected_type(tmp_path: Path) -> None:
    text = str(error_of(tmp_path, '[app]\ninterval = "fast"\n'))
    assert "bad.toml, line 2" in text and "`app.interval`" in text
    assert "must be a number" in text and '"fast"' in text


def test_out_of_range(tmp_path: Path) -> None:
    text = str(error_of(tmp_path, "[app]\nlang = 'en'\ninterval = 0\n"))
    assert "line 3" in text and "`app.interval`" in text and "≥ 1" in text and "is 0" in text


def test_invalid_choice_lists_the_choices(tmp_path: Path) -> None:
    text = str(error_of(tmp_path, '[app]\nlang = "fr"\n'))
    assert "line 2" in text and '"vi", "en"' in text and '"fr"' in text


def test_target_value_range_points_at_the_right_block(tmp_path: Path) -> None:
    body = "".join(f'[[targets]]\nkpi = "late_rate"\nvalue = {v}\nscope = "s{i}"\n\n'
                   for i, v in enumerate([1, 2, 3, 150]))
    err = error_of(tmp_path, body)
    assert err.key == "targets[3].value" and err.line == 18
    assert "from 0 to 100" in str(err)


def test_bad_due_date(tmp_path: Path) -> None:
    head = '[[targets]]\nkpi = "late_rate"\nvalue = 2\n'
    text = str(error_of(tmp_path, head + 'due = "2025-02-30"\n'))
    assert "line 4" in text and "`targets[0].due`" in text and "not a real date" in text
    text = str(error_of(tmp_path, head + 'due = "31/12/2025"\n'))
    assert "line 4" in text and "YYYY-MM-DD" in text


def test_unknown_kpi_suggests_the_nearest_id(tmp_path: Path) -> None:
    body = '[[targets]]\nkpi = "late_rate"\nvalue = 2\n\n[[targets]]\nkpi = "online_dosier_rate"\n'
    text = str(error_of(tmp_path, body + "value = 50\n"))
    assert "line 6" in text and "`targets[1].kpi`" in text
    assert "Did you mean `online_dossier_rate`?" in text


def test_missing_required_key(tmp_path: Path) -> None:
    text = str(error_of(tmp_path, '[app]\nlang = "en"\n[[targets]]\nvalue = 2\n'))
    assert "line 3" in text and "`targets[0]`" in text and "`kpi`" in text


def test_empty_scope_is_rejected(tmp_path: Path) -> None:
    text = str(error_of(tmp_path, '[[targets]]\nkpi = "late_rate"\nvalue = 2\nscope = ""\n'))
    assert "line 4" in text and "unit code" in text


def test_secret_header_and_secret_env_name_are_not_echoed(tmp_path: Path) -> None:
    text = str(error_of(tmp_path, '[source.headers]\nAuthorization = "Bearer s3cret"\n'))
    assert "line 2" in text and "header_env" in text and "s3cret" not in text
    text = str(error_of(tmp_path, '[source]\ntoken_env = "sk-s3cret"\n'))
    assert "line 2" in text and "environment variable" in text and "s3cret" not in text


def test_toml_syntax_error_has_line(tmp_path: Path) -> None:
    err = error_of(tmp_path, '[app]\nlang = "vi"\ninterval = = 3\n')
    assert "bad.toml, line 3" in str(err) and "not valid TOML" in str(err)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="nope.toml.*cannot be read"):
        load_config(config_dir=None, extra_file=tmp_path / "nope.toml")


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        load_config(config_dir=None, extra_file=tmp_path)


def test_missing_config_dir(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="missing.*does not exist"):
        load_config(config_dir=tmp_path / "missing")


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes('[app]\nlang = "vi"\n# Hà Noi\n'.encode("latin-1"))
    with pytest.raises(ConfigError) as info:
        load_config(config_dir=None, extra_file=path)
    assert "latin.toml, line 3" in str(info.value) and "UTF-8" in str(info.value)


def test_error_in_a_layered_file_names_that_file(tmp_path: Path) -> None:
    write(tmp_path / "default.toml", "[app]\ninterval = 30\n")
    write(tmp_path / "site.toml", "[app]\nintervall = 30\n")
    with pytest.raises(ConfigError) as info:
        load_config(config_dir=tmp_path)
    assert "site.toml, line 2" in str(info.value) and "Did you mean `interval`?" in str(info.value)


def test_override_errors_name_the_command_line() -> None:
    with pytest.raises(ConfigError) as info:
        load_config(config_dir=None, overrides={"app.interval": 0})
    text = str(info.value)
    assert "command line" in text and "`app.interval`" in text and "≥ 1" in text
    assert info.value.line is None
    with pytest.raises(ConfigError, match="command line.*Did you mean `lang`"):
        load_config(config_dir=None, overrides={"app.langg": "en"})


def test_find_line() -> None:
    text = (
        'targets_replace = false\n[app]\nlang = "vi"\n[source]\n"timeout" = 3\n'
        '[source.headers]\nX-A = "1"\n[[targets]]\nkpi = "a"\n[[targets]]\nkpi = "b"\n'
    )
    assert find_line(text, "targets_replace") == 1
    assert find_line(text, "app.lang") == 3
    assert find_line(text, "source.timeout") == 5
    assert find_line(text, "source.headers.X-A") == 7
    assert find_line(text, "targets[1].kpi") == 11
    assert find_line(text, "targets[1].value") == 10  # falls back to the block's header
    assert find_line(text, "nothing.here") is None
