#!/usr/bin/env python3
# Copied from the shared benchmark anchors (/work/shared/bench/mutate-tree.py, see RESULTS.md there), unchanged apart from this line, so that bench/snapshot-bench.sh runs from a plain clone.
"""Deterministically mutate a tree made by gen-tree.py (stdlib only).

Default: modify 1% of files, delete 0.5%, add 0.5% (of the file count before
mutation). Same tree + same seed => same mutations.

Modified files come in three kinds, cycling, so drift detectors can be
checked against shortcuts such as "skip if size+mtime unchanged":
  stealth  - one byte changed in place, size AND mtime preserved
  inplace  - one byte changed in place, size preserved, mtime bumped
  append   - a line appended (size grows), mtime bumped
(ctime always changes; it cannot be set from user space.)

Writes a manifest (M/D/A lines, tab-separated, sorted) with --manifest, so
the expected drift is known exactly.

  mutate-tree.py --root /tmp/bench/small --manifest /tmp/bench/small.mutations.tsv
"""
import argparse
import os
import random
import sys

MTIME_BASE = 1_700_000_000
MTIME_MUT = MTIME_BASE + 10_000_000


def list_files(root):
    out = []
    for dp, dn, fn in os.walk(root):
        dn.sort()
        for f in fn:
            out.append(os.path.relpath(os.path.join(dp, f), root))
    out.sort()
    return out


def list_dirs(root):
    out = [""]
    for dp, dn, _ in os.walk(root):
        for d in dn:
            out.append(os.path.relpath(os.path.join(dp, d), root))
    out.sort()
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", required=True)
    ap.add_argument("--modify-pct", type=float, default=1.0)
    ap.add_argument("--delete-pct", type=float, default=0.5)
    ap.add_argument("--add-pct", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--manifest", help="write expected drift here")
    ap.add_argument("--force", action="store_true",
                    help="mutate even if the tree looks already mutated")
    a = ap.parse_args()

    files = list_files(a.root)
    if not a.force and any(os.path.basename(f).startswith("added-") for f in files):
        sys.exit("tree already mutated (added-* files present); regenerate or use --force")
    dirs = list_dirs(a.root)
    n = len(files)
    rng = random.Random(a.seed)
    n_mod = round(n * a.modify_pct / 100)
    n_del = round(n * a.delete_pct / 100)
    n_add = round(n * a.add_pct / 100)
    picked = rng.sample(files, n_mod + n_del)
    to_mod, to_del = sorted(picked[:n_mod]), sorted(picked[n_mod:])
    sizes = [os.path.getsize(os.path.join(a.root, f)) for f in rng.sample(files, min(n, 256))]

    manifest = []
    kinds = ("stealth", "inplace", "append")
    for i, rel in enumerate(to_mod):
        kind = kinds[i % 3]
        p = os.path.join(a.root, rel)
        st = os.stat(p)
        if kind == "append":
            with open(p, "ab") as f:
                f.write(b"mutated.key = %d\n" % rng.getrandbits(32))
        else:
            pos = rng.randrange(st.st_size)
            with open(p, "r+b") as f:
                f.seek(pos)
                b = f.read(1)
                f.seek(pos)
                f.write(bytes([b[0] ^ 0x01]))
        if kind == "stealth":
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
        else:
            os.utime(p, (MTIME_MUT, MTIME_MUT))
        manifest.append("M\t%s\t%s" % (kind, rel))
    for rel in to_del:
        os.unlink(os.path.join(a.root, rel))
        manifest.append("D\t-\t%s" % rel)
    for i in range(n_add):
        d = rng.choice(dirs)
        rel = os.path.join(d, "added-%06d.conf" % i) if d else "added-%06d.conf" % i
        size = rng.choice(sizes)
        line = b"added.key = %d\n" % a.seed
        data = (b"# %s\n" % rel.encode() + line * (size // len(line) + 1))[:size]
        p = os.path.join(a.root, rel)
        with open(p, "wb") as f:
            f.write(data)
        os.utime(p, (MTIME_MUT, MTIME_MUT))
        manifest.append("A\t-\t%s" % rel)

    manifest.sort(key=lambda s: (s[0], s.split("\t")[2]))
    if a.manifest:
        with open(a.manifest, "w") as f:
            f.write("\n".join(manifest) + "\n")
    print("root=%s files_before=%d modified=%d (stealth/inplace/append=%d/%d/%d) "
          "deleted=%d added=%d files_after=%d"
          % (a.root, n, n_mod, len(to_mod[0::3]), len(to_mod[1::3]), len(to_mod[2::3]),
             n_del, n_add, n - n_del + n_add))


if __name__ == "__main__":
    main()
