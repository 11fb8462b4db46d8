"""`make bench`: the data layer against bare sqlite3, then the early-warning engine against
the truth of simulated stores and against what other systems do."""

import sys

from benchmarks import risk_bench, storage_bench

print("== The data layer ==")
storage_bench.main([])
print("\n== Early warnings ==")
sys.exit(risk_bench.main())
