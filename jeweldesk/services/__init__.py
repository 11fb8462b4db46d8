"""The one door in: every change to the store's records goes through a service call.

Each call is one transaction and returns plain data; the window and the command
line both use these and nothing else.
"""

from jeweldesk.domain.errors import Conflict, Invalid, MoveRefused, NotFound, ServiceError

__all__ = ["Conflict", "Invalid", "MoveRefused", "NotFound", "ServiceError"]
