package dev.watchman.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.watchman.Severity;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The built-in secret rules, in precedence order: when two rules match the same characters the
 * earlier (more specific) one wins, so a GitHub token assigned to {@code password=} is reported
 * once, as a GitHub token. All patterns are RE2 (re2j): matching is linear in the line length.
 */
final class BuiltinRules {
    static final String MOVE = "move the value to a secret store (e.g. a root-only EnvironmentFile or vault) and reference it";
    static final String ROTATE_KEY = "rotate the key: it has been on disk in clear text; keep the new one only in a secret store or a root-only 0600 file";
    static final String ROTATE_TOKEN = "revoke and rotate the token: it has been on disk in clear text; then " + MOVE;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The value of a key = value / key: value / "key": "value" / key => value assignment. */
    private static final String ASSIGNED_VALUE =
            "[\"']?[ \\t]*(=>|:=|=|:)[ \\t]*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"',;<>]+))";
    private static final String PASSWORD_WORDS = "(?:password|passwd|passphrase|pwd|secret)";

    private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----");
    private static final Pattern AWS_KEY_ID = Pattern.compile("\\b((?:AKIA|ASIA)[A-Z0-9]{16})\\b");
    private static final Pattern AWS_SECRET = Pattern.compile(
            "(?i)(?:aws[_\\-.]?secret[_\\-.]?(?:access[_\\-.]?)?key|secret[_\\-.]?access[_\\-.]?key)[\"']?[ \\t]*(?:=>|:=|=|:)[ \\t]*[\"']?([A-Za-z0-9/+=]{40})(?:[^A-Za-z0-9/+=]|$)");
    private static final Pattern GITHUB = Pattern.compile(
            "\\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{50,})\\b");
    private static final Pattern SLACK = Pattern.compile("\\b(xox[abposr]-[A-Za-z0-9\\-]{10,})");
    private static final Pattern STRIPE = Pattern.compile("\\b((?:sk|rk)_live_[A-Za-z0-9]{20,})\\b");
    private static final Pattern GOOGLE = Pattern.compile("(?:^|[^0-9A-Za-z_\\-])(AIza[0-9A-Za-z_\\-]{35})(?:[^0-9A-Za-z_\\-]|$)");
    private static final Pattern JWT = Pattern.compile(
            "(?:^|[^A-Za-z0-9_\\-])(eyJ[A-Za-z0-9_\\-]{6,}\\.[A-Za-z0-9_\\-]{6,}\\.[A-Za-z0-9_\\-]*)");
    private static final Pattern DB_URL = Pattern.compile(
            "(?i)\\b(?:jdbc:)?(?:mongodb(?:\\+srv)?|postgres(?:ql)?|mysql|mariadb|redis|rediss|mssql|sqlserver|oracle|amqps?|couchdb|clickhouse|neo4j(?:\\+s|\\+ssc)?|bolt)://([^:/?#@\\s\"'<>]*):([^@/?#\\s\"'<>]+)@");
    private static final Pattern CONN_PASSWORD = Pattern.compile(
            "(?i)(?:^|[;?&\\s\"'])(?:password|pwd)[ \\t]*=[ \\t]*(?:\"([^\"]*)\"|'([^']*)'|([^;&\"'\\s]+))");
    private static final Pattern CONN_CONTEXT = Pattern.compile(
            "(?i)(?:jdbc:|\\bserver[ \\t]*=|\\bdata source[ \\t]*=|\\bhost[ \\t]*=|\\buser id[ \\t]*=|\\buid[ \\t]*=|\\buser(?:name)?[ \\t]*=|\\bdatabase[ \\t]*=|\\binitial catalog[ \\t]*=|\\bdbname[ \\t]*=)");
    private static final Pattern URL_CREDENTIALS = Pattern.compile(
            "(?i)\\b[a-z][a-z0-9+.\\-]*://([^:/?#@\\s\"'<>]*):([^@/?#\\s\"'<>]+)@[a-z0-9\\[]");
    private static final Pattern PASSWORD_KV = Pattern.compile(
            "(?i)(?:^|[^a-z0-9_.\\-])[\"']?([a-z0-9_.\\-]*?" + PASSWORD_WORDS + ")" + ASSIGNED_VALUE);
    private static final Pattern PASSWORD_XML_ELEMENT = Pattern.compile(
            "(?i)<([a-z0-9_.:\\-]*" + PASSWORD_WORDS + ")>([^<]*)</");
    private static final Pattern PASSWORD_XML_NAMED = Pattern.compile(
            "(?i)\\b(?:name|key)[ \\t]*=[ \\t]*[\"'][a-z0-9_.:\\-]*" + PASSWORD_WORDS
                    + "[\"'][^>]*?\\bvalue[ \\t]*=[ \\t]*(?:\"([^\"]*)\"|'([^']*)')");
    private static final Pattern REDIS_DIRECTIVE = Pattern.compile(
            "(?i)^[ \\t]*(?:requirepass|masterauth)[ \\t]+(?:\"([^\"]*)\"|([^\\s\"]+))");
    private static final Pattern TOKEN_KV = Pattern.compile(
            "(?i)(?:^|[^a-z0-9_.\\-])[\"']?([a-z0-9_.\\-]*?(?:api[_\\-.]?key|apikey|api[_\\-.]?token|access[_\\-.]?token"
                    + "|auth[_\\-.]?token|refresh[_\\-.]?token|secret[_\\-.]?key|private[_\\-.]?token|client[_\\-.]?token"
                    + "|bearer[_\\-.]?token|token))" + ASSIGNED_VALUE);
    private static final Pattern AUTH_HEADER = Pattern.compile(
            "(?i)\\bauthorization[\"']?[ \\t]*[:=][ \\t]*[\"']?(?:bearer|token|basic)[ \\t]+([A-Za-z0-9_\\-+/=.~]{16,})");

    private BuiltinRules() {
    }

    static List<Rule> all() {
        return List.of(
                rule("private-key", "PEM private key block (RSA, EC, DSA, OPENSSH, PKCS#8, ENCRYPTED, PGP)", ROTATE_KEY,
                        Severity.CRITICAL, List.of("private key"), BuiltinRules::privateKey),
                rule("aws-access-key-id", "AWS access key id (AKIA/ASIA + 16)", ROTATE_TOKEN, Severity.HIGH,
                        List.of("akia", "asia"), regex(AWS_KEY_ID, v -> !v.contains("EXAMPLE"), 1)),
                rule("aws-secret-access-key", "AWS secret access key assigned to an aws_secret_access_key-like key",
                        ROTATE_TOKEN, Severity.CRITICAL, List.of("aws_secret", "aws-secret", "aws.secret", "awssecret",
                                "secret_access", "secret-access", "secret.access", "secretaccess"),
                        regex(AWS_SECRET, v -> !v.contains("EXAMPLE") && Values.entropy(v) >= 3.5, 1)),
                rule("github-token", "GitHub token (ghp_/gho_/ghu_/ghs_/ghr_, github_pat_)", ROTATE_TOKEN, Severity.HIGH,
                        List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"), regex(GITHUB, v -> true, 1)),
                rule("slack-token", "Slack token (xoxb-, xoxp-, xoxa-, xoxo-, xoxs-, xoxr-)", ROTATE_TOKEN, Severity.HIGH,
                        List.of("xox"), regex(SLACK, v -> v.chars().anyMatch(Character::isDigit), 1)),
                rule("stripe-secret-key", "Stripe live secret or restricted key (sk_live_, rk_live_)", ROTATE_TOKEN,
                        Severity.CRITICAL, List.of("_live_"), regex(STRIPE, v -> true, 1)),
                rule("google-api-key", "Google API key (AIza + 35)", ROTATE_TOKEN, Severity.HIGH,
                        List.of("aiza"), regex(GOOGLE, v -> true, 1)),
                rule("jwt", "JSON Web Token (three base64url segments, header with \"alg\")", ROTATE_TOKEN, Severity.MEDIUM,
                        List.of("eyj"), regex(JWT, BuiltinRules::isJwt, 1)),
                rule("connection-string-credentials",
                        "database connection string with a password (JDBC/ADO.NET password=, mongodb/postgres/mysql/redis URL user:pass@)",
                        MOVE, Severity.HIGH, List.of("://", "password", "pwd"),
                        any(regex(DB_URL, v -> !Values.isNonSecret(v), 2), BuiltinRules::connectionKeyValue)),
                rule("url-credentials", "password embedded in a URL (scheme://user:pass@host)", MOVE, Severity.HIGH,
                        List.of("://"), regex(URL_CREDENTIALS, v -> !Values.isNonSecret(v), 2)),
                rule("password-assignment",
                        "password/secret assigned in key=value, key: value, JSON, XML or redis requirepass form",
                        MOVE, Severity.HIGH, List.of("pass", "pwd", "secret"),
                        any(BuiltinRules::passwordKeyValue,
                                samplesInCommentsSkipped(regex(PASSWORD_XML_ELEMENT, BuiltinRules::isPassword, 2)),
                                samplesInCommentsSkipped(regex(PASSWORD_XML_NAMED, BuiltinRules::isPassword, 1, 2)),
                                regex(REDIS_DIRECTIVE, BuiltinRules::isPassword, 1, 2))),
                rule("generic-api-token",
                        "high-entropy value (16+ chars) assigned to api_key/apikey/token/access_token/secret_key or an Authorization header",
                        ROTATE_TOKEN, Severity.MEDIUM,
                        // Exactly the key spellings the pattern accepts: a bare "key" is on every other config line.
                        List.of("token", "apikey", "api_key", "api-key", "api.key", "secretkey", "secret_key", "secret-key",
                                "secret.key", "authorization"),
                        any(BuiltinRules::tokenKeyValue, regex(AUTH_HEADER, Values::looksRandom, 1))));
    }

    private static Rule rule(String id, String description, String recommendation, Severity severity,
                             List<String> keywords, Rule.Detector detector) {
        return new Rule(id, description, recommendation, severity, true, keywords, detector);
    }

    interface ValueCheck {
        boolean accept(String value);
    }

    /** Every match whose first matched group among {@code groups} passes the check. */
    static Rule.Detector regex(Pattern p, ValueCheck check, int... groups) {
        return (text, i, out) -> {
            String line = text.line(i);
            Matcher m = p.matcher(line);
            while (m.find()) {
                int g = firstMatched(m, groups);
                if (g >= 0 && check.accept(m.group(g))) {
                    out.add(new Rule.Hit(i, m.start(g), m.end(g), m.group(g).trim()));
                }
            }
        };
    }

    /** In a comment line or block only credential-shaped values count (see {@link #assignments}). */
    private static Rule.Detector samplesInCommentsSkipped(Rule.Detector d) {
        return (text, i, out) -> {
            if (!Lines.isComment(text.line(i)) && !text.inBlockComment(i)) {
                d.detect(text, i, out);
                return;
            }
            List<Rule.Hit> hits = new java.util.ArrayList<>();
            d.detect(text, i, hits);
            for (Rule.Hit h : hits) {
                if (Values.credentialShaped(h.value())) {
                    out.add(h);
                }
            }
        };
    }

    static int firstMatched(Matcher m, int... groups) {
        for (int g : groups) {
            if (m.start(g) >= 0) {
                return g;
            }
        }
        return -1;
    }

    private static Rule.Detector any(Rule.Detector... detectors) {
        return (text, i, out) -> {
            for (Rule.Detector d : detectors) {
                d.detect(text, i, out);
            }
        };
    }

    private static boolean isPassword(String v) {
        String t = v.trim();
        return t.length() >= 4 && !Values.isNonSecret(t);
    }

    /**
     * key = value forms. A commented-out assignment still puts the value on disk, so it counts, but
     * only in the unambiguous "key = value" shape with nothing after the value (that keeps prose
     * such as "# Password: at least 12 characters" out) and with a credential-shaped value.
     */
    private static void assignments(Pattern p, Lines text, int i, List<Rule.Hit> out, ValueCheck check) {
        String line = text.line(i);
        boolean comment = Lines.isComment(line) || text.inBlockComment(i);
        Matcher m = p.matcher(line);
        while (m.find()) {
            String key = m.group(1);
            String sep = m.group(2);
            int g = firstMatched(m, 3, 4, 5);
            if (g < 0) {
                continue;
            }
            // nsswitch.conf "passwd: files systemd" is a database name, not a credential.
            if (":".equals(sep) && key.equalsIgnoreCase("passwd")) {
                continue;
            }
            if (comment && (!"=".equals(sep) || !line.substring(m.end()).trim().isEmpty())) {
                continue;
            }
            // Comments are where documentation puts sample values ("# input_password = secret",
            // Maven's "<password>repopwd</password>" sample block): there only a value shaped like
            // a real credential counts.
            if (comment && !Values.credentialShaped(m.group(g))) {
                continue;
            }
            if (check.accept(m.group(g))) {
                out.add(new Rule.Hit(i, m.start(g), m.end(g), m.group(g)));
            }
        }
    }

    private static void passwordKeyValue(Lines text, int i, List<Rule.Hit> out) {
        assignments(PASSWORD_KV, text, i, out, BuiltinRules::isPassword);
    }

    private static void tokenKeyValue(Lines text, int i, List<Rule.Hit> out) {
        assignments(TOKEN_KV, text, i, out, v -> !Values.isNonSecret(v) && Values.looksRandom(v));
    }

    /** password=/pwd= counts as a connection string only next to server=, host=, user id=, jdbc: … */
    private static void connectionKeyValue(Lines text, int i, List<Rule.Hit> out) {
        String line = text.line(i);
        if (!CONN_CONTEXT.matcher(line).find()) {
            return;
        }
        Matcher m = CONN_PASSWORD.matcher(line);
        while (m.find()) {
            int g = firstMatched(m, 1, 2, 3);
            if (g >= 0 && isPassword(m.group(g))) {
                out.add(new Rule.Hit(i, m.start(g), m.end(g), m.group(g)));
            }
        }
    }

    /** A JWT's header must decode to a JSON object with "alg"; anything else is a look-alike. */
    static boolean isJwt(String token) {
        int dot = token.indexOf('.');
        try {
            byte[] header = Base64.getUrlDecoder().decode(token.substring(0, dot));
            JsonNode node = JSON.readTree(header);
            return node != null && node.isObject() && node.has("alg");
        } catch (Exception e) {
            // Undecodable or not JSON: not a JWT. The exception text is dropped on purpose.
            return false;
        }
    }

    /**
     * PEM private key: the BEGIN line, then the base64 body up to END (at most 500 lines), or on the
     * same line when the key is embedded in JSON with \n escapes. The body is the fingerprinted
     * value. Fewer than 64 base64 characters is documentation ("...") rather than a key.
     */
    private static void privateKey(Lines text, int i, List<Rule.Hit> out) {
        String line = text.line(i);
        Matcher m = PEM_BEGIN.matcher(line);
        if (!m.find()) {
            return;
        }
        boolean encrypted = m.group(1).contains("ENCRYPTED");
        StringBuilder body = new StringBuilder();
        String rest = line.substring(m.end());
        int last = i;
        int end = rest.indexOf("-----END");
        if (end >= 0 || base64Chars(rest) >= 64) {
            appendBase64(body, end >= 0 ? rest.substring(0, end) : rest);
        } else {
            int limit = Math.min(text.count() - 1, i + 500);
            for (int j = i + 1; j <= limit; j++) {
                String l = text.line(j);
                last = j;
                int e = l.indexOf("-----END");
                if (e >= 0) {
                    appendBase64(body, l.substring(0, e));
                    break;
                }
                if (l.indexOf(':') >= 0) {
                    // RFC 1421 headers (Proc-Type: 4,ENCRYPTED / DEK-Info:) are not key material.
                    encrypted |= l.toUpperCase(Locale.ROOT).contains("ENCRYPTED");
                    continue;
                }
                appendBase64(body, l);
            }
        }
        if (body.length() < 64) {
            return;
        }
        out.add(new Rule.Hit(i, m.start(), line.length(), last, body.toString(), encrypted ? Severity.MEDIUM : null));
    }

    private static int base64Chars(String s) {
        StringBuilder b = new StringBuilder();
        appendBase64(b, s);
        return b.length();
    }

    private static void appendBase64(StringBuilder b, String s) {
        String t = s.replace("\\n", "");
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=') {
                b.append(c);
            }
        }
    }
}
