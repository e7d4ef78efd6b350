package io.dolphin.datalayer.telemetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the three files of {@code /proc} (or another root, for tests) the host sample needs. Each reader names
 * the file and what was wrong with it when the content is not what the kernel writes.
 */
final class ProcReader {

    private final Path root;

    ProcReader(Path root) {
        this.root = root;
    }

    /** {@code MemTotal} and {@code MemAvailable} of {@code meminfo}, in kB. */
    long[] memory() {
        String text = read("meminfo");
        long total = -1;
        long available = -1;
        for (String line : text.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                total = kb(line, "meminfo");
            } else if (line.startsWith("MemAvailable:")) {
                available = kb(line, "meminfo");
            }
        }
        if (total <= 0 || available < 0) {
            throw new Unreadable("meminfo", "no MemTotal/MemAvailable lines (kernel 3.14 or later writes both)", text);
        }
        return new long[]{total, available};
    }

    /** The 1, 5 and 15 minute load averages of {@code loadavg}. */
    double[] load() {
        String text = read("loadavg");
        String[] parts = text.strip().split("\\s+");
        if (parts.length < 3) {
            throw new Unreadable("loadavg", "expected three load averages", text);
        }
        double[] load = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                load[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new Unreadable("loadavg", "'" + parts[i] + "' is not a load average", text);
            }
        }
        return load;
    }

    /** Received and transmitted bytes per interface of {@code net/dev}, in file order. */
    Map<String, long[]> network() {
        String text = read("net/dev");
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.contains("|")) {
                continue; // the two header lines
            }
            String iface = line.substring(0, colon).strip();
            String[] f = line.substring(colon + 1).strip().split("\\s+");
            if (f.length < 9) {
                throw new Unreadable("net/dev", "interface " + iface + " has " + f.length + " counters, expected 16",
                        text);
            }
            try {
                out.put(iface, new long[]{Long.parseLong(f[0]), Long.parseLong(f[8])});
            } catch (NumberFormatException e) {
                throw new Unreadable("net/dev", "interface " + iface + ": counters are not numbers", text);
            }
        }
        return out;
    }

    private String read(String file) {
        try {
            return Files.readString(root.resolve(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new Unreadable(file, "cannot be read: " + e, "");
        }
    }

    private static long kb(String line, String file) {
        String[] parts = line.split("\\s+");
        try {
            return Long.parseLong(parts[1]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new Unreadable(file, "line '" + line + "' holds no number of kB", line);
        }
    }

    /** A {@code /proc} file that is missing or not in the kernel's format. */
    static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String file;
        private final String content;

        Unreadable(String file, String reason, String content) {
            super(file + ": " + reason);
            this.file = file;
            this.content = content;
        }

        String file() {
            return file;
        }

        String content() {
            return content;
        }
    }
}
