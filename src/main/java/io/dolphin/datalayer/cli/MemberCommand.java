package io.dolphin.datalayer.cli;

import io.dolphin.datalayer.common.DolphinMember;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/dolphin member} starts {@link DolphinMember} on the member classpath without this launcher; this command
 * is what {@code DolphinCli} lists in its help and what runs when the launcher is called directly.
 */
@Command(name = "member", mixinStandardHelpOptions = true,
        description = "Start a Dolphin member in the foreground (hz-config/hazelcast.yaml).")
final class MemberCommand implements Runnable {

    @Option(names = "--port", description = "First port to try (auto-increments when taken; default ${DEFAULT-VALUE}).",
            defaultValue = "5701")
    int port;

    @Override
    public void run() {
        try {
            DolphinMember.main(new String[]{"--port", String.valueOf(port)});
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
