package dev.watchman.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchman.Json;
import org.junit.jupiter.api.Test;

class SlackMessageTest {
    private static final String DIFF = "https://watchman.example/hosts/h1/diff?pack=cis-ssh";

    @Test
    void driftPayloadHasTextAndBlocksWithHostHeadlineCountPackAndLink() throws Exception {
        JsonNode json = Json.MAPPER.readTree(SlackMessage.drift("web-1", "cis-ssh", 3, DIFF).toJson());
        assertEquals(2, json.size(), "only text and blocks: " + json);
        String text = json.get("text").asText();
        assertEquals("⚠️ Configuration drift detected on web-1: 3 items no longer compliant with cis-ssh " + DIFF, text);
        String blocks = json.get("blocks").toString();
        assertTrue(json.get("blocks").isArray() && json.get("blocks").size() >= 4, blocks);
        assertEquals("header", json.get("blocks").get(0).get("type").asText());
        assertEquals("⚠️ Configuration drift detected", json.get("blocks").get(0).get("text").get("text").asText());
        for (String part : new String[] {"web-1", "cis-ssh", "*Mismatches*\\n3", "<" + DIFF + "|View the diff>"}) {
            assertTrue(blocks.contains(part), part + " in " + blocks);
        }
    }

    @Test
    void resolvedSaysTheMachineIsCompliantAgain() throws Exception {
        SlackMessage m = SlackMessage.resolved("web-1", "cis-ssh", DIFF);
        assertEquals("✅ web-1: Machine is now compliant with cis-ssh", m.text());
        String blocks = Json.MAPPER.readTree(m.toJson()).get("blocks").toString();
        assertTrue(blocks.contains("Machine is now compliant with cis-ssh"), blocks);
        assertTrue(blocks.contains("web-1"), blocks);
    }

    @Test
    void oneMismatchIsOneItem() {
        assertTrue(SlackMessage.drift("h", "p", 1, null).text().contains(": 1 item no longer compliant with p"));
    }

    @Test
    void aRelativeDiffUrlIsTextNotALinkSlackWouldReject() throws Exception {
        SlackMessage m = SlackMessage.drift("web-1", "cis-ssh", 2, "/hosts/h1/diff?pack=cis-ssh");
        String blocks = Json.MAPPER.readTree(m.toJson()).get("blocks").toString();
        assertFalse(blocks.contains("<"), "no mrkdwn link: " + blocks);
        assertTrue(blocks.contains("/hosts/h1/diff?pack=cis-ssh") && blocks.contains("public_url"), blocks);
        assertFalse(m.text().contains("/hosts/"), m.text());
        assertEquals(3, SlackMessage.drift("web-1", "cis-ssh", 2, null).blocks().size(), "no diff block without a URL");
    }

    @Test
    void namesAreEscapedForMrkdwnAndLinksCannotBeBroken() {
        SlackMessage m = SlackMessage.drift("a<b>&c", "p|q", 1, "https://x.example/d?a=1|<@here>");
        assertTrue(m.text().contains("a&lt;b&gt;&amp;c"), m.text());
        assertFalse(m.toJson().contains("<@here>"), m.toJson());
        assertTrue(m.toJson().contains("https://x.example/d?a=1%7C%3C@here%3E|View the diff"), m.toJson());
    }
}
