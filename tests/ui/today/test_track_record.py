"""Today says how far to trust its warnings: how they have done at this store lately."""

from __future__ import annotations

from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.today.today import TodayView
from tests.support.late_vendor import late_at_vendor


def test_the_promises_at_risk_say_how_the_warnings_have_done_here_lately(
        ctx: AppContext, qtbot):
    late_at_vendor(ctx.db)
    view = TodayView(ctx, lambda number: None)
    qtbot.addWidget(view)
    view.show()
    track = view.at_risk.track
    qtbot.waitUntil(lambda: track.text() != "")
    assert track.text().startswith("Last 30 days: ")
    assert track.isVisible()
    # Right under the title, above the list it speaks of.
    assert track.geometry().bottom() <= view.at_risk.list.geometry().top()
