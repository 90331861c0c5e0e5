package io.callwire.adapter.freeswitch;

import io.netty.handler.codec.DecoderException;

/**
 * The byte stream from the switch broke the Event Socket framing (a header line without a colon, a frame
 * without Content-Type, a bad or oversized Content-Length, an event body with bytes its headers do not
 * account for). Framing cannot be recovered on the same connection: the adapter drops it, reconnects and resyncs.
 */
final class EslProtocolException extends DecoderException {
    private static final long serialVersionUID = 1L;

    EslProtocolException(String message) {
        super(message);
    }
}
