"""Wrong: `settings = defaults` copies nothing; both names refer to the one dict."""


def merged(defaults, overrides):
    settings = defaults
    settings.update(overrides)
    return settings
