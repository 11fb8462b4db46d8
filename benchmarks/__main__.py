"""`make bench`: the data layer against bare sqlite3, the whole store's file against the json
module, then the early-warning engine against
the truth of simulated stores and against what other systems do, then the dates intake
proposes against the counter's rule of thumb."""

import sys

from benchmarks import intake_bench, interchange_bench, risk_bench, storage_bench

print("== The data layer ==")
storage_bench.main([])
print("\n== The whole store out and back in ==")
interchange_bench.main([])
print("\n== Early warnings ==")
risk_bench.main()
print("\n== Dates proposed at intake ==")
sys.exit(intake_bench.main())
