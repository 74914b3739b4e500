"""Where each setting comes from: argument, else environment, else config file, else default.

The order and the file (`kili-sdk-config.json`, in the current directory, then the home
directory) are the official SDK's, so that its users' set-ups keep working.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from kili.client import DEFAULT_API_ENDPOINT, Kili
from kili.config import CONFIG_FILE_NAME, ApiKey, load_config_file
from kili.exceptions import AuthenticationFailed, ConfigurationError

VARIABLES = (
    "KILI_API_KEY",
    "KILI_API_ENDPOINT",
    "KILI_VERIFY",
    "KILI_DISABLE_TQDM",
    "KILI_DISABLE_REQUEST_COMPRESSION",
)
SECRET = "sk-file-0123456789"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty home directory and an empty current directory, with no Kili variable."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KILI_SDK_SKIP_CHECKS", "1")
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    return home


def write_config(directory: Path, **values: Any) -> Path:
    path = directory / CONFIG_FILE_NAME
    path.write_text(json.dumps(values), encoding="utf-8")
    return path


def built(**arguments: Any) -> Kili:
    kili = Kili(**arguments)
    kili.close()
    return kili


def authorization(kili: Kili) -> str:
    return kili.kili_api_gateway.transport.websocket_target().authorization


# --- each source alone ---------------------------------------------------------------


def test_without_any_source_the_defaults_apply(home: Path) -> None:
    kili = built(api_key="k")
    assert kili.api_endpoint == DEFAULT_API_ENDPOINT
    assert kili.verify is True
    assert kili.disable_tqdm is False
    assert kili.disable_request_compression is False


def test_the_file_in_the_home_directory_gives_every_setting(home: Path) -> None:
    write_config(
        home,
        api_key=SECRET,
        api_endpoint="http://file.example/graphql",
        verify_ssl=False,
        disable_tqdm=True,
        disable_request_compression=True,
    )
    kili = built()
    assert authorization(kili) == f"X-API-Key: {SECRET}"
    assert kili.api_endpoint == "http://file.example/graphql"
    assert kili.verify is False
    assert kili.disable_tqdm is True
    assert kili.disable_request_compression is True


def test_the_file_may_name_a_ca_bundle(home: Path) -> None:
    write_config(home, api_key="k", verify_ssl="/etc/ssl/certs/ca-certificates.crt")
    assert built().verify == "/etc/ssl/certs/ca-certificates.crt"


def test_the_current_directory_wins_over_the_home_directory(home: Path) -> None:
    write_config(home, api_key="home-key", api_endpoint="http://home.example/graphql")
    write_config(Path.cwd(), api_endpoint="http://cwd.example/graphql")
    kili = built(api_key="k")
    assert kili.api_endpoint == "http://cwd.example/graphql"


def test_only_the_first_file_found_is_read(home: Path) -> None:
    write_config(home, api_key="home-key")
    write_config(Path.cwd(), disable_tqdm=True)
    with pytest.raises(AuthenticationFailed):
        built()


# --- precedence, setting by setting -------------------------------------------------


def test_api_key_argument_then_environment_then_file(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(home, api_key="from-file")
    assert authorization(built()) == "X-API-Key: from-file"
    monkeypatch.setenv("KILI_API_KEY", "from-env")
    assert authorization(built()) == "X-API-Key: from-env"
    assert authorization(built(api_key="from-argument")) == "X-API-Key: from-argument"


def test_api_endpoint_argument_then_environment_then_file(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(home, api_key="k", api_endpoint="http://file.example/graphql")
    assert built().api_endpoint == "http://file.example/graphql"
    monkeypatch.setenv("KILI_API_ENDPOINT", "http://env.example/graphql")
    assert built().api_endpoint == "http://env.example/graphql"
    assert built(api_endpoint="http://arg.example/graphql").api_endpoint == (
        "http://arg.example/graphql"
    )


def test_verify_argument_then_environment_then_file(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(home, api_key="k", verify_ssl=False)
    assert built().verify is False
    monkeypatch.setenv("KILI_VERIFY", "true")
    assert built().verify is True
    assert built(verify=False).verify is False


@pytest.mark.parametrize(
    ("argument", "variable"),
    [
        ("disable_tqdm", "KILI_DISABLE_TQDM"),
        ("disable_request_compression", "KILI_DISABLE_REQUEST_COMPRESSION"),
    ],
)
def test_flags_argument_then_environment_then_file(
    home: Path, monkeypatch: pytest.MonkeyPatch, argument: str, variable: str
) -> None:
    write_config(home, api_key="k", **{argument: True})
    assert getattr(built(), argument) is True
    monkeypatch.setenv(variable, "false")
    assert getattr(built(), argument) is False
    monkeypatch.setenv(variable, "yes")
    assert getattr(built(), argument) is True
    assert getattr(built(**{argument: False}), argument) is False


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        *[("true", True), ("TRUE", True), ("1", True), ("yes", True), ("Yes", True)],
        *[("false", False), ("0", False), ("no", False), ("on", False), ("", False)],
    ],
)
def test_flag_variables_are_read_as_the_official_sdk_reads_them(
    home: Path, monkeypatch: pytest.MonkeyPatch, value: str, expected: bool
) -> None:
    monkeypatch.setenv("KILI_DISABLE_REQUEST_COMPRESSION", value)
    monkeypatch.setenv("KILI_DISABLE_TQDM", value)
    kili = built(api_key="k")
    assert kili.disable_request_compression is expected
    assert kili.disable_tqdm is expected


def test_an_empty_key_or_endpoint_variable_falls_through_to_the_file(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(home, api_key="from-file", api_endpoint="http://file.example/graphql")
    monkeypatch.setenv("KILI_API_KEY", "")
    monkeypatch.setenv("KILI_API_ENDPOINT", "")
    kili = built()
    assert authorization(kili) == "X-API-Key: from-file"
    assert kili.api_endpoint == "http://file.example/graphql"


@pytest.mark.parametrize(("value", "expected"), [("on", True), ("off", False), ("No", False)])
def test_verify_variable_takes_boolean_words(
    home: Path, monkeypatch: pytest.MonkeyPatch, value: str, expected: bool
) -> None:
    monkeypatch.setenv("KILI_VERIFY", value)
    assert built(api_key="k").verify is expected


def test_verify_variable_naming_a_missing_ca_bundle_is_refused(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KILI_VERIFY", str(home / "no-such-bundle.pem"))
    with pytest.raises(ConfigurationError, match=r"no-such-bundle\.pem"):
        Kili(api_key="k")


# --- the prompt --------------------------------------------------------------------


def test_a_terminal_is_asked_for_the_key_when_no_source_gives_one(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts: list[str] = []

    def answer(prompt: str) -> str:
        prompts.append(prompt)
        return "  typed-key\n"

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", answer)
    assert authorization(built()) == "X-API-Key: typed-key"
    assert prompts == ["No `KILI_API_KEY` environment variable found.\nPlease enter your API key: "]


def test_the_prompt_is_not_shown_when_a_source_gives_the_key(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(home, api_key="from-file")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", pytest.fail)
    assert authorization(built()) == "X-API-Key: from-file"


def test_without_a_terminal_a_missing_key_fails_without_prompting(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    monkeypatch.setattr("getpass.getpass", pytest.fail)
    with pytest.raises(AuthenticationFailed, match="KILI_API_KEY"):
        Kili()


def test_an_empty_answer_to_the_prompt_fails(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: "")
    with pytest.raises(AuthenticationFailed):
        Kili()


# --- a broken file -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"api_key": "' + SECRET + '",', "not valid JSON"),
        (f'["{SECRET}"]', "JSON object"),
        ('{"api_key": 12345}', "'api_key' that is not a string"),
        ('{"api_key": "' + SECRET + '", "verify_ssl": 0}', "'verify_ssl'"),
        ('{"api_key": "' + SECRET + '", "disable_tqdm": "yes"}', "'disable_tqdm'"),
        ('{"api_key": "' + SECRET + '", "api_endpoint": 3}', "'api_endpoint'"),
    ],
    ids=["truncated", "array", "key-not-string", "verify", "tqdm", "endpoint"],
)
def test_a_malformed_file_is_a_configuration_error_naming_the_file_not_the_key(
    home: Path, content: str, problem: str
) -> None:
    path = home / CONFIG_FILE_NAME
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=problem) as raised:
        Kili(api_key="k")
    assert str(path) in str(raised.value)
    assert SECRET not in str(raised.value)
    assert "12345" not in str(raised.value)


def test_a_file_that_is_not_utf8_is_a_configuration_error(home: Path) -> None:
    (Path.cwd() / CONFIG_FILE_NAME).write_bytes(b'{"api_key": "\xff"}')
    with pytest.raises(ConfigurationError, match="not UTF-8"):
        Kili(api_key="k")


def test_a_directory_in_place_of_the_file_is_a_configuration_error(home: Path) -> None:
    (home / CONFIG_FILE_NAME).mkdir()
    with pytest.raises(ConfigurationError, match="cannot be read"):
        Kili(api_key="k")


def test_the_key_read_from_a_file_is_masked(home: Path) -> None:
    write_config(home, api_key=SECRET)
    settings = load_config_file()
    assert settings.api_key == ApiKey(SECRET)
    assert SECRET not in repr(settings)


def test_unknown_keys_are_ignored_as_the_official_sdk_does(home: Path) -> None:
    write_config(home, api_key="k", project_id="p", verify_ssl=None)
    assert built().verify is True


def test_explicit_directories_are_searched_in_order(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    write_config(second, disable_tqdm=True)
    assert load_config_file([first, second]).disable_tqdm is True
    assert load_config_file([first]).path is None


def test_a_deleted_current_directory_leaves_the_home_directory(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(home, disable_tqdm=True)

    def deleted() -> Path:
        raise FileNotFoundError("the current directory was deleted")

    monkeypatch.setattr(Path, "cwd", deleted)
    assert load_config_file().disable_tqdm is True
