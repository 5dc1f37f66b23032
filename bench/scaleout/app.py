"""The app as gunicorn serves it for the scale-out run: settings from the environment
(CIVIC_*), plus the run's own limits as JSON in SCALEOUT_OVERRIDES."""
from __future__ import annotations

import json
import os

from civic import create_app

app = create_app(**json.loads(os.environ.get("SCALEOUT_OVERRIDES", "{}")))
