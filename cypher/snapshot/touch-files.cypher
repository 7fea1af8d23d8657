// Refreshes the current stat of files whose recorded state did not change (a touch, a rename
// back, an inode change): properties only, no new nodes or relationships.
// Params: $rows: [{fileId, mtime, mtimeNanos, ctimeNanos, inode, dev}]. Columns: none.
UNWIND $rows AS r
MATCH (f:ConfigFile {id: r.fileId})
SET f.mtime = r.mtime, f.mtimeNanos = r.mtimeNanos, f.ctimeNanos = r.ctimeNanos, f.inode = r.inode,
    f.dev = r.dev
