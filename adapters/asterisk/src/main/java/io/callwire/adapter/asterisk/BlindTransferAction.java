package io.callwire.adapter.asterisk;

import org.asteriskjava.manager.action.AbstractManagerAction;

import java.io.Serial;

/** AMI {@code BlindTransfer} (Asterisk 12+): transfers the parties of {@code channel} to an extension. asterisk-java has no class for it. */
final class BlindTransferAction extends AbstractManagerAction {
    @Serial
    private static final long serialVersionUID = 1L;
    private final String channel;
    private final String context;
    private final String exten;

    BlindTransferAction(String channel, String context, String exten) {
        this.channel = channel;
        this.context = context;
        this.exten = exten;
    }

    @Override
    public String getAction() {
        return "BlindTransfer";
    }

    public String getChannel() {
        return channel;
    }

    public String getContext() {
        return context;
    }

    public String getExten() {
        return exten;
    }
}
