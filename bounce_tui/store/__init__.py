"""Persistence: SQLModel tables, the engine, migrations and the `Store` use cases.

Import the pieces from their modules (`bounce_tui.store.repository.Store`); this
package does no work at import time.
"""
