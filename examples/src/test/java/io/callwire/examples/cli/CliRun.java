package io.callwire.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

/** The result of one in-process run of the CLI: exit code, standard output and standard error. */
record CliRun(int code, String out, String err) {

    /** Runs {@code callwire args...} in this JVM and captures what it printed. */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CallwireCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Standard output, a line each. */
    List<String> lines() {
        return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
    }
}
