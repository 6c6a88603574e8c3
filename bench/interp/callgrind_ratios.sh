#!/usr/bin/env bash
# Dusk/CPython instruction ratios of the interpreter suite, independent of the machine's load.
#
# Each program runs once at two sizes under `valgrind --tool=callgrind` for Dusk and for
# CPython; the ratio is (Ir(big) - Ir(small)) for Dusk over the same for CPython, so
# start-up and imports cancel out. Valgrind 3.19 cannot read Swift 6.3's DWARF, so Dusk
# runs as a `strip -g` copy of the release binary.
#
# Usage: bench/interp/callgrind_ratios.sh [program...]   (default: the whole suite)
# Environment: DUSK (default .build/release/dusk), PYTHON (default python3).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dusk_binary="${DUSK:-$here/../../.build/release/dusk}"
# The interpreter itself, not a launcher script (valgrind would measure the launcher).
python="$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$dusk_binary" "$work/dusk"
strip -g "$work/dusk"
# String hashes (and so dict and set probing) must not vary from run to run.
export PYTHONHASHSEED=0 SWIFT_DETERMINISTIC_HASHING=1

# program: small and big arguments (a comma joins the arguments of one size).
sizes=(
    "fib 15 20" "loop_sum 100000 200000" "dict_comp 10000,30000 20000,60000"
    "calls 5000 10000" "closures 5000 10000" "loops 500 1000" "methods 5000 10000"
    "strings 5000 10000" "string_methods 5000 10000" "dicts_lists 5000 10000"
    "comprehensions 10000 20000" "exceptions 5000 10000" "nbody 500 1000" "richards 300 600"
)

instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 |
        awk '/Collected/ { gsub(",", "", $4); print $4 }'
}

cd "$here"
for spec in "${sizes[@]}"; do
    read -r program small big <<<"$spec"
    if [ $# -gt 0 ] && [[ " $* " != *" $program "* ]]; then continue; fi
    d1=$(instructions "$work/dusk" "$program.dsk" 0 1 100 ${small//,/ })
    d2=$(instructions "$work/dusk" "$program.dsk" 0 1 100 ${big//,/ })
    p1=$(instructions "$python" "$program.py" 0 1 100 ${small//,/ })
    p2=$(instructions "$python" "$program.py" 0 1 100 ${big//,/ })
    awk -v p="$program" -v d=$((d2 - d1)) -v c=$((p2 - p1)) \
        'BEGIN { printf "%-15s Dusk %12d Ir  CPython %12d Ir  Dusk/CPython %.2f\n", p, d, c, d / c }'
done
