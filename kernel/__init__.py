"""The shared kernel: small, generic helpers every part of the platform may use.

No models, no knowledge of buurten, pages, workflows or trainings: it imports only the
standard library, Django, Wagtail and small third-party libraries. Everything above it
(buurtpages, workflows, trainings, tenants, config) may import it; it imports none of them.
See ARCHITECTURE.md.

    text          PlainTextMixin: public text without control characters
    forms         HoneypotMixin: the field only bots fill in
    network       client_address: where a request comes from
    languages     the community languages and their own names
    converters    URL converters (personal-link tokens)
    fields        ChoiceArrayField: an array of choices as checkboxes
    emails        the one e-mail normalisation and look-alike refusal
    phones        phone numbers in one normal form (E.164)
    spreadsheet   CSV cells a spreadsheet program never evaluates
    params        query parameters parsed without surprises (SafeQueryMiddleware)
    shared_cache  the cache every worker shares, with generations
    roles         role keys, their groups and labels; the registry of role permissions
    personal_data the registry of what each app stores about a person (export, erasure)
"""
