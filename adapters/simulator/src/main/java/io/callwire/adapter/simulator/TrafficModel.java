package io.callwire.adapter.simulator;

import io.callwire.core.model.AgentState;
import io.callwire.core.model.DeviceType;
import io.callwire.core.model.LegState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Who does what on their own, and when: callers arriving (Poisson), waiting only so long, and hanging up on
 * manual agents; external numbers answering; auto agents answering, talking, holding, transferring,
 * consulting and wrapping up. Every random draw comes from one generator seeded from the URI, in the order
 * the simulation asks for them, so a configuration without commands always plays out the same way.
 */
final class TrafficModel {
    private static final String[] TIERS = {"standard", "standard", "gold", "platinum"};
    /** Mean seconds an auto agent keeps a caller on hold, and talks with a consulted colleague. */
    private static final double MEAN_HOLD_SECONDS = 20;
    private static final double MEAN_CONSULT_SECONDS = 20;
    /** Seconds an auto agent at least explains the case to a consulted colleague before handing over. */
    private static final long BRIEFING_MILLIS = 5_000;

    private final SimulatorConfig config;
    private final Agenda agenda;
    private final ContactCenter center;
    private final SplittableRandom random;
    private int generated;
    /** Generated calls whose arrival events are published; written by the simulator thread only. */
    private volatile int arrived;

    /** How an auto agent means to end a conversation, decided when it answers. */
    private enum Ending { AGENT_HANGS_UP, CALLER_HANGS_UP, BLIND_TRANSFER, CONSULT }

    TrafficModel(SimulatorConfig config, Agenda agenda, ContactCenter center) {
        this.config = config;
        this.agenda = agenda;
        this.center = center;
        this.random = new SplittableRandom(config.seed());
    }

    void start() {
        scheduleArrival();
    }

    int arrived() {
        return arrived;
    }

    // ---------------------------------------------------------------- callers

    private void scheduleArrival() {
        if (config.callsPerMinute() <= 0 || config.maxCalls() > 0 && generated >= config.maxCalls()) {
            return;
        }
        agenda.after(exp(60.0 / config.callsPerMinute()), this::arrive);
    }

    /** A caller dials a queue's number, picks an IVR option and waits: CallStarted, LegCreated, CallDataChanged, CallQueued. */
    private void arrive() {
        generated++;
        String queue = config.queues().get(random.nextInt(config.queues().size()));
        String ani = "+4930" + (1_000_000 + random.nextInt(9_000_000));
        String choice = Integer.toString(1 + random.nextInt(4));
        String tier = TIERS[random.nextInt(TIERS.length)];
        SimCall call = center.inbound(ani, center.queueNumber(queue), true);
        center.attach(call, Map.of("ivr.choice", choice, "customer.tier", tier));
        center.enqueue(call, queue);
        arrived++;
        scheduleArrival();
    }

    /**
     * A generated caller starts or resumes waiting in a queue: it no longer means to hang up on an agent, and
     * gives up after a patience drawn when it starts waiting (kept across a move between queues).
     */
    void queued(SimCall call) {
        cancelCallerHangUp(call);
        if (call.generated && call.patience == null) {
            call.patience = agenda.after(exp(config.patience()), () -> {
                call.patience = null;
                center.abandon(call);
            });
        }
    }

    // ---------------------------------------------------------------- ringing and answering

    /** A leg rings: an auto agent who is logged in answers after a while, so does an external number. */
    void ringing(SimLeg leg) {
        SimAgent agent = leg.agent;
        if (agent != null) {
            if (!agent.manual && agent.loggedIn()) {
                agent.plan(agenda.after(exp(config.ring()), () -> {
                    agent.planDone();
                    answerIfRinging(leg);
                }));
            }
        } else if (leg.deviceType == DeviceType.EXTERNAL) {
            agenda.after(exp(config.ring()), () -> answerIfRinging(leg));
        }
    }

    private void answerIfRinging(SimLeg leg) {
        if (leg.state == LegState.ALERTING && center.isLive(leg.call)) {
            center.answer(leg);
        }
    }

    /**
     * A leg answered: an auto agent plans the conversation; a generated caller talking to a manual agent hangs
     * up after a while unless the agent ends the call first.
     */
    void answered(SimLeg leg) {
        SimAgent agent = leg.agent;
        if (agent == null) {
            return;
        }
        SimCall call = leg.call;
        if (!agent.manual) {
            cancelCallerHangUp(call);
            planTalk(leg);
            return;
        }
        if (call.generated && call.callerHangUp == null) {
            SimLeg caller = call.caller();
            call.callerHangUp = agenda.after(exp(config.aht()), () -> {
                call.callerHangUp = null;
                if (caller.live() && center.isLive(caller.call)) {
                    center.hangUp(caller, "normal");
                }
            });
        }
    }

    private static void cancelCallerHangUp(SimCall call) {
        if (call.callerHangUp != null) {
            call.callerHangUp.cancel();
            call.callerHangUp = null;
        }
    }

    // ---------------------------------------------------------------- auto agents

    /**
     * An auto agent's conversation with a customer: maybe one hold, then it or the caller hangs up, or it
     * blind-transfers to another queue or consults a colleague and transfers. Internal calls and
     * consultations are just talked through and hung up.
     */
    private void planTalk(SimLeg agentLeg) {
        SimCall call = agentLeg.call;
        long talk = exp(config.aht());
        Ending ending = Ending.AGENT_HANGS_UP;
        if (!call.isConsultation() && call.caller().deviceType == DeviceType.TRUNK) {
            if (random.nextDouble() < config.holdRate()) {
                long holdAt = (long) (talk * random.nextDouble());
                long holdFor = Math.min(exp(MEAN_HOLD_SECONDS), talk - holdAt);
                agenda.after(holdAt, () -> holdCaller(agentLeg, true));
                agenda.after(holdAt + holdFor, () -> holdCaller(agentLeg, false));
            }
            double draw = random.nextDouble();
            boolean callerFirst = random.nextBoolean();
            if (draw < config.transferRate()) {
                ending = Ending.BLIND_TRANSFER;
            } else if (draw < config.transferRate() + config.consultRate()) {
                ending = Ending.CONSULT;
            } else if (callerFirst) {
                ending = Ending.CALLER_HANGS_UP;
            }
        }
        Ending planned = ending;
        agentLeg.agent.plan(agenda.after(talk, () -> {
            agentLeg.agent.planDone();
            finish(agentLeg, planned);
        }));
    }

    /** The auto agent holds or retrieves its caller, as long as it still talks to that caller. */
    private void holdCaller(SimLeg agentLeg, boolean hold) {
        if (agentLeg.state == LegState.CONNECTED && center.isLive(agentLeg.call)) {
            center.setHeld(agentLeg.call.caller(), hold);
        }
    }

    private void finish(SimLeg agentLeg, Ending ending) {
        if (!agentLeg.live()) {
            return;
        }
        SimCall call = agentLeg.call;
        SimLeg caller = call.caller();
        boolean twoParties = agentLeg.state == LegState.CONNECTED && call.parties().size() == 2 && caller.live();
        if (ending == Ending.BLIND_TRANSFER && twoParties && config.queues().size() > 1) {
            List<String> others = new ArrayList<>(config.queues());
            others.remove(call.queue);
            center.blindTransfer(agentLeg, others.get(random.nextInt(others.size())));
        } else if (ending == Ending.CONSULT && twoParties && consult(agentLeg)) {
            return;
        } else if (ending == Ending.CALLER_HANGS_UP && caller.live() && caller != agentLeg) {
            center.hangUp(caller, "normal");
        } else {
            center.hangUp(agentLeg, "normal");
        }
    }

    /** Consults the longest-idle auto colleague, then transfers once the colleague talks, else gives up. */
    private boolean consult(SimLeg agentLeg) {
        SimAgent colleague = center.longestIdle(true);
        if (colleague == null) {
            return false;
        }
        SimCall consult = center.consult(agentLeg, colleague.station);
        long decideAfter = exp(config.ring()) + BRIEFING_MILLIS + exp(MEAN_CONSULT_SECONDS);
        agentLeg.agent.plan(agenda.after(decideAfter, () -> {
            agentLeg.agent.planDone();
            concludeConsult(agentLeg, consult);
        }));
        return true;
    }

    private void concludeConsult(SimLeg agentLeg, SimCall consult) {
        SimCall call = agentLeg.call;
        boolean colleagueTalks = center.isLive(consult) && consult.consulted.state == LegState.CONNECTED;
        if (colleagueTalks && agentLeg.state == LegState.CONNECTED && center.isLive(call) && call.caller().live()) {
            center.completeTransfer(call, consult);
            return;
        }
        center.cancelConsult(call, consult);
        if (agentLeg.live()) {
            center.hangUp(agentLeg, "normal");
        }
    }

    /** After-call work of an auto agent ends after {@code wrapUp} seconds: READY again. */
    void wrappingUp(SimAgent agent) {
        if (agent.manual) {
            return;
        }
        agent.plan(agenda.after(millis(config.wrapUp()), () -> {
            agent.planDone();
            center.agentState(agent, AgentState.READY, "");
        }));
    }

    /** An auto agent sent on a break (NOT_READY by a command) comes back READY after the break time. */
    void onBreak(SimAgent agent) {
        if (agent.manual || config.breakTime() == 0) {
            return;
        }
        agent.plan(agenda.after(millis(config.breakTime()), () -> {
            agent.planDone();
            if (agent.state == AgentState.NOT_READY && agent.idle()) {
                center.agentState(agent, AgentState.READY, "");
            }
        }));
    }

    // ---------------------------------------------------------------- random times

    /** Milliseconds of an exponentially distributed time with the given mean in seconds. */
    private long exp(double meanSeconds) {
        return millis(-meanSeconds * Math.log(1 - random.nextDouble()));
    }

    private static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }
}
