"""The store's own record of each stage: pieces alike in their work speak for each other."""

from datetime import timedelta

from jeweldesk.risk.engine import assess
from jeweldesk.risk.history import Service, Vendor
from jeweldesk.risk.survival import learn_stages
from tests.support.histories import PLATING, flag_for, history, nov, ticket

WATCHES = Vendor("WTCH", "Mainspring Watch", 14)
PLATE = (Service("rhodium_plating", "PLAT"),)
SERVICE = (Service("watch_service", "WTCH"),)


def past(days_to_ready: int, services: tuple[Service, ...], prefix: str) -> list:
    """Finished pieces taken in each day of the month before, each ready ``days_to_ready``
    later."""
    done = []
    for i in range(14):
        received = nov(9) - timedelta(days=days_to_ready + 14 - i)
        sent = received + timedelta(days=1)
        ready = received + timedelta(days=days_to_ready)
        done.append(ticket(f"{prefix}-{i}", received, ready + timedelta(days=3),
                           [(sent, "at_vendor"), (ready, "at_bench"), (ready, "ready")],
                           services=services))
    return done


def test_a_plating_job_is_read_from_plating_jobs_not_from_watch_services():
    plating_job = ticket("R-1", nov(9), nov(20), services=PLATE)
    known = history([*past(7, PLATE, "P"), *past(18, SERVICE, "W"), plating_job],
                    vendors=(PLATING, WATCHES))
    stages = learn_stages(known, nov(10))
    outcomes = stages.outcomes(plating_job, known)
    assert outcomes is not None
    days = sorted(o - stages.today for o in outcomes)
    assert max(days) <= 8  # about a week from intake, as the plating jobs took


def test_a_new_date_offered_holds_by_the_stores_own_record_too():
    # Watch services here go out twice (the vendor sends each back once to be redone): a
    # week there each time, on its quote, and ready about three weeks from intake.
    done = []
    for i in range(14):
        received = nov(9) - timedelta(days=35 - i)
        out, back = received + timedelta(days=1), received + timedelta(days=8)
        again, ready = received + timedelta(days=9), received + timedelta(days=20)
        done.append(ticket(f"W-{i}", received, ready + timedelta(days=3), [
            (out, "at_vendor"), (back, "at_bench"), (again, "at_vendor"), (ready, "at_bench"),
            (ready, "ready")], services=SERVICE))
    late_again = ticket("R-2", nov(9), nov(12), services=SERVICE)
    flag = flag_for(assess(history([*done, late_again], vendors=(PLATING, WATCHES)), nov(10)),
                    "R-2")
    assert flag.sure_by is not None
    assert flag.sure_by >= nov(9) + timedelta(days=19)
