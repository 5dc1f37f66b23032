from tests.admin.conftest import admin_en  # noqa: F401  (the same signed-in admin, in English)
