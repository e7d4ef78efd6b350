package io.dolphin.datalayer.cli;

import io.dolphin.datalayer.bench.Benchmarks;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Help an operator can copy from: whole URLs, and the names an option accepts. */
class CliHelpTest {

    @Test
    void when_schemaApplyHelp_then_defaultUrlIsWholeOnOneLine() {
        String help = help("schema", "apply", "--help");
        assertTrue(help.lines().anyMatch(l -> l.strip().equals(WarmStoreConfig.DEFAULT_URL)), help);
    }

    @Test
    void when_benchHelp_then_onlyListsEveryBenchmarkName() {
        String help = help("bench", "--help").replaceAll("\\s+", " ");
        assertTrue(help.contains(String.join(", ", Benchmarks.names())), help);
    }

    private static String help(String... args) {
        StringWriter out = new StringWriter();
        new CommandLine(new DolphinCli()).setOut(new PrintWriter(out, true)).execute(args);
        return out.toString();
    }
}
