package io.callwire.core.command;

/**
 * The switch's answer to a successful command.
 *
 * @param callId call the command created or acted on (the new call for MakeCall and Consult), may be empty
 * @param legId  leg the command created or acted on, may be empty
 * @param detail the switch's own words (AMI Message, ESL reply text, CSTA response), may be empty
 */
public record CommandResult(String callId, String legId, String detail) {
    public CommandResult {
        callId = Require.orEmpty(callId);
        legId = Require.orEmpty(legId);
        detail = Require.orEmpty(detail);
    }

    public static CommandResult ok(String detail) {
        return new CommandResult("", "", detail);
    }
}
