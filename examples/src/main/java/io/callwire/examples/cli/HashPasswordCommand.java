package io.callwire.examples.cli;

import io.callwire.examples.web.PasswordHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code hash-password}: reads a password from stdin and prints its hash for a {@code serve --users} file. */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Read a password from the first line of stdin and print its PBKDF2 hash for a users file.")
final class HashPasswordCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no password on stdin");
        }
        spec.commandLine().getOut().println(new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS).hash(password.toCharArray()));
        return ExitCode.OK;
    }
}
