#!/usr/bin/env python3
# Copied from the shared benchmark anchors (/work/shared/bench/gen-tree.py, see RESULTS.md there), unchanged apart from this line, so that bench/snapshot-bench.sh runs from a plain clone.
"""Deterministic synthetic config-like tree generator (stdlib only).

Same arguments + same seed => byte-identical tree (contents, names, mtimes).

Examples (the three reference trees):
  gen-tree.py --root /tmp/bench/small --files 10000  --dirs 100  --depth 4
  gen-tree.py --root /tmp/bench/large --files 100000 --dirs 1000 --depth 4
  gen-tree.py --root /tmp/bench/bulk  --files 1000   --dirs 10   --depth 2 \
              --min-size 1048576 --max-size 1048576

Size distribution (--dist):
  loguniform (default): size = exp(U(ln min, ln max)); config files skew small.
                        For 200 B..16 KiB the mean is ~3.7 KB, median ~1.8 KB.
  uniform:              size = U(min, max); mean (min+max)/2.
"""
import argparse
import math
import os
import random
import shutil
import sys

WORDS = ("app auth cache cluster core db dns etc gateway http ingress kafka "
         "ldap log mail metrics net nginx node pki policy proxy queue redis "
         "secrets security service ssh storage sync tls users vault web").split()
EXTS = (".conf", ".yaml", ".yml", ".json", ".properties", ".xml", ".ini",
        ".cfg", ".toml", ".env")
KEYS = ("enabled host port timeout max_connections user group path level "
        "retries interval cipher cert key url pool_size buffer mode").split()

MTIME_BASE = 1_700_000_000  # fixed epoch so metadata is deterministic too


def make_text_pool(rng: random.Random, nbytes: int) -> bytes:
    """Config-looking text; files are slices of it (plus a unique header)."""
    parts, total, n = [], 0, 0
    while total < nbytes:
        n += 1
        if n % 17 == 0:
            line = "\n[%s.%s]\n" % (rng.choice(WORDS), rng.choice(WORDS))
        elif n % 11 == 0:
            line = "# %s %s %s\n" % (rng.choice(WORDS), rng.choice(KEYS),
                                     rng.getrandbits(48))
        else:
            line = "%s.%s = %s-%x\n" % (rng.choice(WORDS), rng.choice(KEYS),
                                        rng.choice(WORDS), rng.getrandbits(40))
        parts.append(line)
        total += len(line)
    return "".join(parts).encode()[:nbytes]


def build_dirs(rng: random.Random, ndirs: int, depth: int):
    """Random tree of ndirs directories (excluding root), max depth `depth`.
    A first chain guarantees the full depth is reached."""
    dirs = [("", 0)]  # (relpath, depth)
    names_used = set()

    def add(parent, pdepth):
        while True:
            name = "%s%s" % (rng.choice(WORDS),
                             rng.choice(("", ".d", "-%d" % rng.randrange(100))))
            rel = os.path.join(parent, name) if parent else name
            if rel not in names_used:
                names_used.add(rel)
                dirs.append((rel, pdepth + 1))
                return rel

    parent, pdepth = "", 0
    for _ in range(min(depth, ndirs)):          # guaranteed deep chain
        parent = add(parent, pdepth)
        pdepth += 1
    while len(dirs) - 1 < ndirs:
        candidates = [d for d in dirs if d[1] < depth]
        p = rng.choice(candidates)
        add(p[0], p[1])
    return dirs


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", required=True)
    ap.add_argument("--files", type=int, required=True)
    ap.add_argument("--dirs", type=int, default=100,
                    help="directories below root (default 100)")
    ap.add_argument("--depth", type=int, default=4, help="max nesting (default 4)")
    ap.add_argument("--min-size", type=int, default=200)
    ap.add_argument("--max-size", type=int, default=16384)
    ap.add_argument("--dist", choices=("loguniform", "uniform"), default="loguniform")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--force", action="store_true", help="delete root first if it exists")
    a = ap.parse_args()

    if os.path.exists(a.root):
        if not a.force:
            sys.exit("%s exists (use --force to replace)" % a.root)
        shutil.rmtree(a.root)
    rng = random.Random(a.seed)
    pool = make_text_pool(rng, max(4 << 20, 3 * a.max_size))
    dirs = build_dirs(rng, a.dirs, a.depth)
    for rel, _ in dirs:
        os.makedirs(os.path.join(a.root, rel), exist_ok=True)

    lo, hi = math.log(a.min_size), math.log(a.max_size)
    total = 0
    for i in range(a.files):
        d = rng.choice(dirs)[0]
        name = "%s-%06d%s" % (rng.choice(WORDS), i, rng.choice(EXTS))
        if a.dist == "loguniform":
            size = int(round(math.exp(rng.uniform(lo, hi))))
        else:
            size = rng.randint(a.min_size, a.max_size)
        size = max(a.min_size, min(a.max_size, size))
        rel = os.path.join(d, name)
        header = ("# %s seed=%d i=%d\n" % (rel, a.seed, i)).encode()[:size]
        body_len = size - len(header)
        off = rng.randrange(0, len(pool) - body_len + 1)
        path = os.path.join(a.root, rel)
        with open(path, "wb") as f:
            f.write(header)
            f.write(pool[off:off + body_len])
        t = MTIME_BASE + i
        os.utime(path, (t, t))
        total += size
    for rel, _ in dirs:
        os.utime(os.path.join(a.root, rel), (MTIME_BASE, MTIME_BASE))

    maxdepth = max(d for _, d in dirs)
    print("root=%s files=%d dirs=%d maxdepth=%d bytes=%d (%.1f MiB) mean=%.0f B dist=%s seed=%d"
          % (a.root, a.files, len(dirs) - 1, maxdepth, total, total / 2**20,
             total / max(1, a.files), a.dist, a.seed))


if __name__ == "__main__":
    main()
