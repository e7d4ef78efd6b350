package io.dolphin.datalayer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/dolphin}: run a member, submit and watch the jobs, open the SQL console. Every command that talks
 * to a cluster finds it through {@code hz-config/hazelcast-client.yaml} or {@code --cluster}/{@code DOLPHIN_CLUSTER}.
 */
@Command(name = "dolphin", mixinStandardHelpOptions = true, versionProvider = DolphinCli.Version.class,
        description = "The Dolphin data layer: Jet jobs inside a Hazelcast cluster.",
        subcommands = {MemberCommand.class, BrokerCommand.class, SubmitCommand.class, JobsCommand.class,
                SqlCommand.class, StopCommand.class, SchemaCommand.class, AuditCommand.class, ColdCommand.class,
                DemoCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class DolphinCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line without exiting, for tests and for the demo. */
    public static int run(String... args) {
        return new CommandLine(new DolphinCli())
                .setExecutionExceptionHandler(new ClusterErrorHandler())
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = DolphinCli.class.getPackage().getImplementationVersion();
            return new String[]{"dolphin " + (v == null ? "(development build)" : v)
                    + ", Hazelcast " + com.hazelcast.instance.GeneratedBuildProperties.VERSION};
        }
    }
}
