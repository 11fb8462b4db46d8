"""`make bench`: the early-warning benchmark on the simulated stores."""

import sys

from benchmarks.risk_bench import main

sys.exit(main())
