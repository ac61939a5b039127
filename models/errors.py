"""Named model errors: each message says what to do."""


class ModelError(Exception):
    """Base class for model problems the CLI reports as one line."""


class NoModel(ModelError):
    """No trained artifact where one was expected."""


class BadGold(ModelError):
    """An evaluation file that cannot be read as text and label columns."""
