#!/bin/sh
# Estimates the wall time of a recorded run on two idle cores, for a machine that is never idle
# (BENCHMARKS.md, "Third speed pass"). Usage: perf record -F 999 -o run.data COMMAND; then
#   scripts/perf_idle_estimate.sh run.data
# Each sample stands for ~1 ms of one thread's CPU. The run is cut into pieces in which the same
# threads are alive (from a thread's first sample to its last); two idle cores run a piece in
# max(its busiest thread's CPU, half its CPU). Prints the CPU and that sum.
perf script -i "$1" -F tid,time 2>/dev/null | awk '
{ t = $2; sub(":", "", t); n++; T[n] = t; D[n] = $1; if (!($1 in first)) first[$1] = t; last[$1] = t }
END {
  m = 0; for (x in first) { B[++m] = first[x]; B[++m] = last[x] }
  for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (B[j] < B[i]) { z = B[i]; B[i] = B[j]; B[j] = z }
  for (i = 1; i <= n; i++) { s = 1; while (s < m && T[i] > B[s + 1]) s++; w[s " " D[i]]++; tot[s]++ }
  est = 0
  for (s = 1; s < m; s++) { mx = 0; for (x in first) if (w[s " " x] > mx) mx = w[s " " x]; h = tot[s] / 2; est += (mx > h ? mx : h) }
  printf "CPU %d ms in %d threads; on 2 idle cores at this CPU speed: %.2f s (%.2f of the CPU)\n", n, length(first), est / 1000, est / n
}'
