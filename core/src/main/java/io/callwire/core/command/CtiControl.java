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

    default CompletionStage<CommandResult> makeCall(String fromDevice, String destination) {
        return execute(new MakeCall(fromDevice, destination));
    }

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

    default CompletionStage<CommandResult> hold(String callId, String legId) {
        return execute(new Hold(callId, legId));
    }

    default CompletionStage<CommandResult> retrieve(String callId, String legId) {
        return execute(new Retrieve(callId, legId));
    }

    default CompletionStage<CommandResult> blindTransfer(String callId, String legId, String destination) {
        return execute(new BlindTransfer(callId, legId, destination));
    }

    /** Starts a consultative transfer; the result's call id is the consultation call. */
    default CompletionStage<CommandResult> consult(String callId, String legId, String destination) {
        return execute(new Consult(callId, legId, destination));
    }

    default CompletionStage<CommandResult> completeTransfer(String heldCallId, String consultCallId) {
        return execute(new CompleteTransfer(heldCallId, consultCallId));
    }

    default CompletionStage<CommandResult> cancelConsult(String heldCallId, String consultCallId) {
        return execute(new CancelConsult(heldCallId, consultCallId));
    }

    default CompletionStage<CommandResult> conference(String heldCallId, String consultCallId) {
        return execute(new Conference(heldCallId, consultCallId));
    }

    default CompletionStage<CommandResult> redirect(String callId, String legId, String destination) {
        return execute(new Redirect(callId, legId, destination));
    }

    default CompletionStage<CommandResult> sendDtmf(String callId, String legId, String digits) {
        return execute(new SendDtmf(callId, legId, digits));
    }

    default CompletionStage<CommandResult> startRecording(String callId) {
        return execute(new StartRecording(callId, ""));
    }

    default CompletionStage<CommandResult> stopRecording(String callId) {
        return execute(new StopRecording(callId));
    }

    default CompletionStage<CommandResult> monitor(String callId, String supervisorDevice, MonitorMode mode) {
        return execute(new Monitor(callId, supervisorDevice, mode));
    }

    default CompletionStage<CommandResult> attachData(String callId, Map<String, String> data) {
        return execute(new AttachData(callId, data));
    }

    default CompletionStage<CommandResult> login(String agentId, String deviceId, List<String> queues) {
        return execute(new AgentLogin("", agentId, deviceId, queues));
    }

    default CompletionStage<CommandResult> logout(String agentId) {
        return execute(new AgentLogout(agentId));
    }

    default CompletionStage<CommandResult> ready(String agentId) {
        return execute(new AgentReady(agentId));
    }

    default CompletionStage<CommandResult> notReady(String agentId, String reason) {
        return execute(new AgentNotReady(agentId, reason));
    }

    default CompletionStage<CommandResult> wrapUp(String agentId, String reason) {
        return execute(new AgentWrapUp(agentId, reason));
    }
}
