"""`make bench`: the data layer against bare sqlite3, the whole store's file against the json
module, then the early-warning engine against
the truth of simulated stores (every family apart, tuning and held out) and against what
other systems do, and with each family's records kept other ways, then the dates intake
proposes against the counter's rule of thumb."""

import sys

from benchmarks import intake_bench, interchange_bench, risk_bench, robustness, storage_bench
from benchmarks.families import families

print("== The data layer ==")
storage_bench.main([])
print("\n== The whole store out and back in ==")
interchange_bench.main([])
print("\n== Early warnings ==")
risk_bench.main([])
print("\n== Early warnings, every family with its records kept another way ==")
print(robustness.beside(families()))
print("\n== Dates proposed at intake ==")
sys.exit(intake_bench.main())
