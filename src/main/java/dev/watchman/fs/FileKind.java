package dev.watchman.fs;

/** What an lstat says an object is ({@code st_mode & S_IFMT}). */
public enum FileKind {
    FILE, DIR, SYMLINK,
    /** FIFO, socket or device. */
    OTHER
}
