"""civic settings, read from CIVIC_* environment variables.

Pick a configuration with CIVIC_ENV (development, production, test) or pass one to
`civic.create_app`. Every setting is documented in README.md ("Configuration").
"""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path


class ConfigError(RuntimeError):
    """A required setting is missing or wrong: the app refuses to start."""


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(f"CIVIC_{name}")
    return value if value not in (None, "") else default


def _env_bool(name: str, default: bool = False) -> bool:
    value = _env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = _env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"CIVIC_{name} must be a whole number, got {value!r}") from exc


def _env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = (_env(name, default) or default).strip().lower()
    if value not in choices:
        raise ConfigError(f"CIVIC_{name} must be one of {', '.join(choices)}, got {value!r}")
    return value


def _env_bounds(name: str, default: tuple[float, float, float, float]):
    """A bounding box "south,west,north,east" in degrees."""
    value = _env(name)
    if value is None:
        return default
    try:
        south, west, north, east = (float(part) for part in value.split(","))
    except ValueError as exc:
        raise ConfigError(f"CIVIC_{name} must be 'south,west,north,east', got {value!r}") from exc
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        raise ConfigError(f"CIVIC_{name}: south < north and west < east are required")
    return (south, west, north, east)


def normalize_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written the usual way."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Config:
    """Defaults shared by every environment."""

    ENV_NAME = "base"
    DEBUG = False
    TESTING = False

    # Sessions and cookies
    SESSION_COOKIE_NAME = "civic_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    PERMANENT_SESSION_LIFETIME = timedelta(days=14)
    HSTS = False

    # Forms
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = 60 * 60 * 8
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024  # whole request; per-file limits are lower

    # Language
    BABEL_DEFAULT_LOCALE = "fr"
    BABEL_DEFAULT_TIMEZONE = "Europe/Paris"
    LANGUAGES = ("fr", "en")

    SQLALCHEMY_TRACK_MODIFICATIONS = False

    # Accounts
    PASSWORD_MIN_LENGTH = 10
    CONFIRM_TOKEN_MAX_AGE = 60 * 60 * 24 * 3  # 3 days
    RESET_TOKEN_MAX_AGE = 60 * 60  # 1 hour
    LOGIN_LIMIT_PER_IP = "20 per 10 minutes"
    LOGIN_LIMIT_PER_ACCOUNT = "5 per 10 minutes"
    SIGNUP_LIMIT_PER_IP = "10 per hour"
    RESET_LIMIT_PER_IP = "10 per hour"
    # New confirmation links mailed to one address (whoever asks, signed in or not)
    CONFIRM_RESEND_LIMIT_PER_ADDRESS = "3 per hour"
    # Failed current-password checks in settings (a rate, not a secret: hence the noqa)
    PASSWORD_CHECK_LIMIT_PER_ACCOUNT = "10 per 10 minutes"  # noqa: S105  # nosec B105

    # Uploads
    LOGO_MAX_BYTES = 2 * 1024 * 1024
    IMAGE_MAX_PIXELS = 40_000_000

    # Proposals
    PROPOSAL_SUPPORT_THRESHOLD = 100  # when a theme sets none
    ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
    ATTACHMENT_MAX_FILES = 5

    # Comments
    COMMENT_MAX_LENGTH = 5000
    COMMENT_MAX_LINKS = 3  # links per comment: more looks like spam

    # Anti-abuse rate limits (flask-limiter syntax), per account and per IP address; the
    # IP limits are higher because many people may share one address (a school, an office).
    POST_LIMIT_PER_ACCOUNT = "10 per hour;30 per day"  # proposals created or published
    POST_LIMIT_PER_IP = "50 per hour"
    COMMENT_LIMIT_PER_ACCOUNT = "5 per minute;100 per day"
    COMMENT_LIMIT_PER_IP = "30 per minute;1000 per day"
    SUPPORT_LIMIT_PER_ACCOUNT = "30 per minute;500 per day"
    SUPPORT_LIMIT_PER_IP = "300 per minute"
    REPORT_LIMIT_PER_ACCOUNT = "10 per hour;30 per day"
    REPORT_LIMIT_PER_IP = "60 per hour"

    # Public API (per IP address; 429 with Retry-After past it)
    API_RATE_LIMIT = "300 per minute"

    # Statistics are computed at most this often (per instance, or shared through Redis)
    STATS_CACHE_SECONDS = 600
    # The count of all public proposals (the unfiltered list and API): cached this long
    PROPOSAL_COUNT_CACHE_SECONDS = 30

    def __init__(self, instance_path: str | os.PathLike[str]):
        instance = Path(instance_path)
        self.INSTANCE_PATH = str(instance)
        self.SQLALCHEMY_DATABASE_URI = normalize_database_url(
            _env("DATABASE_URL", f"sqlite:///{instance / 'civic.sqlite3'}")
        )
        self.SECRET_KEY = _env("SECRET_KEY") or self.fallback_secret_key(instance)
        self.REDIS_URL = _env("REDIS_URL")
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL or "memory://"
        self.RATELIMIT_ENABLED = _env_bool("RATELIMIT_ENABLED", True)
        self.BASE_URL = (_env("BASE_URL", "http://127.0.0.1:5000") or "").rstrip("/")
        self.SITE_NAME = _env("SITE_NAME", "civic")
        self.METROPOLIS_NAME = _env("METROPOLIS_NAME", "Toulouse Métropole")
        self.UPLOAD_DIR = _env("UPLOAD_DIR", str(instance / "uploads"))
        self.PROXY_FIX = _env_int("PROXY_FIX", 0)  # number of trusted reverse proxies
        self.MAIL_SERVER = _env("MAIL_SERVER")
        self.MAIL_PORT = _env_int("MAIL_PORT", 587)
        self.MAIL_USERNAME = _env("MAIL_USERNAME")
        self.MAIL_PASSWORD = _env("MAIL_PASSWORD")
        self.MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", True)
        self.MAIL_USE_SSL = _env_bool("MAIL_USE_SSL", False)
        self.MAIL_SENDER = _env("MAIL_SENDER", "civic <no-reply@localhost>")
        self.MAIL_SEND_AFTER_REQUEST = _env_bool("MAIL_SEND_AFTER_REQUEST", True)
        self.SQLALCHEMY_ENGINE_OPTIONS = self.engine_options()
        # Map of proposals (the CSP allows images from the tile server's host)
        self.MAP_TILE_URL = _env("MAP_TILE_URL",
                                 "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")
        self.MAP_TILE_ATTRIBUTION = _env(
            "MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")
        self.MAP_BOUNDS = _env_bounds("MAP_BOUNDS", (43.48, 1.20, 43.75, 1.60))
        # Moderation
        self.COMMENT_EDIT_WINDOW = timedelta(minutes=_env_int("COMMENT_EDIT_MINUTES", 30))
        self.REPORTS_TO_HIDE = max(1, _env_int("REPORTS_TO_HIDE", 3))
        self.PREMODERATION = _env_choice("PREMODERATION", ("off", "new_accounts", "all"), "off")
        self.PREMODERATION_ACCOUNT_DAYS = _env_int("PREMODERATION_ACCOUNT_DAYS", 7)
        # Open data
        self.OPEN_DATA_DIR = _env("OPEN_DATA_DIR", str(instance / "open-data"))
        self.OPEN_DATA_LICENSE_ID = _env("OPEN_DATA_LICENSE_ID", "etalab-2.0")
        self.OPEN_DATA_LICENSE_NAME = _env("OPEN_DATA_LICENSE_NAME",
                                           "Licence Ouverte / Open Licence 2.0")
        self.OPEN_DATA_LICENSE_URL = _env(
            "OPEN_DATA_LICENSE_URL", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
        # People appear in open data by public display name, or not at all.
        self.OPEN_DATA_PUBLISH_NAMES = _env_bool("OPEN_DATA_PUBLISH_NAMES", True)
        # Accessibility statement (/accessibilite): where people report a barrier, and the
        # date of the statement (ISO format; update it after each new evaluation).
        self.ACCESSIBILITY_CONTACT = _env("ACCESSIBILITY_CONTACT")
        self.ACCESSIBILITY_STATEMENT_DATE = _env("ACCESSIBILITY_STATEMENT_DATE", "2026-12-02")

    def engine_options(self) -> dict:
        if self.SQLALCHEMY_DATABASE_URI.startswith("sqlite"):
            return {"connect_args": {"timeout": 15}}
        return {"pool_pre_ping": True}

    def fallback_secret_key(self, instance: Path) -> str:
        """Development keeps a generated key under instance/ so sessions survive restarts."""
        instance.mkdir(parents=True, exist_ok=True)
        key_file = instance / "secret_key"
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(48))
            key_file.chmod(0o600)
        return key_file.read_text().strip()


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    DEBUG = False  # `make run` turns the debugger on explicitly; never by default


class TestConfig(Config):
    ENV_NAME = "test"
    TESTING = True
    STATS_CACHE_SECONDS = 0  # every test sees its own figures
    PROPOSAL_COUNT_CACHE_SECONDS = 0
    PASSWORD_MIN_LENGTH = 10
    SERVER_NAME = "localhost"

    def __init__(self, instance_path):
        super().__init__(instance_path)
        self.SQLALCHEMY_DATABASE_URI = "sqlite://"
        self.RATELIMIT_STORAGE_URI = "memory://"
        self.MAIL_SERVER = None
        self.MAIL_SEND_AFTER_REQUEST = False
        self.BASE_URL = "http://localhost"

    def fallback_secret_key(self, instance):
        return "test-secret-key-not-for-production"  # noqa: S105 - test only


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    HSTS = True

    def fallback_secret_key(self, instance):
        raise ConfigError(
            "CIVIC_SECRET_KEY is required in production. Generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'` and set it "
            "in the environment of every app instance (the same value everywhere)."
        )


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


def get_config_class(name: str | None = None) -> type[Config]:
    name = name or _env("ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError as exc:
        raise ConfigError(
            f"Unknown CIVIC_ENV {name!r}: use one of {', '.join(CONFIGS)}"
        ) from exc
