package dev.watchman.fs;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * File names as stable strings. Linux names are bytes; {@code Path.toString()} replaces bytes
 * that are not UTF-8 with U+FFFD, so two different files could get the same name. We read the raw
 * bytes from {@code sun.nio.fs.UnixPath} and decode UTF-8 strictly: every byte that is not part of
 * a valid sequence becomes {@code \xNN} (lowercase hex) and a literal backslash becomes
 * {@code \\}. The mapping is one-to-one, and {@link #resolve} reverses it.
 */
public final class PathNames {

    private static final MethodHandle AS_BYTES;
    private static final MethodHandle NEW_PATH;
    private static final Class<?> UNIX_PATH;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static {
        Class<?> cls = null;
        MethodHandle bytes = null;
        MethodHandle ctor = null;
        try {
            cls = Class.forName("sun.nio.fs.UnixPath");
            Class<?> fs = Class.forName("sun.nio.fs.UnixFileSystem");
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(cls, MethodHandles.lookup());
            bytes = l.findVirtual(cls, "asByteArray", MethodType.methodType(byte[].class));
            ctor = l.findConstructor(cls, MethodType.methodType(void.class, fs, byte[].class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            cls = null;
        }
        UNIX_PATH = cls;
        AS_BYTES = bytes;
        NEW_PATH = ctor;
    }

    private PathNames() {
    }

    /** The raw bytes of a path (lossy {@code toString()} bytes only if the JDK hides them). */
    public static byte[] rawBytes(Path p) {
        if (UNIX_PATH != null && p.getClass() == UNIX_PATH) {
            try {
                return (byte[]) AS_BYTES.invoke(p);
            } catch (Throwable t) {
                throw new IllegalStateException("reading path bytes", t);
            }
        }
        return p.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The encoded last name of a path. */
    public static String fileName(Path p) {
        byte[] b = rawBytes(p);
        int end = b.length;
        int start = end;
        while (start > 0 && b[start - 1] != '/') {
            start--;
        }
        return encode(b, start, end - start);
    }

    /** True if names keep their exact bytes on this JDK (non-UTF-8 names are safe). */
    public static boolean rawBytesAvailable() {
        return UNIX_PATH != null;
    }

    /** Encodes name bytes as described in the class comment. */
    public static String encode(byte[] b, int off, int len) {
        int end = off + len;
        boolean plain = true;
        for (int i = off; i < end; i++) {
            if (b[i] < 0 || b[i] == '\\') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder(len + 8);
        int i = off;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                if (c == '\\') {
                    sb.append("\\\\");
                } else {
                    sb.append((char) c);
                }
                i++;
                continue;
            }
            int n = validSequenceLength(b, i, end);
            if (n == 0) {
                sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 15]);
                i++;
            } else {
                sb.append(new String(b, i, n, StandardCharsets.UTF_8));
                i += n;
            }
        }
        return sb.toString();
    }

    /** Length of the well-formed UTF-8 sequence at {@code i} (RFC 3629), or 0 if ill-formed. */
    private static int validSequenceLength(byte[] b, int i, int end) {
        int c = b[i] & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            if (c == 0xe0) {
                lo = 0xa0; // overlong
            } else if (c == 0xed) {
                hi = 0x9f; // UTF-16 surrogates
            }
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            if (c == 0xf0) {
                lo = 0x90; // overlong
            } else if (c == 0xf4) {
                hi = 0x8f; // above U+10FFFF
            }
        } else {
            return 0;
        }
        if (i + n > end) {
            return 0;
        }
        int second = b[i + 1] & 0xff;
        if (second < lo || second > hi) {
            return 0;
        }
        for (int k = 2; k < n; k++) {
            int cc = b[i + k] & 0xff;
            if (cc < 0x80 || cc > 0xbf) {
                return 0;
            }
        }
        return n;
    }

    /** The raw bytes an encoded string stands for. */
    public static byte[] decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 < n && s.charAt(i + 1) == '\\') {
                    out.write('\\');
                    i += 2;
                } else if (i + 3 < n && s.charAt(i + 1) == 'x') {
                    int v = Integer.parseInt(s.substring(i + 2, i + 4), 16);
                    out.write(v);
                    i += 4;
                } else {
                    throw new IllegalArgumentException("bad escape at " + i + " in encoded name: " + s);
                }
                continue;
            }
            int cp = s.codePointAt(i);
            byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            out.write(utf8, 0, utf8.length);
            i += Character.charCount(cp);
        }
        return out.toByteArray();
    }

    /** The path an encoded '/'-separated relative path (as {@link TreeWalker} reports it) names under root. */
    public static Path resolve(Path root, String relative) {
        byte[] rel = decode(relative);
        if (UNIX_PATH == null || root.getClass() != UNIX_PATH) {
            return root.resolve(new String(rel, StandardCharsets.UTF_8));
        }
        byte[] base = rawBytes(root);
        int sep = base.length > 0 && base[base.length - 1] == '/' ? 0 : 1;
        byte[] full = new byte[base.length + sep + rel.length];
        System.arraycopy(base, 0, full, 0, base.length);
        if (sep == 1) {
            full[base.length] = '/';
        }
        System.arraycopy(rel, 0, full, base.length + sep, rel.length);
        try {
            return (Path) NEW_PATH.invoke(root.getFileSystem(), full);
        } catch (Throwable t) {
            throw new IllegalStateException("building path", t);
        }
    }
}
