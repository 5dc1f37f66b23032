"""In-app notifications (and the immediate e-mails that go with them)."""
