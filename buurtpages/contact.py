"""Kept for the migrations that name this path; phone numbers live in kernel.phones."""

from kernel.phones import PhoneNumberField, normalise_stored_phones

__all__ = ["PhoneNumberField", "normalise_stored_phones"]
