package dev.watchman.notify;

/** Where a notification is posted: Slack's incoming webhook in production, a loopback server in tests. */
interface Webhook {
    /**
     * One POST of {@code json}. Never throws for the network: an answer that never came is
     * {@link Response#unreachable}, its error already free of the URL.
     */
    Response post(String json) throws InterruptedException;

    /**
     * @param status     the HTTP status, 0 when no answer came
     * @param retryAfter the {@code Retry-After} header, or null
     * @param body       the start of the body (Slack's short reason, e.g. {@code invalid_payload}), or null
     * @param error      why no answer came (status 0), or null
     */
    record Response(int status, String retryAfter, String body, String error) {
        static Response unreachable(String error) {
            return new Response(0, null, null, error);
        }
    }
}
