"""Settings come from CIVIC_* variables; production refuses to start without a secret."""
import pytest

from civic import create_app
from config import ConfigError, ProductionConfig, get_config_class, normalize_database_url


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("CIVIC_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="CIVIC_SECRET_KEY is required"):
        ProductionConfig(tmp_path)


def test_production_reads_its_settings_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CIVIC_SECRET_KEY", "s" * 48)
    monkeypatch.setenv("CIVIC_DATABASE_URL", "postgresql://civic@db.example/civic")
    monkeypatch.setenv("CIVIC_REDIS_URL", "redis://cache.example:6379/0")
    monkeypatch.setenv("CIVIC_BASE_URL", "https://participer.example.fr/")
    config = ProductionConfig(tmp_path)
    assert config.SECRET_KEY == "s" * 48
    assert config.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://civic@db.example/civic"
    assert config.RATELIMIT_STORAGE_URI == "redis://cache.example:6379/0"
    assert config.BASE_URL == "https://participer.example.fr"
    assert config.SESSION_COOKIE_SECURE and config.HSTS


def test_development_keeps_a_generated_secret_under_instance(monkeypatch, tmp_path):
    monkeypatch.delenv("CIVIC_SECRET_KEY", raising=False)
    cls = get_config_class("development")
    first = cls(tmp_path).SECRET_KEY
    assert len(first) >= 40
    assert cls(tmp_path).SECRET_KEY == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_default_database_is_a_sqlite_file_under_instance(monkeypatch, tmp_path):
    monkeypatch.delenv("CIVIC_DATABASE_URL", raising=False)
    config = get_config_class("development")(tmp_path)
    assert config.SQLALCHEMY_DATABASE_URI == f"sqlite:///{tmp_path / 'civic.sqlite3'}"


def test_unknown_environment_name_is_a_clear_error():
    with pytest.raises(ConfigError, match="Unknown CIVIC_ENV"):
        get_config_class("staging-typo")


def test_postgres_urls_use_psycopg3():
    assert normalize_database_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalize_database_url("sqlite:///x") == "sqlite:///x"


def test_overrides_win_over_the_config_class(tmp_path):
    app = create_app("test", SITE_NAME="Participer", SQLALCHEMY_DATABASE_URI="sqlite://")
    assert app.config["SITE_NAME"] == "Participer"
