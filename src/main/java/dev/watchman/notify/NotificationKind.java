package dev.watchman.notify;

/** PLACEHOLDER until the notify branch merges. */
public enum NotificationKind { DRIFT, RESOLVED }
