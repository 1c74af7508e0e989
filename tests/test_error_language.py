"""Error texts follow the UI's language: Vietnamese by default, English with --lang en."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import run_cli

# Words that only an English sentence uses; names (`keys`, "values", paths) are removed first.
_ENGLISH = {"the", "is", "must", "not", "be", "it", "of", "in", "and", "or", "line", "file",
            "error", "cannot", "expected", "did", "you", "mean", "known", "allowed", "here",
            "which", "write", "should", "has", "named", "set", "read", "no", "such",
            "invalid", "missing", "failed", "could", "at", "column", "row", "value"}
# The feed's messages name its keys and columns (period, unit, value …) in both languages, and
# quote the earlier record's place ("line 5"); these words are their sentences' own.
_FEED_NAMES = {"value", "line", "column", "row", "unit", "period", "measure", "target", "parent",
               "kind", "name", "level", "code", "feed", "score"}
_FEED_ENGLISH = {"got", "an", "needs", "unknown", "number", "string", "array", "object",
                 "than", "more", "defined", "differently", "duplicate", "conflicting", "earlier",
                 "record", "empty", "directory", "negative", "count", "counts", "nested",
                 "deeply", "header", "cells", "columns", "ignored", "date", "exceeds", "offset",
                 "begins", "after", "generated", "there", "quarter", "contains", "control",
                 "character", "plain", "text", "twice", "used", "kept", "first", "stopped",
                 "errors", "units", "lacks", "separator", "percentage", "from", "to"}


def feed_english(text: str) -> set[str]:
    """English words of a feed message's sentence (its names and places left aside)."""
    text = re.sub(r"`[^`]*`|\"[^\"]*\"|'[^']*'|\S*/\S*|\S+\.(toml|json|csv)\b|U\+[0-9A-F]+",
                  " ", text)
    words = {w for w in re.findall(r"[A-Za-z]+", text)}
    return {w for w in words if w.lower() in (_ENGLISH | _FEED_ENGLISH) - _FEED_NAMES}


def english_words(text: str) -> set[str]:
    """English words outside names, quotes and paths: empty for a clean Vietnamese text."""
    text = re.sub(r"`[^`]*`|\"[^\"]*\"|'[^']*'|\S*/\S*|\S+\.(toml|json|csv)\b|U\+[0-9A-F]+",
                  " ", text)
    return {w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in _ENGLISH}


# The bad configurations of tests/test_config.py, each run in both languages.
BAD_CONFIGS = [
    '[app]\nlang = "vi"\n\n[source]\nlocation = ""\ntimout = 3\n',
    "# comment\n[apps]\nlang = 'en'\n",
    '[app]\ninterval = "fast"\n',
    "[app]\nlang = 'en'\ninterval = 0\n",
    '[app]\nlang = "fr"\n',
    '[[targets]]\nkpi = "late_rate"\nvalue = 150\n',
    '[[targets]]\nkpi = "late_rate"\nvalue = 2\ndue = "2025-02-30"\n',
    '[[targets]]\nkpi = "late_rate"\nvalue = 2\ndue = "31/12/2025"\n',
    '[[targets]]\nkpi = "online_dosier_rate"\nvalue = 50\n',
    '[app]\nlang = "en"\n[[targets]]\nvalue = 2\n',
    '[[targets]]\nkpi = "late_rate"\nvalue = 2\nscope = ""\n',
    '[[targets]]\nkpi = "late_rate"\nvalue = 2\n[[targets]]\nkpi = "late_rate"\nvalue = 3\n',
    '[source.headers]\nAuthorization = "Bearer s3cret"\n',
    '[source.headers]\n"X B" = "1"\n',
    '[source.headers]\nX-A = "a\\rb"\n',
    '[source]\ntoken_env = "sk-s3cret"\n',
    '[source]\nlocation = "http://:80/feed.json"\n',
    '[source]\nlocation = "http://[::1/feed.json"\n',
    '[app]\nmeeting_units = ["01837", "01837"]\n',
    '[app]\nmeeting_rotation = "units"\n',
    '[app]\nlang = "vi"\ninterval = = 3\n',
    "x = [\n",
    '[app]\nmeeting_theme = "textual-ligth"\n',
]


@pytest.mark.parametrize("body", BAD_CONFIGS)
def test_a_bad_config_is_told_in_the_chosen_language(
        body: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    code, _, vi = run_cli(["--lang", "vi", "--config", str(path), "kpis"], capsys)
    assert code == 2 and vi.startswith("cchc-tui: Lỗi cấu hình trong ") and "bad.toml" in vi
    assert english_words(vi) == set(), vi
    code, _, en = run_cli(["--lang", "en", "--config", str(path), "kpis"], capsys)
    assert code == 2 and en.startswith("cchc-tui: Config error in ") and "bad.toml" in en
    assert "s3cret" not in vi + en
    # Both name the same place: the same line (when known) and the same key.
    line = re.search(r"line (\d+)", en)
    assert (line is None) == ("dòng" not in vi)
    if line:
        assert f"dòng {line[1]}:" in vi
    assert re.findall(r"`[^`]*`", vi) == re.findall(r"`[^`]*`", en)


def test_config_error_words_exactly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "site.toml"
    path.write_text('[app]\ninterval = "fast"\n', encoding="utf-8")
    _, _, vi = run_cli(["--config", str(path), "kpis"], capsys)
    assert vi == (f"cchc-tui: Lỗi cấu hình trong {path}, dòng 2: `app.interval` phải là một "
                  'số ≥ 1, nhưng đang là chuỗi "fast".\n')
    _, _, en = run_cli(["--lang", "en", "--config", str(path), "kpis"], capsys)
    assert en == (f"cchc-tui: Config error in {path}, line 2: `app.interval` must be a "
                  'number ≥ 1, but it is the string "fast".\n')
    path.write_text("[source]\ntimout = 3\n", encoding="utf-8")
    _, _, vi = run_cli(["--config", str(path), "kpis"], capsys)
    assert vi.endswith(" Có phải ý bạn là `timeout`?\n") and ", dòng 2: `source.timout` " in vi
    _, _, en = run_cli(["--config", str(path), "--lang", "en", "kpis"], capsys)
    assert en.endswith(" Did you mean `timeout`?\n") and ", line 2: `source.timout` " in en


def test_a_broken_config_speaks_the_language_it_asked_for(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The language may come from the file being read: --lang first, else the app.lang the
    layers read so far wrote (the broken one included when its lang is readable), else vi."""
    path = tmp_path / "site.toml"
    path.write_text('[app]\nlang = "en"\ninterval = 0\n', encoding="utf-8")
    _, _, err = run_cli(["--config", str(path), "kpis"], capsys)
    assert err.startswith("cchc-tui: Config error in ") and ", line 3: " in err
    _, _, err = run_cli(["--config", str(path), "--lang", "vi", "kpis"], capsys)
    assert err.startswith("cchc-tui: Lỗi cấu hình trong ") and ", dòng 3: " in err
    path.write_text('[app]\nlang = "fr"\n', encoding="utf-8")  # no language to go by
    _, _, err = run_cli(["--config", str(path), "kpis"], capsys)
    assert err.startswith("cchc-tui: Lỗi cấu hình trong ")
    path.write_text('[app]\nlang = "en"\ninterval = = 3\n', encoding="utf-8")  # not TOML
    _, _, err = run_cli(["--config", str(path), "kpis"], capsys)
    assert err.startswith("cchc-tui: Lỗi cấu hình trong ") and "không phải TOML" in err
    _, _, err = run_cli(["--lang", "en", "--config", str(path), "kpis"], capsys)
    assert "this is not valid TOML: Invalid value (column 12)." in err


def test_a_config_dir_layer_gives_the_language_of_a_later_broken_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc_tui.config import ConfigError, load_config

    (tmp_path / "default.toml").write_text('[app]\nlang = "en"\n', encoding="utf-8")
    (tmp_path / "z.toml").write_text("[app]\ninterval = -1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(config_dir=tmp_path)
    assert info.value.lang == "en" and info.value.text("en").startswith("Config error in ")
    (tmp_path / "default.toml").write_text("[app]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(config_dir=tmp_path)
    assert info.value.lang is None


def test_environment_errors_in_both_languages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("I14_NO_SUCH_TOKEN", raising=False)
    argv = ["--source", "http://127.0.0.1:9/feed.json", "--token-env", "I14_NO_SUCH_TOKEN",
            "report", "--unit", "x"]
    code, _, vi = run_cli(argv, capsys)
    assert code == 2 and vi == (
        "cchc-tui: Lỗi cấu hình trong biến môi trường: biến I14_NO_SUCH_TOKEN (do "
        "`source.token_env` chỉ định) chưa được đặt hoặc rỗng; hãy export nó trước khi chạy.\n")
    code, _, en = run_cli(["--lang", "en", *argv], capsys)
    assert code == 2 and en == (
        "cchc-tui: Config error in the environment: the variable I14_NO_SUCH_TOKEN (named by "
        "`source.token_env`) is not set or is empty; export it before starting.\n")


# --- a source that cannot be read -----------------------------------------------------------
@pytest.mark.parametrize("status,vi,en", [
    (404, "HTTP 404 (không có gì ở URL này: hãy kiểm tra source.location)",
     "HTTP 404 (nothing at this URL: check source.location)"),
    (401, "HTTP 401: nguồn cần thông tin xác thực: ghi tên biến chứa token vào "
          "source.token_env",
     "401: the feed needs credentials: name the variable holding a token in source.token_env"),
    (429, "HTTP 429: máy chủ yêu cầu hỏi thưa hơn",
     "HTTP 429: the server asks to be called less often"),
    (500, "HTTP 500", "HTTP 500"),
])
def test_an_http_failure_is_told_in_the_chosen_language(
        status: int, vi: str, en: str, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.upstream import running

    with running(b"{}") as srv:
        srv.mode, srv.status = "status", status
        argv = ["report", "--unit", "x", "--source", srv.url]
        code, _, err_vi = run_cli(argv, capsys)
        code_en, _, err_en = run_cli(["--lang", "en", *argv], capsys)
    assert (code, code_en) == (1, 1)
    assert err_vi == f"cchc-tui report: không đọc được nguồn:\n{vi}\n"
    assert err_en == f"cchc-tui report: cannot read the source:\n{en}\n"
    assert english_words(err_vi) == set()


def test_every_known_reason_has_vietnamese_words() -> None:
    """Each form i18n knows, filled in, comes out with no English sentence left."""
    from cchc_tui.i18n import source_reason

    examples = [
        "connection refused", "cannot find the host feed.example.vn (DNS)",
        "cannot connect to 10.0.0.1", "timed out after 2.5 s", "too many redirects (more than 5)",
        "TLS: the certificate of a.vn is not trusted (set source.ca_path to the CA bundle that "
        "signed it)",
        "connection cut off before the whole response arrived",
        "the server closed the connection unexpectedly",
        "connection lost while reading the response",
        "ftp://x/feed: not an http:// or https:// URL", "http://x/feed: not a valid URL",
        "request failed (DecodingError)", "http://x/f: cannot send the request (ValueError)",
        "HTTP 403: the server refused the request (it may be limiting how often it is asked)",
        "403: check the token in FEED_TOKEN", "401: check the headers taken from API_KEY",
        "HTTP 304 without a previous response",
        "response larger than 1000 bytes (source.max_bytes)",
        "response larger than 1000 bytes (checks.max_feed_bytes)",
        "the response could not be decompressed (damaged gzip or deflate data)",
        "the server sent the body as 'br', which this client did not ask for and cannot decode",
        "the environment variable K (for the header X-Key in source.header_env) is not set",
        "the environment variable T (source.token_env) is not set: it should hold the bearer "
        "token",
        "the value of the header X-Key (from the environment) must be plain ASCII on one line",
        "source.ca_path /etc/ca.pem: cannot load the CA bundle (SSLError)",
        "/data/feeds: no such file or directory", "the source has not been read yet",
        "postgresql://db/cchc: the server refused the login (check the password in $PGPASS)",
        "postgresql://db/cchc: the server refused the login (set source.password_env to the "
        "variable holding the password)",
        "postgresql://db/cchc: the query ran longer than source.query_timeout (30 s)",
        "trino://db/cchc: cannot read (TrinoQueryError)",
        "/srv/rows: no table ho_so (dossiers of DOSSIERS.md)",
        "stopped after 40 calls in one poll (source.portal_max_calls): the answers have more "
        "pages than that",
        "SERVICE_RESULTS: the portal's answer is not the expected {code, data, message}",
        "the portal lists no unit H21.9 under H21 (source.portal_scope)",
        "the portal lists no unit H99 under the provinces (source.portal_scope)",
        "the portal lists no province H99 (source.portal_scope)",
        "looking up H21.9 (source.portal_scope: a departmentId needs no look-up): "
        "connection refused",
    ]
    for reason in examples:
        vi = source_reason(reason, "vi")
        assert vi != reason and english_words(vi) == set(), (reason, vi)
        assert source_reason(reason, "en") == reason


# --- validate -----------------------------------------------------------------------------
def test_validate_summary_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    from cchc_tui.resources import default_fixtures_dir

    folder = str(default_fixtures_dir())
    code, out_en, _ = run_cli(["--lang", "en", "validate", folder], capsys)
    assert code == 0
    m = re.fullmatch(r"valid: (\d+) file\(s\), (\d+) units, (\d+) observations, (\d+) warnings, "
                     r"(\d+) findings", out_en.splitlines()[-1])
    assert m, out_en.splitlines()[-1]
    files, units, obs, warnings, found = (int(g) for g in m.groups())
    code, out_vi, _ = run_cli(["validate", folder], capsys)
    assert code == 0

    def vi(n: int) -> str:
        return f"{n:,}".replace(",", ".")

    assert out_vi.splitlines()[-1] == (f"hợp lệ: {vi(files)} tệp, {vi(units)} đơn vị, "
                                       f"{vi(obs)} quan sát, {vi(warnings)} cảnh báo, "
                                       f"{vi(found)} phát hiện")
    # every line says what it is in Vietnamese; findings are worded in it too
    for line in out_vi.splitlines()[:-1]:
        assert line.startswith("cảnh báo: "), line
    findings_vi = [ln for ln in out_vi.splitlines() if ln.startswith("cảnh báo: phát hiện: ")]
    findings_en = [ln for ln in out_en.splitlines() if ln.startswith("warning: finding: ")]
    assert len(findings_vi) == len(findings_en)
    assert all(english_words(ln.split(": ", 3)[-1]) == set() for ln in findings_vi)


def _json_cases() -> list[object]:
    from tests.test_feed_errors import JSON_CASES

    return [pytest.param(m, w, id=i) for i, m, w, _ in JSON_CASES]


@pytest.mark.parametrize(("mutate", "where"), _json_cases())
def test_validate_errors_keep_their_places_in_both_languages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], mutate: object, where: str) -> None:
    from tests.helpers import minimal_doc, write_feed
    from tests.test_feed_errors import place

    doc = minimal_doc()
    mutate(doc)  # type: ignore[operator]
    path = write_feed(tmp_path, "feed.json", doc)
    code_vi, _, err_vi = run_cli(["validate", str(path)], capsys)
    code_en, _, err_en = run_cli(["--lang", "en", "validate", str(path)], capsys)
    assert (code_vi, code_en) == (1, 1)
    assert err_vi.splitlines()[-1] == "không hợp lệ" and err_en.splitlines()[-1] == "invalid"
    (vi_line,) = err_vi.splitlines()[:-1]
    (en_line,) = err_en.splitlines()[:-1]
    assert vi_line.startswith("lỗi: " + place(path, where)) and en_line.startswith(
        "error: " + place(path, where))
    # the message itself is Vietnamese: no English sentence left in it
    vi_words = vi_line.removeprefix("lỗi: " + place(path, where))
    assert feed_english(vi_words) == set(), vi_line


def _csv_cases() -> list[object]:
    from tests.test_feed_errors import CSV_CASES

    return [pytest.param(t, w, id=i) for i, t, w, _ in CSV_CASES]


@pytest.mark.parametrize(("text", "where"), _csv_cases())
def test_validate_csv_errors_are_worded_in_vietnamese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, where: str) -> None:
    from tests.helpers import write_feed
    from tests.test_feed_errors import place

    path = write_feed(tmp_path, "feed.csv", text)
    code, _, err = run_cli(["validate", str(path)], capsys)
    assert code == 1 and err.splitlines()[-1] == "không hợp lệ"
    (line,) = err.splitlines()[:-1]
    assert line.startswith("lỗi: " + place(path, where)), line
    assert feed_english(line.removeprefix("lỗi: " + place(path, where))) == set(), line


# --- a feed's own errors, word for word ---------------------------------------------------------
def test_feed_errors_word_for_word_in_both_languages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The English stays as it was; the Vietnamese says the same with the same place and the
    same quoted values (repr, so a control character is never printed raw)."""
    from cchc_tui.model.vocabulary import LEVELS
    from tests.helpers import minimal_doc, write_feed

    doc = minimal_doc()
    doc["units"][2]["level"] = "ward"
    path = write_feed(tmp_path, "units.json", doc)
    _, _, vi = run_cli(["validate", str(path)], capsys)
    _, _, en = run_cli(["--lang", "en", "validate", str(path)], capsys)
    levels = ", ".join(LEVELS)
    assert en.splitlines() == [
        f"error: {path}: $.units[2].level: level 'ward' is not one of {levels}", "invalid"]
    assert vi.splitlines() == [
        f"lỗi: {path}: $.units[2].level: cấp 'ward' không thuộc {levels}", "không hợp lệ"]
    doc = minimal_doc()
    doc["observations"][0]["value"] = "a\x1bb"
    path = write_feed(tmp_path, "values.json", doc)
    _, _, vi = run_cli(["validate", str(path)], capsys)
    _, _, en = run_cli(["--lang", "en", "validate", str(path)], capsys)
    assert en.splitlines() == [
        f"error: {path}: $.observations[0].value: expected a number, got 'a\\x1bb'", "invalid"]
    assert vi.splitlines() == [
        f"lỗi: {path}: $.observations[0].value: cần một số, nhận được 'a\\x1bb'",
        "không hợp lệ"]


def test_csv_errors_word_for_word_in_both_languages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.helpers import write_feed
    from tests.test_feed_errors import csv_doc

    path = write_feed(tmp_path, "feed.csv", csv_doc(
        "observaton,01837,,,,2023,dossiers_received,,1109,",
        "observation,01837,,,,2023,dossiers_received,,1,109,x"))
    _, _, vi = run_cli(["validate", str(path)], capsys)
    _, _, en = run_cli(["--lang", "en", "validate", str(path)], capsys)
    assert en.splitlines()[:2] == [
        f"error: {path}: line 5: kind 'observaton' is not one of meta, unit, observation, "
        "reported, target (did you mean 'observation'?)",
        f"error: {path}: line 6: 11 cells but the header has 10 columns (is the separator ',' "
        "used inside a value without quotes?)"]
    assert vi.splitlines()[:2] == [
        f"lỗi: {path}: line 5: kind 'observaton' không thuộc meta, unit, observation, reported, "
        "target (có phải 'observation'?)",
        f"lỗi: {path}: line 6: 11 ô nhưng tiêu đề có 10 cột (dấu phân cách ',' có bị dùng "
        "trong một giá trị không có dấu ngoặc kép không?)"]


def test_a_cut_json_and_many_errors_in_both_languages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.helpers import minimal_doc, write_feed

    cut = tmp_path / "cut.json"
    cut.write_bytes(b'{"format": "cchc-kpi-feed", "units": [')
    _, _, vi = run_cli(["validate", str(cut)], capsys)
    _, _, en = run_cli(["--lang", "en", "validate", str(cut)], capsys)
    assert en.splitlines()[0] == (f"error: {cut}: byte 38 (line 1, column 39): JSON cut off at "
                                  "byte 38 (it ends in the middle of a value: an interrupted "
                                  "download or copy?)")
    assert vi.splitlines()[0] == (f"lỗi: {cut}: byte 38 (line 1, column 39): JSON bị cắt ở byte "
                                  "38 (dừng giữa một giá trị: tải xuống hoặc sao chép bị gián "
                                  "đoạn?)")
    doc = minimal_doc()
    doc["observations"] = [dict(doc["observations"][0], value=-1) for _ in range(60)]
    many = write_feed(tmp_path, "many.json", doc)
    _, _, vi = run_cli(["validate", str(many)], capsys)
    _, _, en = run_cli(["--lang", "en", "validate", str(many)], capsys)
    assert "error: (stopped after 50 errors)" in en.splitlines()
    assert "lỗi: (dừng sau 50 lỗi)" in vi.splitlines()
    assert all(feed_english(ln.split(": ", 3)[-1]) == set() for ln in vi.splitlines())


def test_a_rejected_feed_in_the_header_and_the_toast(tmp_path: Path) -> None:
    """The dashboard words a rejected feed's first problem (and how many more) in the UI's
    language; the status keeps the English reason as it was."""
    from datetime import datetime

    from cchc_tui.feed.build import build_snapshot
    from cchc_tui.feed.load import read_file
    from cchc_tui.feed.raw import FeedError
    from cchc_tui.frame import status_text
    from cchc_tui.polling import after_read
    from cchc_tui.sources.base import feed_failure
    from cchc_tui.sources.status import SourceStatus
    from tests.helpers import minimal_doc, write_feed

    doc = minimal_doc()
    doc["observations"] = [dict(doc["observations"][0], value=None),
                           dict(doc["observations"][0], period="2023-06", value=-3)]
    path = write_feed(tmp_path, "feed.json", doc)
    with pytest.raises(FeedError) as info:
        build_snapshot([read_file(path)])
    failure = feed_failure(info.value)
    now = datetime(2026, 11, 28, 8, 0)
    outs = {lang: after_read(SourceStatus(), result=None, error=failure, now=now, interval=60,
                             next_delay=60, data_time=None, lang=lang) for lang in ("vi", "en")}
    assert failure.reason == ("expected a number, got None (at $.observations[0].value) "
                              "(and 1 more problem)")
    assert outs["en"].status.reason == failure.reason == outs["vi"].status.reason
    vi_reason = "cần một số, nhận được None (tại $.observations[0].value) (và 1 vấn đề khác)"
    assert outs["vi"].status.reason_text("vi") == vi_reason
    assert outs["vi"].notice is not None and outs["vi"].notice.text.endswith(vi_reason)
    assert outs["en"].notice is not None and outs["en"].notice.text.endswith(failure.reason)
    assert vi_reason in status_text(outs["vi"].status, "vi", now)
    assert failure.reason in status_text(outs["en"].status, "en", now)


def test_every_feed_template_is_vietnamese() -> None:
    """Each kind's Vietnamese template: no English sentence word outside its fields."""
    from cchc_tui.i18n import FEED_ISSUES

    for kind, template in FEED_ISSUES.items():
        bare = re.sub(r"\{\w+\}", " ", template).replace("{{", "").replace("}}", "")
        assert feed_english(bare) == set(), (kind, template)
        assert re.search(r"[à-ỹ]", template), (kind, template)  # Vietnamese letters in it
