"""How far back the engine ever looks, so a store's loader need read no further.

As of a moment, the engine learns from pieces finished in the last
``LEARN_DAYS`` and parcels sent in the last ``PARCEL_DAYS``, and calibrates on
the mornings of the last ``LOOKBACK_DAYS``, each of which looks back as far
again. Tickets closed before ``TICKET_REACH_DAYS`` and parcels sent before
``PARCEL_REACH_DAYS`` ahead of the moment (unless they carry a piece loaded
anyway) cannot change any answer, so a loader may leave them out.
"""

from __future__ import annotations

from jeweldesk.risk.bench import AWAY_WEEKS
from jeweldesk.risk.calibrate import LOOKBACK_DAYS
from jeweldesk.risk.learn import LEARN_DAYS, PARCEL_DAYS

_SLACK_DAYS = 7
TICKET_REACH_DAYS = LOOKBACK_DAYS + max(LEARN_DAYS, PARCEL_DAYS, AWAY_WEEKS * 7) + _SLACK_DAYS
PARCEL_REACH_DAYS = LOOKBACK_DAYS + PARCEL_DAYS + _SLACK_DAYS
