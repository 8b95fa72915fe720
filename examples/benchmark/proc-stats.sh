# Sourced by the benchmark scripts: a process's figures from /proc (Linux), read the same way by each of them.
# utime + stime of a process, in clock ticks
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# resident memory of a process, in MB
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }
# CPU ticks per thread name of a process (names as the kernel shortens them; pool members summed)
threads() { for t in /proc/$1/task/*; do sed -E 's/^[0-9]+ \((.*)\) (.*)$/\1\t\2/' "$t/stat" 2>/dev/null || true; done |
  awk -F'\t' '{split($2, f, " "); name = $1; sub(/[-#]?[0-9]+$/, "", name); n[name] += f[12] + f[13]} END {for (k in n) print n[k] "\t" k}'; }
# each thread name's share of the CPU between two `threads` outputs, 1 % or more, largest first: BEFORE AFTER INDENT
thread_shares() { awk -F'\t' -v pad="$3" 'NR == FNR {b[$2] = $1; next} {d = $1 - b[$2]; if (d > 0) {n[$2] = d; t += d}}
  END {for (k in n) if (n[k] * 100 >= t) printf "%s%5.1f %%  %s\n", pad, 100 * n[k] / t, k}' "$1" "$2" | sort -rn; }
