package dev.watchman.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens a regular file for hashing. A seam so tests can make files unreadable or change them
 * mid-scan, which running as root would otherwise make impossible.
 */
@FunctionalInterface
interface FileOpener {

    /*
     * NOFOLLOW_LINKS (O_NOFOLLOW): if the file was swapped for a symlink after lstat we fail
     * instead of hashing whatever the link points at.
     */
    FileOpener DEFAULT = p -> FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    ReadableByteChannel open(Path p) throws IOException;
}
