package io.callwire.core.command;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One API to control calls and agents on any switch. Every method returns a stage that completes with the
 * switch's answer or fails with a {@link CommandException} subtype (unsupported, unknown call or leg,
 * rejected with the switch's reason, link down, timeout).
 */
public interface CtiControl {

    /** Sends any command; all the other methods are shorthands for this one. */
    CompletionStage<CommandResult> execute(CtiCommand command);

    /** Places a call from a device (an agent's station) to a number; the result names the new call. */
    default CompletionStage<CommandResult> makeCall(String fromDevice, String destination) {
        return execute(new MakeCall(fromDevice, destination));
    }

    /** Answers an alerting leg. */
    default CompletionStage<CommandResult> answer(String callId, String legId) {
        return execute(new Answer(callId, legId));
    }

    /** Clears one leg of the call. */
    default CompletionStage<CommandResult> hangUp(String callId, String legId) {
        return execute(new HangUp(callId, legId));
    }

    /** Clears the whole call. */
    default CompletionStage<CommandResult> hangUpCall(String callId) {
        return execute(new HangUp(callId, ""));
    }

    /** Puts a connected leg on hold. */
    default CompletionStage<CommandResult> hold(String callId, String legId) {
        return execute(new Hold(callId, legId));
    }

    /** Takes a held leg off hold. */
    default CompletionStage<CommandResult> retrieve(String callId, String legId) {
        return execute(new Retrieve(callId, legId));
    }

    /** Sends the call on to a station or queue without consulting first. */
    default CompletionStage<CommandResult> blindTransfer(String callId, String legId, String destination) {
        return execute(new BlindTransfer(callId, legId, destination));
    }

    /** Starts a consultative transfer; the result's call id is the consultation call. */
    default CompletionStage<CommandResult> consult(String callId, String legId, String destination) {
        return execute(new Consult(callId, legId, destination));
    }

    /** Completes a consultative transfer: the held call's party talks to the consulted party. */
    default CompletionStage<CommandResult> completeTransfer(String heldCallId, String consultCallId) {
        return execute(new CompleteTransfer(heldCallId, consultCallId));
    }

    /** Ends the consultation and retrieves the held call. */
    default CompletionStage<CommandResult> cancelConsult(String heldCallId, String consultCallId) {
        return execute(new CancelConsult(heldCallId, consultCallId));
    }

    /** Joins the held call and the consultation into one conference. */
    default CompletionStage<CommandResult> conference(String heldCallId, String consultCallId) {
        return execute(new Conference(heldCallId, consultCallId));
    }

    /** Moves a ringing or queued call to another destination (deflect). */
    default CompletionStage<CommandResult> redirect(String callId, String legId, String destination) {
        return execute(new Redirect(callId, legId, destination));
    }

    /** Sends DTMF digits on a leg. */
    default CompletionStage<CommandResult> sendDtmf(String callId, String legId, String digits) {
        return execute(new SendDtmf(callId, legId, digits));
    }

    /** Starts recording the call where the switch chooses. */
    default CompletionStage<CommandResult> startRecording(String callId) {
        return execute(new StartRecording(callId, ""));
    }

    /** Stops recording the call. */
    default CompletionStage<CommandResult> stopRecording(String callId) {
        return execute(new StopRecording(callId));
    }

    /** Lets a supervisor at a device listen to, whisper into or barge into the call. */
    default CompletionStage<CommandResult> monitor(String callId, String supervisorDevice, MonitorMode mode) {
        return execute(new Monitor(callId, supervisorDevice, mode));
    }

    /** Attaches key/value data to the call; an empty value removes a key. */
    default CompletionStage<CommandResult> attachData(String callId, Map<String, String> data) {
        return execute(new AttachData(callId, data));
    }

    /** Logs an agent in at a station, into switch-side queues (empty when the library routes). */
    default CompletionStage<CommandResult> login(String agentId, String deviceId, List<String> queues) {
        return execute(new AgentLogin("", agentId, deviceId, queues));
    }

    /** Logs an agent out. */
    default CompletionStage<CommandResult> logout(String agentId) {
        return execute(new AgentLogout(agentId));
    }

    /** Makes an agent available. */
    default CompletionStage<CommandResult> ready(String agentId) {
        return execute(new AgentReady(agentId));
    }

    /** Makes an agent unavailable with a reason code. */
    default CompletionStage<CommandResult> notReady(String agentId, String reason) {
        return execute(new AgentNotReady(agentId, reason));
    }

    /** Puts an agent into after-call work with a reason code. */
    default CompletionStage<CommandResult> wrapUp(String agentId, String reason) {
        return execute(new AgentWrapUp(agentId, reason));
    }
}
