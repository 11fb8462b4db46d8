"""The JSON interchange format (FORMAT.md, schema.json): check, import and export a store.

Long jobs are generators yielding Progress; ``drain`` runs one to its result.
"""

from jeweldesk.interchange.common import InvalidDocument, Problem, Progress, drain

__all__ = ["InvalidDocument", "Problem", "Progress", "drain"]
