"""civic: co-construct a metropolis' smart-city master plan with its citizens."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config=None, **overrides) -> Flask:
    """Build the application.

    `config` is a config name ("development", "test", "production"), a config class, or
    None to read CIVIC_ENV. Keyword overrides are applied last (tests use them).
    """
    from config import get_config_class

    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    config_class = config if isinstance(config, type) else get_config_class(config)
    app.config.from_object(config_class(app.instance_path))
    app.config.update(overrides)

    _setup_logging(app)
    _setup_proxy(app)
    from civic.core import routing

    routing.init_app(app)  # before any route is added
    _init_extensions(app)
    _register_blueprints(app)
    _register_account_parts()
    _register_content_types()
    _register_cli(app)
    from civic.core import errors, security, templating

    errors.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    from civic.mail import delivery as mail_delivery

    mail_delivery.init_app(app)  # deliver queued mail after the request's commit
    return app


def _setup_logging(app: Flask) -> None:
    import logging

    if not logging.getLogger().handlers and not app.testing:
        logging.basicConfig(level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Alembic announces each of its autogenerate plugins at INFO on every `flask` command.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def _setup_proxy(app: Flask) -> None:
    hops = app.config.get("PROXY_FIX") or 0
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def _init_extensions(app: Flask) -> None:
    from civic.core import database, i18n
    from civic.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True,
                     compare_type=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale,
                   default_translation_directories=str(ROOT / "civic" / "translations"))
    limiter.init_app(app)
    login_manager.init_app(app)
    i18n.init_app(app)
    from civic.accounts import loader  # noqa: F401  (binds user_loader to login_manager)

    loader.init_app(app)


BLUEPRINTS = (
    "civic.pages.views:bp",
    "civic.accounts.views:bp",
    "civic.accounts.settings_views:bp",
    "civic.organizations.views:bp",
    "civic.admin.views:bp",
    "civic.audit.views:bp",
    "civic.uploads.views:bp",
    "civic.proposals.views:bp",
    "civic.notifications.views:bp",
    "civic.comments.views:bp",
    "civic.moderation.views:bp",
    "civic.masterplan.views:bp",
    "civic.api.views:bp",
    "civic.experiments.views:bp",
    "civic.amendments.views:bp",
    "civic.stats.views:bp",  # participation statistics (stats)
    "civic.exports.views:bp",
    "civic.opendata.views:bp",
)

# Modules that add routes to a blueprint defined elsewhere: imported before registration.
VIEW_MODULES = (
    "civic.proposals.views_list",
    "civic.moderation.views_blocks",
    "civic.api.experiments",
    "civic.masterplan.views_sources",
    "civic.api.masterplan",
    "civic.masterplan.views_edit",
)


def _register_blueprints(app: Flask) -> None:
    from importlib import import_module

    for module_name in VIEW_MODULES:
        import_module(module_name)
    for spec in BLUEPRINTS:
        module_name, attr = spec.split(":")
        app.register_blueprint(getattr(import_module(module_name), attr))


# Domains that hold part of an account: each module has export(user) -> dict and
# erase(user), and may have activity(user) -> [ActivityItem]. Listed here, not registered
# on import, so the GDPR export, the deletion and the profile see every domain.
ACCOUNT_PARTS = (
    # Before proposals: its erasure drops every follow, experiments lower their counts first.
    "civic.experiments.account_data",
    "civic.amendments.account_data",  # before proposals too, for the same reason
    "civic.proposals.account_data",
    "civic.notifications.account_data",
    "civic.comments.account_data",
    "civic.moderation.account_data",
)


def _register_account_parts() -> None:
    from importlib import import_module

    from civic.accounts import profile_data, profile_services

    for module_name in ACCOUNT_PARTS:
        part = import_module(module_name)
        for registry, function in ((profile_data.EXPORTERS, part.export),
                                   (profile_services.ACCOUNT_ERASERS, part.erase),
                                   (profile_data.ACTIVITY_SOURCES,
                                    getattr(part, "activity", None))):
            if function is not None and function not in registry:
                registry.append(function)


# Domains whose `content.py` describes kinds of content (civic.core.content): comments,
# reports and moderation find their targets through these.
CONTENT_MODULES = (
    "civic.proposals.content",
    "civic.comments.content",
    "civic.accounts.content",
    "civic.experiments.content",
    "civic.amendments.content",
)


def _register_content_types() -> None:
    from importlib import import_module

    from civic.core import content

    for module_name in CONTENT_MODULES:
        for content_type in import_module(module_name).CONTENT_TYPES:
            content.register(content_type)


def _register_cli(app: Flask) -> None:
    from civic.cli import civic_cli

    app.cli.add_command(civic_cli)
