package io.dolphin.datalayer.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A supervisord configuration file read the way supervisord's parser (Python's RawConfigParser, strict) reads it:
 * {@code [section]} headers, {@code key=value} or {@code key: value} options, {@code ;}/{@code #} comment lines,
 * inline {@code " ;"} comments, indented continuation lines. A duplicate section or option is an error there, so it
 * is one here.
 */
final class SupervisorConf {

    private static final Pattern SECTION = Pattern.compile("\\[([^\\]]+)]\\s*");
    private static final Pattern OPTION = Pattern.compile("([A-Za-z0-9_.-]+)\\s*[=:]\\s*(.*)");
    /** One {@code KEY="value"} pair of supervisord's {@code environment=} list. */
    private static final Pattern ENV_PAIR = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)=\"([^\"]*)\"\\s*(,|$)");

    private final Path file;
    private final Map<String, Map<String, String>> sections;

    private SupervisorConf(Path file, Map<String, Map<String, String>> sections) {
        this.file = file;
        this.sections = sections;
    }

    static SupervisorConf parse(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String lastKey = null;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String where = file.getFileName() + ":" + (i + 1) + ": ";
            String stripped = raw.strip();
            if (stripped.isEmpty() || stripped.startsWith(";") || stripped.startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0))) {
                if (current == null || lastKey == null) {
                    throw new IllegalArgumentException(where + "continuation line without an option: " + raw);
                }
                current.put(lastKey, current.get(lastKey) + "\n" + stripInlineComment(stripped));
                continue;
            }
            Matcher section = SECTION.matcher(raw);
            if (section.matches()) {
                current = new LinkedHashMap<>();
                if (sections.putIfAbsent(section.group(1).strip(), current) != null) {
                    throw new IllegalArgumentException(where + "duplicate section [" + section.group(1) + "]");
                }
                lastKey = null;
                continue;
            }
            Matcher option = OPTION.matcher(raw);
            if (current == null || !option.matches()) {
                throw new IllegalArgumentException(where + "neither a section, an option nor a comment: " + raw);
            }
            lastKey = option.group(1);
            if (current.putIfAbsent(lastKey, stripInlineComment(option.group(2))) != null) {
                throw new IllegalArgumentException(where + "duplicate option " + lastKey);
            }
        }
        return new SupervisorConf(file, sections);
    }

    private static String stripInlineComment(String value) {
        int at = value.indexOf(" ;");
        return (at >= 0 ? value.substring(0, at) : value).strip();
    }

    Path file() {
        return file;
    }

    Map<String, Map<String, String>> sections() {
        return sections;
    }

    /** The {@code [program:x]} sections by program name. */
    Map<String, Map<String, String>> programs() {
        Map<String, Map<String, String>> programs = new LinkedHashMap<>();
        sections.forEach((name, options) -> {
            if (name.startsWith("program:")) {
                programs.put(name.substring("program:".length()), options);
            }
        });
        return programs;
    }

    /** Parses {@code environment=KEY="v",KEY2="w"}; every value must be quoted, as supervisord's docs advise. */
    static Map<String, String> environment(String value) {
        Map<String, String> env = new LinkedHashMap<>();
        if (value == null) {
            return env;
        }
        Matcher m = ENV_PAIR.matcher(value);
        int at = 0;
        while (at < value.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("malformed environment= at \"" + value.substring(at) + "\"");
            }
            env.put(m.group(1), m.group(2));
            at = m.end();
        }
        return env;
    }
}
