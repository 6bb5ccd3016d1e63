"""Kept for the migrations that name this path; the field lives in kernel.fields."""

from kernel.fields import ChoiceArrayField

__all__ = ["ChoiceArrayField"]
