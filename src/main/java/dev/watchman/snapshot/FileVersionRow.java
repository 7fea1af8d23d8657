package dev.watchman.snapshot;

import dev.watchman.graph.ConfigFileRow;
import dev.watchman.graph.Row;
import java.util.Map;

/**
 * One row of {@code cypher/snapshot/write-versions.cypher}, the only statement that writes
 * {@code :FileVersion}: close the file's open version at {@code seq} and, with a state
 * ({@code kind} given), open the one valid from {@code seq}.
 */
record FileVersionRow(String fileId, String rootId, long seq, String kind, String sha256, Long size,
                      Integer mode, Integer uid, Integer gid, String linkTarget, String error) implements Row {

    /** The version a snapshot's scanned row starts: the same state, from the row's snapshot on. */
    static FileVersionRow opened(ConfigFileRow f) {
        return new FileVersionRow(f.fileId(), f.rootId(), f.lastSeq(), f.kind(), f.sha256(), f.size(), f.mode(),
                f.uid(), f.gid(), f.linkTarget(), f.error());
    }

    /** Only closes the open version: the file left the tree, or the snapshot's scope. */
    static FileVersionRow closed(String fileId, long seq) {
        return new FileVersionRow(fileId, null, seq, null, null, null, null, null, null, null, null);
    }

    @Override
    public Map<String, Object> toParam() {
        return Row.params("fileId", fileId, "rootId", rootId, "seq", seq, "kind", kind, "sha256", sha256,
                "size", size, "mode", mode, "uid", uid, "gid", gid, "linkTarget", linkTarget, "error", error);
    }
}
