package io.callwire.examples.web;

/** What a user of the agent app may do: agents work their own calls, supervisors watch and steer everyone. */
public enum Role {
    /** Controls only its own state and the calls at its own station. */
    AGENT,
    /** Sees the wallboard and all agents, monitors calls, plays recordings, changes agents' states. */
    SUPERVISOR
}
