package io.callwire.examples.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users of the agent app. A users file has one user per line,
 * {@code name:role:agentId:station:hash} with role {@code agent} or {@code supervisor} and a hash made by
 * {@link PasswordHasher} ({@code callwire hash-password} prints one); blank lines and {@code #} comments are
 * ignored.
 */
public final class UserDirectory {
    private static final String DUMMY_HASH = new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS).hash("x".toCharArray());
    private final Map<String, User> users = new LinkedHashMap<>();

    /** A directory of these users. */
    public UserDirectory(Collection<User> users) {
        for (User user : users) {
            if (this.users.putIfAbsent(user.name(), user) != null) {
                throw new IllegalArgumentException("user " + user.name() + " appears twice");
            }
        }
    }

    /** Reads a users file; a malformed line fails with its line number. */
    public static UserDirectory read(Path file) throws IOException {
        List<User> users = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] f = text.split(":", 5);
            if (f.length != 5 || f[0].isBlank() || !f[4].startsWith("pbkdf2-sha256$")) {
                throw new IllegalArgumentException(file + " line " + number
                        + ": expected name:role:agentId:station:pbkdf2-sha256$... ");
            }
            Role role = switch (f[1]) {
                case "agent" -> Role.AGENT;
                case "supervisor" -> Role.SUPERVISOR;
                default -> throw new IllegalArgumentException(file + " line " + number
                        + ": role must be agent or supervisor, not '" + f[1] + "'");
            };
            if (role == Role.AGENT && (f[2].isBlank() || f[3].isBlank())) {
                throw new IllegalArgumentException(file + " line " + number + ": an agent needs an agent id and a station");
            }
            users.add(new User(f[0], role, f[2], f[3], f[4]));
        }
        return new UserDirectory(users);
    }

    /** The user whose password matches; takes as long for an unknown name as for a wrong password. */
    public Optional<User> authenticate(String name, char[] password) {
        User user = users.get(name);
        boolean ok = PasswordHasher.matches(password, user == null ? DUMMY_HASH : user.passwordHash());
        return ok && user != null ? Optional.of(user) : Optional.empty();
    }

    /** The user with this name. */
    public Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** Every user, in the order given. */
    public List<User> all() {
        return List.copyOf(users.values());
    }
}
