package io.dolphin.datalayer.telemetry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host sample from the real /proc, cross-checked against the same files, and from written ones for the rates. */
class HostSamplerTest {

    private static final Path PROC = Path.of("/proc");

    @TempDir
    Path fake;

    @Test
    void when_realProc_then_valuesAsTheFilesSay() throws IOException {
        SystemStats s = new HostSampler(new ProcReader(PROC), "").sample("h", System.currentTimeMillis());
        Map<String, Long> mem = meminfo(Files.readAllLines(PROC.resolve("meminfo")));
        String[] load = Files.readString(PROC.resolve("loadavg")).split(" ");
        Map<String, long[]> net = netDev(Files.readAllLines(PROC.resolve("net/dev")));

        assertEquals(mem.get("MemTotal") / 1048576.0, s.memTotalGb(), 1e-9, "MemTotal never changes");
        assertEquals(mem.get("MemAvailable") / 1048576.0, s.memAvailableGb(), 0.05 * s.memTotalGb(),
                "MemAvailable read a moment apart");
        assertEquals(s.memTotalGb() - s.memAvailableGb(), s.memUsedGb(), 1e-9);
        assertEquals(100 * s.memUsedGb() / s.memTotalGb(), s.memPct(), 1e-9);
        assertEquals(Double.parseDouble(load[0]), s.load1m(), 1.0, "the kernel updates loadavg every 5 s");
        assertEquals(Double.parseDouble(load[1]), s.load5m(), 0.5);
        assertEquals(Double.parseDouble(load[2]), s.load15m(), 0.5);
        String busiest = net.entrySet().stream().filter(e -> !"lo".equals(e.getKey()))
                .max((a, b) -> Long.compare(a.getValue()[0] + a.getValue()[1], b.getValue()[0] + b.getValue()[1]))
                .map(Map.Entry::getKey).orElseThrow();
        assertEquals(busiest, s.netIface());
        assertEquals(0, s.intervalMs(), "a first sample has no rate yet");
    }

    @Test
    void when_secondSample_then_ratesFromTheCounters() throws IOException {
        write(fake, 16 * 1048576L, 4 * 1048576L, "0.50 1.25 2.00", 1_000_000, 2_000_000, 9_000_000_000L);
        HostSampler sampler = new HostSampler(new ProcReader(fake), "");
        sampler.sample("h", 10_000);
        write(fake, 16 * 1048576L, 3 * 1048576L, "0.75 1.25 2.00", 6_000_000, 3_000_000, 9_000_000_000L);

        SystemStats s = sampler.sample("h", 12_000);

        assertEquals(new SystemStats("h", 12_000, 16, 13, 3, 81.25, 0.75, 1.25, 2.0, "eth0", 2.5, 0.5, 2_000), s);
    }

    @Test
    void when_counterReset_then_noRateForThatInterval() throws IOException {
        write(fake, 1048576, 1048576, "0 0 0", 9_000_000, 9_000_000, 0);
        HostSampler sampler = new HostSampler(new ProcReader(fake), "eth0");
        sampler.sample("h", 0);
        write(fake, 1048576, 1048576, "0 0 0", 1_000, 9_500_000, 0);

        SystemStats s = sampler.sample("h", 1_000);

        assertEquals(0.0, s.netRxMbS());
        assertEquals(0.5, s.netTxMbS(), 1e-12);
    }

    @Test
    void when_filesMissingOrMalformed_then_unreadableNamingTheFile() throws IOException {
        assertUnreadable(fake, "meminfo", "cannot be read");
        write(fake, 1048576, 1048576, "high 1 2", 0, 0, 0);
        assertUnreadable(fake, "loadavg", "'high' is not a load average");
        Files.writeString(fake.resolve("loadavg"), "0.5\n");
        assertUnreadable(fake, "loadavg", "expected three load averages");
        write(fake, 1048576, 1048576, "0 0 0", 0, 0, 0);
        Files.writeString(fake.resolve("meminfo"), "MemTotal: 10 kB\n");
        assertUnreadable(fake, "meminfo", "MemAvailable");
        write(fake, 1048576, 1048576, "0 0 0", 0, 0, 0);
        ProcReader.Unreadable e = assertThrows(ProcReader.Unreadable.class,
                () -> new HostSampler(new ProcReader(fake), "wlan9").sample("h", 0));
        assertTrue(e.getMessage().contains("no interface 'wlan9'"), e.getMessage());
    }

    private static void assertUnreadable(Path root, String file, String part) {
        ProcReader.Unreadable e = assertThrows(ProcReader.Unreadable.class,
                () -> new HostSampler(new ProcReader(root), "").sample("h", 0));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    /** Files in the kernel's layout: lo and eth0 (lo busier, to show it is never chosen). */
    static void write(Path root, long totalKb, long availableKb, String load, long rx, long tx, long loBytes)
            throws IOException {
        Files.createDirectories(root.resolve("net"));
        Files.writeString(root.resolve("meminfo"), "MemTotal:       " + totalKb + " kB\nMemFree:          1000 kB\n"
                + "MemAvailable:   " + availableKb + " kB\nBuffers:           10 kB\n");
        Files.writeString(root.resolve("loadavg"), load + " 1/123 4567\n");
        Files.writeString(root.resolve("net/dev"), "Inter-|   Receive                                                |  Transmit\n"
                + " face |bytes    packets errs drop fifo frame compressed multicast"
                + "|bytes    packets errs drop fifo colls carrier compressed\n"
                + "    lo: " + loBytes + " 10 0 0 0 0 0 0 " + loBytes + " 10 0 0 0 0 0 0\n"
                + "  eth0: " + rx + " 20 0 0 0 0 0 0 " + tx + " 30 0 0 0 0 0 0\n");
    }

    static Map<String, Long> meminfo(List<String> lines) {
        Map<String, Long> out = new java.util.HashMap<>();
        for (String l : lines) {
            String[] p = l.split(":\\s+");
            out.put(p[0], Long.parseLong(p[1].split(" ")[0]));
        }
        return out;
    }

    static Map<String, long[]> netDev(List<String> lines) {
        Map<String, long[]> out = new java.util.LinkedHashMap<>();
        for (String l : lines.subList(2, lines.size())) {
            String[] p = l.trim().split("[:\\s]+");
            out.put(p[0], new long[]{Long.parseLong(p[1]), Long.parseLong(p[9])});
        }
        return out;
    }
}
