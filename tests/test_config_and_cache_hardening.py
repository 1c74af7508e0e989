"""Bad settings stop with a config error (exit 2) before anything starts; the disk cache
survives kills; validate refuses a feed too large to check in memory."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from cchc_tui.config import ConfigError, SourceConfig, check_environment, load_config
from cchc_tui.sources.cache import ORPHAN_SECONDS, CacheMeta, FeedCache
from tests.helpers import minimal_doc, run_cli, write_feed

URL = "http://127.0.0.1:9/feed.json"  # never contacted: every case stops before


@pytest.fixture(autouse=True)
def _no_dashboard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reaching the dashboard would be the bug; fail instead of opening it."""
    import cchc_tui.commands.dashboard as dashboard

    def refuse(config: object) -> int:
        raise AssertionError("the dashboard started")

    monkeypatch.setattr(dashboard, "run_dashboard", refuse)


# -- config and environment -------------------------------------------------------------------
def test_unset_token_variable_is_a_config_error_before_the_dashboard(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("CCHC_HARDEN_TOKEN", raising=False)
    for argv in (["--source", URL, "--token-env", "CCHC_HARDEN_TOKEN"],
                 ["report", "--unit", "x", "--source", URL, "--token-env", "CCHC_HARDEN_TOKEN"],
                 ["validate", URL, "--token-env", "CCHC_HARDEN_TOKEN"]):
        code, _, err = run_cli(argv, capsys)
        assert code == 2, argv
        assert "the variable CCHC_HARDEN_TOKEN (named by `source.token_env`) is not set" in err


def test_non_ascii_token_is_a_config_error_that_hides_the_value(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CCHC_HARDEN_TOKEN", "bí-mật-ABC")
    code, _, err = run_cli(["--source", URL, "--token-env", "CCHC_HARDEN_TOKEN"], capsys)
    assert code == 2 and "U+00ED at position 2" in err and "bí-mật" not in err
    monkeypatch.setenv("CCHC_HARDEN_TOKEN", "abc\r\nX-Injected: 1")
    with pytest.raises(ConfigError, match=r"U\+000D at position 4"):
        check_environment(SourceConfig(location=URL, token_env="CCHC_HARDEN_TOKEN"))
    monkeypatch.setenv("CCHC_HARDEN_TOKEN", "plain-ASCII.token_1")
    check_environment(SourceConfig(location=URL, token_env="CCHC_HARDEN_TOKEN"))


def test_header_env_variables_are_checked_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CCHC_HARDEN_KEY", raising=False)
    source = SourceConfig(location=URL, header_env={"X-Api-Key": "CCHC_HARDEN_KEY"})
    with pytest.raises(ConfigError, match=r"source\.header_env\.X-Api-Key"):
        check_environment(source)


def test_non_ascii_static_header_is_a_located_config_error(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    conf = tmp_path / "site.toml"
    conf.write_text('[source]\nheaders = { "Accept-Language" = "tiếng Việt" }\n',
                    encoding="utf-8")
    code, _, err = run_cli(["report", "--unit", "x", "--config", str(conf)], capsys)
    assert code == 2
    assert f"{conf}, line 2" in err and "U+1EBF at position 3" in err
    conf.write_text('[source]\nheaders = { "Bad Name" = "x" }\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="not an HTTP header name"):
        load_config(config_dir=None, extra_file=conf)


@pytest.mark.parametrize("url", ["http://[::1", "http://[::1]:99999/feed.json", "https:///feed",
                                 "http://exa mple.vn/feed.json"])
def test_invalid_url_is_a_config_error(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--source", url], ["report", "--unit", "x", "--source", url],
                 ["validate", url]):
        code, out, err = run_cli(argv, capsys)  # run_cli asserts no traceback
        assert code == 2, (argv, err)
        assert "URL" in err or "host" in err


# -- the disk cache ---------------------------------------------------------------------------
def test_orphaned_temporary_files_are_removed_when_the_cache_opens(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    directory.mkdir()
    old = directory / ".abc.feed.k3j2.tmp"
    old.write_bytes(b"x" * 1000)
    past = time.time() - ORPHAN_SECONDS - 5
    os.utime(old, (past, past))
    fresh = directory / ".abc.feed.q9z1.tmp"  # maybe another process writing right now
    fresh.write_bytes(b"y")
    keep = directory / "abc.feed"
    keep.write_bytes(b"z")
    FeedCache(directory)
    assert sorted(p.name for p in directory.iterdir()) == [".abc.feed.q9z1.tmp", "abc.feed"]


def test_a_kill_between_body_and_metadata_never_pairs_them(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    url = "http://x/feed.json"
    cache = FeedCache(tmp_path)
    cache.save(url, b"old body", CacheMeta(url, '"a"', fetched_at=1.0))
    real_replace = os.replace
    calls: list[str] = []

    def killed_after_the_body(src: str, dst: str | Path) -> None:
        calls.append(str(dst))
        if str(dst).endswith(".json"):
            raise KeyboardInterrupt  # the process dies before the metadata is replaced
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", killed_after_the_body)
    with pytest.raises(KeyboardInterrupt):
        cache.save(url, b"new body", CacheMeta(url, '"b"', fetched_at=2.0))
    monkeypatch.undo()
    body, info = cache.paths(url)
    assert body.read_bytes() == b"new body" and b'"fetched_at":1.0' in info.read_bytes()
    assert cache.load(url) is None  # old metadata never vouches for the new body
    cache.save(url, b"new body", CacheMeta(url, '"b"', fetched_at=2.0))
    entry = cache.load(url)
    assert entry is not None and entry.data == b"new body" and entry.meta.etag == '"b"'


# -- validate on a feed too large to hold ------------------------------------------------------
def test_validate_refuses_a_file_over_the_configured_size(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    doc = minimal_doc()
    feed = write_feed(tmp_path, "feeds/big.json", doc)
    conf = tmp_path / "small.toml"
    conf.write_text("[checks]\nmax_feed_bytes = 1024\n", encoding="utf-8")
    padded = write_feed(tmp_path, "feeds/padded.json",
                        feed.read_bytes().rstrip(b"}") + b" " * 2000 + b"}")
    code, _, err = run_cli(["validate", "--config", str(conf), str(padded)], capsys)
    assert code == 1
    assert f"{padded}: " in err and "bytes, more than checks.max_feed_bytes (1,024)" in err
    code, _, err = run_cli(["validate", "--config", str(conf), str(feed)], capsys)
    assert code == 0, err
    for i in range(3):  # small files that add up to more than the limit
        write_feed(tmp_path, f"many/f{i}.json", {**minimal_doc(), "title": "x" * 300})
    code, _, err = run_cli(["validate", "--config", str(conf), str(tmp_path / "many")], capsys)
    assert code == 1 and "the 3 feed files add up to" in err


def test_validate_caps_a_url_at_the_configured_size(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    body = (b'{"format": "cchc-kpi-feed", "version": 1, "units": []' + b" " * 5000 + b"}")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    conf = tmp_path / "small.toml"
    conf.write_text("[checks]\nmax_feed_bytes = 1024\n", encoding="utf-8")
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/feed.json"
        code, _, err = run_cli(["validate", "--config", str(conf), url], capsys)
    finally:
        server.shutdown()
        server.server_close()
    assert code == 1
    assert "response larger than 1024 bytes (checks.max_feed_bytes)" in err
