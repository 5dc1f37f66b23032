import pytest

from civic.extensions import db


@pytest.fixture
def admin_en(admin, login_as):
    """The admin, signed in, reading the site in English (messages are asserted on)."""
    admin.locale = "en"
    db.session.commit()
    return login_as(admin)
