"""Wrong: updating the module's DEFAULTS dict changes it for every later caller."""


def settings(**options):
    DEFAULTS.update(options)
    return DEFAULTS
