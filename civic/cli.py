"""`flask --app wsgi civic ...`: the command-line tools, one module per domain."""
from flask.cli import AppGroup

civic_cli = AppGroup("civic", help="civic administration commands.")


def _register() -> None:
    from importlib import import_module

    for module_name in ("civic.accounts.cli", "civic.demo.cli", "civic.mail.cli",
                        "civic.search.cli", "civic.stats.cli", "civic.exports.cli",
                        "civic.opendata.cli", "civic.backup.cli", "civic.uploads.cli"):
        module = import_module(module_name)
        for command in module.COMMANDS:
            civic_cli.add_command(command)


_register()
