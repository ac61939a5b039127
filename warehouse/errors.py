"""Named errors whose messages tell the user what to do."""


class WarehouseError(Exception):
    """Base class for warehouse problems that the CLI turns into one-line messages."""


class SchemaOutOfDate(WarehouseError):
    """The database was made by a newer summitwatch than this one."""


class WarehouseBusy(WarehouseError):
    """Another pass holds the single-writer lock for longer than we were willing to wait."""


class NoWarehouse(WarehouseError):
    """A read was asked of a database file that does not exist yet."""


class ReadOnlyQuery(WarehouseError):
    """A user query tried to change the warehouse."""
