"""A second factor (an authenticator app's code, or a one-time recovery code) after the
password, for the accounts that can change what a buurt or the portal publishes.

Its own app so that its tables exist in the public schema (portal staff) and in every
buurt's schema (a buurt's own accounts), next to the accounts they belong to.
"""
