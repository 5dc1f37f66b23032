"""Places on the map: a point is given whole (latitude and longitude) and lies inside the
metropolis (config MAP_BOUNDS)."""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from civic.core.errors import DomainError


def check_place(latitude, longitude) -> None:
    """Refuse half a point, or a point outside the metropolis (DomainError on the field)."""
    if (latitude is None) != (longitude is None):
        raise DomainError(_("Give both the latitude and the longitude, or neither."),
                          field="latitude")
    if latitude is None:
        return
    south, west, north, east = current_app.config["MAP_BOUNDS"]
    metropolis = current_app.config["METROPOLIS_NAME"]
    if not south <= latitude <= north:
        raise DomainError(_("This latitude is outside %(metropolis)s. Pick a place inside "
                            "the metropolis.", metropolis=metropolis), field="latitude")
    if not west <= longitude <= east:
        raise DomainError(_("This longitude is outside %(metropolis)s. Pick a place inside "
                            "the metropolis.", metropolis=metropolis), field="longitude")
