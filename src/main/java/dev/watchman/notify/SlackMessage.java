package dev.watchman.notify;

import java.util.List;
import java.util.Map;

/** PLACEHOLDER until the notify branch merges (its version replaces this file). */
public record SlackMessage(String text, List<Map<String, Object>> blocks) {
    public static SlackMessage drift(String hostName, String pack, int mismatchCount, String diffUrl) {
        return new SlackMessage("drift " + hostName + " " + pack + " " + mismatchCount + " " + diffUrl, List.of());
    }

    public static SlackMessage resolved(String hostName, String pack, String diffUrl) {
        return new SlackMessage(hostName + ": Machine is now compliant with " + pack, List.of());
    }
}
