package io.dolphin.datalayer.cli;

import picocli.CommandLine;

/** Turns the exceptions an operator can act on into one clear line instead of a stack trace. */
final class ClusterErrorHandler implements CommandLine.IExecutionExceptionHandler {

    /** Distinct from picocli's usage error (2), so scripts can wait for a cluster on this code alone. */
    static final int NO_CLUSTER = 3;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(ex.getMessage());
        if (message.contains("Unable to connect to any cluster") || ex instanceof NoClusterException) {
            cmd.getErr().println("dolphin: " + (ex instanceof NoClusterException ? message
                    : "no Dolphin cluster reachable: " + message));
            cmd.getErr().println("  start one with `bin/dolphin member`, or point DOLPHIN_CLUSTER (host:port,...) at it.");
            return NO_CLUSTER;
        }
        if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException) {
            cmd.getErr().println("dolphin: " + message);
            return 1;
        }
        cmd.getErr().println("dolphin: " + ex + (root != ex ? "\n  caused by: " + root : ""));
        return 1;
    }
}
