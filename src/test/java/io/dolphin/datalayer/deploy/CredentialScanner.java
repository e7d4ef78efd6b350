package io.dolphin.datalayer.deploy;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds credential-looking literals in a line of a deploy file: the reference system's warm-store password, a
 * ClickHouse key header, user:password inside a URL, or a password-named key given a value that is not a
 * placeholder ({@code <...>}, a {@code $VAR}/{@code $(...)} expansion, supervisord's {@code %(ENV_X)s}, or empty).
 */
final class CredentialScanner {

    /** Assembled so that this file does not itself hold the literal it looks for. */
    private static final String REFERENCE_PASSWORD = "dolphin_ch_" + "2026";
    private static final Pattern PASSWORD = Pattern.compile("(?i)[\\w.-]*(?:password|passwd|pwd)[\\w.-]*[\"']?\\s*[:=]\\s*(.*)");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("://[^/\\s:@<>]+:[^@\\s/<>]+@");

    private CredentialScanner() {
    }

    /** What is wrong with the line, or null. */
    static String problem(String line) {
        if (line.contains(REFERENCE_PASSWORD)) {
            return "the reference system's warm-store password";
        }
        if (line.toLowerCase(Locale.ROOT).contains("x-clickhouse-key")) {
            return "a ClickHouse key header";
        }
        if (URL_CREDENTIALS.matcher(line).find()) {
            return "credentials inside a URL";
        }
        Matcher m = PASSWORD.matcher(line);
        while (m.find()) {
            String value = firstToken(m.group(1));
            if (!isPlaceholder(value)) {
                return "a password-named key with the literal value '" + value + "'";
            }
        }
        return null;
    }

    private static String firstToken(String rest) {
        String v = rest.strip();
        while (!v.isEmpty() && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
            v = v.substring(1);
        }
        int end = 0;
        while (end < v.length() && "\"', \t#;".indexOf(v.charAt(end)) < 0) {
            end++;
        }
        return v.substring(0, end);
    }

    private static boolean isPlaceholder(String value) {
        return value.isEmpty() || value.startsWith("<") || value.startsWith("$") || value.startsWith("%(ENV_");
    }
}
