"""Read-only public JSON API (v1): proposals and themes. Never drafts, e-mails or notes."""
