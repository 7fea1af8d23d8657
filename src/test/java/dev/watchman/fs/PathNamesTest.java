package dev.watchman.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PathNamesTest {

    private static String enc(byte... b) {
        return PathNames.encode(b, 0, b.length);
    }

    @Test
    void validUtf8IsKeptAndInvalidBytesAreEscaped() {
        assertEquals("plain name.conf", enc("plain name.conf".getBytes(StandardCharsets.UTF_8)));
        assertEquals("caf\u00e9 \ud83d\ude00", enc("caf\u00e9 \ud83d\ude00".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a\\\\b", enc((byte) 'a', (byte) '\\', (byte) 'b'));
        assertEquals("\\xff", enc((byte) 0xff));
        assertEquals("\\xc3", enc((byte) 0xc3), "truncated sequence");
        assertEquals("\\xc0\\xaf", enc((byte) 0xc0, (byte) 0xaf), "overlong '/'");
        assertEquals("\\xed\\xa0\\x80", enc((byte) 0xed, (byte) 0xa0, (byte) 0x80), "surrogate");
        assertEquals("\\xf4\\x90\\x80\\x80", enc((byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80), "> U+10FFFF");
        assertEquals("\\xe2\\x82x", enc((byte) 0xe2, (byte) 0x82, (byte) 'x'));
    }

    @Test
    void decodeReversesEncodeExactly() {
        byte[][] samples = {
            {(byte) 0xff, '\\', 'x', 'f', 'f'},
            {'\\', '\\', (byte) 0xc3, (byte) 0xa9, (byte) 0xc3},
            "new\nline".getBytes(StandardCharsets.UTF_8),
            {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80, (byte) 0x80},
        };
        for (byte[] b : samples) {
            assertArrayEquals(b, PathNames.decode(enc(b)));
        }
        assertThrows(IllegalArgumentException.class, () -> PathNames.decode("bad\\q"));
    }
}
