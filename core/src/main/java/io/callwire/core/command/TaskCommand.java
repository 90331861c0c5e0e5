package io.callwire.core.command;

/**
 * Commands for the library's routing engine rather than a switch: work that is not a queued inbound call
 * (callbacks, outbound follow-ups, chats, e-mails, work items) and an agent's answers to offers. A
 * {@link io.callwire.core.engine.StateExtension} (the routing engine) carries them out on the engine's single
 * writer; without one they fail with {@link UnsupportedCommandException}. Like every host command they are
 * journaled, so replaying a journal repeats the routing.
 */
public sealed interface TaskCommand extends CtiCommand
        permits SubmitTask, AcceptTask, RejectTask, CompleteTask, CancelTask, ReprioritizeTask, ConfigureQueue {
}
