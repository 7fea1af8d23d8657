#!/usr/bin/env bash
# Copied from the shared benchmark anchors (/work/shared/bench/aide-conf.sh, see RESULTS.md there), unchanged apart from this line, so that bench/snapshot-bench.sh runs from a plain clone.
# Write a dedicated aide.conf for one tree and print its path.
#   aide-conf.sh TREE_NAME RULE WORKERS
#     TREE_NAME: small | large | bulk   (tree at /tmp/bench/TREE_NAME)
#     RULE:      sha  -> sha256 only
#                full -> p+i+n+u+g+s+m+c+sha256
#     WORKERS:   aide num_workers (1 = aide 0.18 default, 2 = both cores here)
# DB files live in /tmp/bench/aide/: TREE-RULE.db (database_in) and
# TREE-RULE.db.new (database_out); copy .new -> .db after --init to --check.
set -euo pipefail
tree=$1 rule=$2 workers=${3:-1}
base=${BENCH_DIR:-/tmp/bench}
mkdir -p "$base/aide"
case $rule in
  sha)  attrs='sha256' ;;
  full) attrs='p+i+n+u+g+s+m+c+sha256' ;;
  *) echo "unknown rule $rule" >&2; exit 2 ;;
esac
conf="$base/aide/$tree-$rule-w$workers.conf"
cat > "$conf" <<EOF
database_in=file:$base/aide/$tree-$rule.db
database_out=file:$base/aide/$tree-$rule.db.new
gzip_dbout=no
database_attrs=sha256
num_workers=$workers
log_level=warning
report_level=list_entries
report_url=stdout
Bench = $attrs
$base/$tree(/|\$) Bench
EOF
echo "$conf"
