package io.callwire.adapter.asterisk;

import org.asteriskjava.manager.action.AbstractManagerAction;

import java.io.Serial;

/**
 * AMI {@code BlindTransfer} (Asterisk 12+): transfers the parties of {@code channel} to an extension. asterisk-java has
 * no class for it; public only because asterisk-java writes actions through reflection on public getters.
 */
public final class BlindTransferAction extends AbstractManagerAction {
    @Serial
    private static final long serialVersionUID = 1L;
    private final String channel;
    private final String context;
    private final String exten;

    /** The action for {@code channel}, transferring its peer to {@code exten} in {@code context}. */
    public BlindTransferAction(String channel, String context, String exten) {
        this.channel = channel;
        this.context = context;
        this.exten = exten;
    }

    /** {@code BlindTransfer}. */
    @Override
    public String getAction() {
        return "BlindTransfer";
    }

    /** The transferring channel; its bridged peer is transferred. */
    public String getChannel() {
        return channel;
    }

    /** The dialplan context of the destination. */
    public String getContext() {
        return context;
    }

    /** The destination extension. */
    public String getExten() {
        return exten;
    }
}
