package io.dolphin.datalayer.bench;

import io.dolphin.datalayer.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchRunnerTest {

    @TempDir
    Path dir;

    @Test
    void when_threeRounds_then_mediansOfValueBaselineAndPerRoundRatio() throws Exception {
        AtomicInteger round = new AtomicInteger();
        double[][] rounds = {{100, 200}, {300, 300}, {50, 200}};
        Benchmark fake = new Benchmark() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public List<BenchFigure> runRound(boolean quick) {
                double[] r = rounds[round.getAndIncrement()];
                return List.of(new BenchFigure("fake", "rate", r[0], "rows/s", "raw rate", r[1], ">= 0.5"));
            }
        };
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        BenchRunner runner = new BenchRunner(new PrintStream(text, true));

        List<BenchRunner.Summary> s = runner.run(fake, 3, true);
        runner.printTable(s);

        assertEquals(1, s.size());
        assertEquals(100, s.get(0).medianValue());
        assertEquals(200, s.get(0).medianBaseline());
        assertEquals(0.5, s.get(0).medianRatio());
        assertTrue(text.toString().contains("ratio 0.250"), text.toString());

        Path file = BenchRunner.writeJson(dir, s, 3, true);
        Map<String, Object> json = Json.parseObject(Files.readString(file));
        assertEquals(3, ((Number) json.get("rounds")).intValue());
        assertTrue(Files.exists(dir.resolve("fake.json")));
    }

    @Test
    void when_benchmarkCannotRunHere_then_reportedSkipped_noRound_andItsJsonSaysSo() throws Exception {
        Benchmark skipped = new Benchmark() {
            @Override
            public String name() {
                return "needs-server";
            }

            @Override
            public String skipReason() {
                return "no server";
            }

            @Override
            public List<BenchFigure> runRound(boolean quick) {
                throw new AssertionError("a skipped benchmark runs no round");
            }
        };
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        BenchRunner runner = new BenchRunner(new PrintStream(text, true));

        assertTrue(runner.run(skipped, 3, true).isEmpty());
        runner.printTable(List.of());

        assertTrue(text.toString().contains("needs-server: skipped: no server"), text.toString());
        assertEquals(Map.of("needs-server", "no server"), runner.skipped());
        BenchRunner.writeJson(dir, List.of(), runner.skipped(), 3, true);
        Map<String, Object> json = Json.parseObject(Files.readString(dir.resolve("needs-server.json")));
        assertEquals(Map.of("needs-server", "no server"), json.get("skipped"));
    }
}
