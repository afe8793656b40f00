"""The configuration file: errors that name the key, secrets from the environment, training."""

from pathlib import Path

import pytest

from onewindow import config
from onewindow.errors import ConfigError

GOOD = """
[database]
url = "sqlite:////tmp/ow.db"
[hall]
code = "lbgx"
name = "灵宝市水电气共享营业厅"
supervision_hotline = "0398-12345"
[counter]
id = "W03"
idle_lock_minutes = 5
[utilities.gas]
base_url = "https://gas.example.cn/onewindow"
token_env = "OW_TEST_GAS_TOKEN"
signing_secret = "s3cret"
timeout_s = 4
hotline = "0398-2222222"
"""


def write(tmp_path: Path, text: str, mode: int = 0o600) -> Path:
    path = tmp_path / "ow.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_a_good_file(tmp_path, monkeypatch):
    monkeypatch.setenv("OW_TEST_GAS_TOKEN", "tok-123")
    cfg = config.load(write(tmp_path, GOOD))
    assert not cfg.training
    assert cfg.hall.code == "LBGX" and cfg.counter_id == "W03" and cfg.idle_lock_minutes == 5
    gas = cfg.utilities["gas"]
    assert gas.base_url == "https://gas.example.cn/onewindow/"
    assert (gas.token, gas.signing_secret, gas.timeout_s) == ("tok-123", "s3cret", 4.0)
    assert gas.name == "燃气公司"  # default name when none is given
    assert "tok-123" not in repr(gas) and "s3cret" not in repr(gas)
    assert set(cfg.utilities) == {"gas"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('[counter]\nid = "W03"', "[counter]"), "[counter] id"),
        (('code = "lbgx"', 'code = "灵宝"'), "[hall] code"),
        (('url = "sqlite:////tmp/ow.db"', 'url = "mysql://x"'), "[database] url"),
        (("https://gas.example.cn", "http://gas.example.cn"), "[utilities.gas] base_url"),
        (("timeout_s = 4", 'timeout_s = "4"'), "timeout_s"),
        (("timeout_s = 4", "timeout_s = 0"), "timeout_s"),
        (("[utilities.gas]", "[utilities.steam]"), "[utilities.steam]"),
        (
            ('signing_secret = "s3cret"', 'signing_secret = "a"\nsigning_secret_env = "B"'),
            "signing_secret",
        ),
        (('name = "灵宝市水电气共享营业厅"', "name = 3"), "hall.name"),
    ],
)
def test_each_mistake_names_its_key(tmp_path, monkeypatch, change, message):
    monkeypatch.setenv("OW_TEST_GAS_TOKEN", "tok")
    old, new = change
    assert old in GOOD
    with pytest.raises(ConfigError) as err:
        config.load(write(tmp_path, GOOD.replace(old, new)))
    assert message in str(err.value)


def test_missing_environment_variable_is_named(tmp_path, monkeypatch):
    monkeypatch.delenv("OW_TEST_GAS_TOKEN", raising=False)
    with pytest.raises(ConfigError, match="OW_TEST_GAS_TOKEN"):
        config.load(write(tmp_path, GOOD))


def test_not_toml(tmp_path):
    with pytest.raises(ConfigError, match="TOML"):
        config.load(write(tmp_path, "[database\nurl="))


def test_plain_http_only_to_loopback(tmp_path, monkeypatch):
    monkeypatch.setenv("OW_TEST_GAS_TOKEN", "tok")
    for url in ("http://127.0.0.1:8080/", "http://localhost/x/", "http://[::1]:9/"):
        cfg = config.load(write(tmp_path, GOOD.replace("https://gas.example.cn/onewindow", url)))
        assert cfg.utilities["gas"].base_url.startswith("http://")


def test_no_file_means_training_mode_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("ONEWINDOW_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    cfg = config.load(None)
    assert cfg.training and cfg.utilities == {}
    assert cfg.database_url == f"sqlite:///{tmp_path / 'data' / 'onewindow' / 'training.db'}"


def test_explicit_or_environment_file_must_exist(tmp_path, monkeypatch):
    with pytest.raises(ConfigError, match="not found"):
        config.load(tmp_path / "nope.toml")
    monkeypatch.setenv("ONEWINDOW_CONFIG", str(tmp_path / "nope.toml"))
    with pytest.raises(ConfigError, match="ONEWINDOW_CONFIG"):
        config.load(None)


def test_settings_fingerprint_changes_with_credentials(tmp_path, monkeypatch):
    monkeypatch.setenv("OW_TEST_GAS_TOKEN", "one")
    first = config.load(write(tmp_path, GOOD)).utilities["gas"].fingerprint
    monkeypatch.setenv("OW_TEST_GAS_TOKEN", "two")
    assert config.load(write(tmp_path, GOOD)).utilities["gas"].fingerprint != first


@pytest.mark.parametrize(
    "secret",
    [
        'signing_secret = "s3cret"',
        'token = "tok-123"',
    ],
)
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604])
def test_a_file_holding_a_secret_that_others_can_read_is_refused(tmp_path, secret, mode):
    text = GOOD.replace('token_env = "OW_TEST_GAS_TOKEN"\n', "").replace(
        'signing_secret = "s3cret"', secret
    )
    path = write(tmp_path, text, mode)
    with pytest.raises(ConfigError) as refused:
        config.load(path)
    message = str(refused.value)
    assert f"chmod 600 {path}" in message and "\n" not in message
    assert "s3cret" not in message and "tok-123" not in message
    path.chmod(0o600)
    assert config.load(path).utilities["gas"].base_url


def test_a_database_password_is_a_secret_too(tmp_path):
    text = GOOD.replace('signing_secret = "s3cret"\n', "").replace(
        'url = "sqlite:////tmp/ow.db"', 'url = "postgresql+psycopg://app:pa55word@db.hall/ow"'
    )
    with pytest.raises(ConfigError, match="chmod 600"):
        config.load(write(tmp_path, text.replace('token_env = "OW_TEST_GAS_TOKEN"\n', ""), 0o644))


def test_a_file_without_secrets_may_be_readable(tmp_path, monkeypatch):
    monkeypatch.setenv("OW_TEST_GAS_TOKEN", "tok-123")
    text = GOOD.replace('signing_secret = "s3cret"', 'signing_secret_env = "OW_TEST_GAS_TOKEN"')
    assert config.load(write(tmp_path, text, 0o644)).utilities["gas"].signing_secret == "tok-123"


@pytest.mark.parametrize(
    "url",
    [
        "https://user:pa55word@gas.example.cn/onewindow",
        "https://token@gas.example.cn/",
        "http://u:p@127.0.0.1:8080/",
    ],
)
def test_credentials_in_a_base_url_are_refused_and_not_repeated(tmp_path, monkeypatch, url):
    monkeypatch.setenv("OW_TEST_GAS_TOKEN", "tok-123")
    text = GOOD.replace("https://gas.example.cn/onewindow", url)
    with pytest.raises(ConfigError, match=r"\[utilities.gas\] base_url") as refused:
        config.load(write(tmp_path, text))
    assert "pa55word" not in str(refused.value) and "token@" not in str(refused.value)
    assert "u:p" not in str(refused.value)


def test_the_audit_key_file_beside_the_config_or_named(tmp_path, monkeypatch):
    monkeypatch.setenv("OW_TEST_GAS_TOKEN", "tok-123")
    assert config.load(write(tmp_path, GOOD)).audit_key_file == tmp_path / "audit.key"
    named = GOOD + '[audit]\nkey_file = "keys/hall.key"\n'
    assert config.load(write(tmp_path, named)).audit_key_file == tmp_path / "keys" / "hall.key"
    absolute = GOOD + f'[audit]\nkey_file = "{tmp_path / "abs.key"}"\n'
    assert config.load(write(tmp_path, absolute)).audit_key_file == tmp_path / "abs.key"
