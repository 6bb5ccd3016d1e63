"""The shared kernel: small, generic helpers every part of the platform may use.

No models, no knowledge of buurten, pages, workflows or trainings: it imports only the
standard library, Django, Wagtail and small third-party libraries. Everything above it
(buurtpages, workflows, trainings, tenants, config) may import it; it imports none of them.
See ARCHITECTURE.md.
"""
