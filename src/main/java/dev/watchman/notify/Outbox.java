package dev.watchman.notify;

import dev.watchman.graph.Tx;

/** PLACEHOLDER until the notify branch merges. */
public final class Outbox {
    public Outbox(dev.watchman.graph.Graph g, dev.watchman.config.Config.Slack s, java.time.Clock c) {
    }

    public static void enqueue(Tx tx, NotificationRow row) {
    }

    public int drain() {
        return 0;
    }
}
