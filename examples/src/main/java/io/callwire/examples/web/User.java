package io.callwire.examples.web;

import java.util.Objects;

/**
 * A user of the agent app.
 *
 * @param name         login name
 * @param role         agent or supervisor
 * @param agentId      the switch's agent id (agents), empty for supervisors
 * @param station      the device the user's calls ring at (supervisors: the device monitoring calls ring at)
 * @param passwordHash encoded PBKDF2 hash, see {@link PasswordHasher}; never printed
 */
public record User(String name, Role role, String agentId, String station, String passwordHash) {
    public User {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        agentId = agentId == null ? "" : agentId;
        station = station == null ? "" : station;
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    /** Without the password hash. */
    @Override
    public String toString() {
        return "User[" + name + ", " + role + ", agent=" + agentId + ", station=" + station + "]";
    }
}
