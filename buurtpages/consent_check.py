"""Who may say whether the person shown on a Person page agreed to it.

Pages do not know how consent is asked or recorded: the app that records it registers
its checks here when it starts. Until one is registered, nobody has agreed to anything
and no address can be cleared, so a Person page cannot go online (fail closed).
"""

_checks = {}


def register_consent_check(check):
    """`check(page, changes=None)` returns the recorded consent covering what `page`
    shows (with unsaved `changes`), or None."""
    _checks["consent"] = check


def unregister_consent_check():
    """Remove the registered consent check and return it (to register it again later)."""
    return _checks.pop("consent", None)


def consent_check():
    return _checks.get("consent", _nobody_agreed)


def register_account_address_check(check):
    """`check(address)` says whether `address` belongs to an account of this buurt: then
    its owner, not the person shown, would answer the consent mail."""
    _checks["account_address"] = check


def account_address_check():
    return _checks.get("account_address", _cannot_tell)


def _nobody_agreed(page, changes=None):
    return None


def _cannot_tell(address):
    return bool(address)
