import secrets


def new_token():
    """An unguessable token for a personal link (no account needed)."""
    return secrets.token_urlsafe(24)
