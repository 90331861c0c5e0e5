package io.callwire.adapter.freeswitch;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the Event Socket byte stream into {@link EslFrame}s: header lines {@code Name: value} up to a blank
 * line, then exactly {@code Content-Length} bytes of body. Frames larger than {@code maxFrameBytes} and any
 * framing violation raise an {@link EslProtocolException}; after the first one the decoder discards everything
 * (the connection is about to be closed), so one bad frame gives one clear error, not a cascade.
 */
final class EslFrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;
    /** Headers of the frame whose body is awaited, null while reading headers. */
    private Map<String, String> pendingHeaders;
    private int pendingLength;
    /** How far the current header block was already searched for its end, relative to readerIndex. */
    private int scanned;
    private boolean failed;

    EslFrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            while (in.isReadable()) {
                if (pendingHeaders == null && !readHeaders(in)) {
                    return;
                }
                if (in.readableBytes() < pendingLength) {
                    return;
                }
                String body = pendingLength == 0 ? "" : in.readCharSequence(pendingLength, StandardCharsets.UTF_8).toString();
                out.add(new EslFrame(pendingHeaders, body));
                pendingHeaders = null;
                pendingLength = 0;
            }
        } catch (EslProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /** Reads one header block if complete; returns false when more bytes are needed. */
    private boolean readHeaders(ByteBuf in) {
        int start = in.readerIndex();
        int end = findBlankLine(in, start);
        if (end < 0) {
            if (in.readableBytes() > maxFrameBytes) {
                throw new EslProtocolException("ESL header block longer than " + maxFrameBytes
                        + " bytes without a blank line (maxFrameBytes)");
            }
            return false;
        }
        scanned = 0;
        int blockLength = end - start;
        String block = in.toString(start, blockLength, StandardCharsets.UTF_8);
        in.readerIndex(end + 2);
        if (block.isEmpty()) {
            // a stray blank line between frames: FreeSWITCH sends none, but it carries no meaning either
            return in.isReadable() && readHeaders(in);
        }
        Map<String, String> headers = parseHeaders(block);
        if (!headers.containsKey("Content-Type")) {
            throw new EslProtocolException("ESL frame without Content-Type (framing lost, previous Content-Length"
                    + " may have lied); first line: " + firstLine(block));
        }
        pendingLength = contentLength(headers.get("Content-Length"));
        pendingHeaders = headers;
        return true;
    }

    /**
     * Index of the first LF of the first "\n\n" at or after start, or -1. One pass over the new bytes only:
     * the search resumes where the last one stopped (a frame split at every byte costs no rescans), and one
     * {@code forEachByte} per call keeps buffer accesses few (paranoid leak detection records each one).
     */
    private int findBlankLine(ByteBuf in, int start) {
        int from = start + scanned;
        int limit = in.writerIndex();
        if (from >= limit) {
            return -1;
        }
        int second = in.forEachByte(from, limit - from, blankLine);
        if (second < 0) {
            scanned = limit - start;
            return -1;
        }
        blankLine.lastWasLf = false;
        return second - 1;
    }

    private final BlankLineFinder blankLine = new BlankLineFinder();

    /** Stops at the second of two consecutive LFs; remembers a trailing LF between calls. */
    private static final class BlankLineFinder implements ByteProcessor {
        boolean lastWasLf;

        @Override
        public boolean process(byte value) {
            if (value == '\n') {
                if (lastWasLf) {
                    return false;
                }
                lastWasLf = true;
            } else {
                lastWasLf = false;
            }
            return true;
        }
    }

    private int contentLength(String value) {
        if (value == null) {
            return 0;
        }
        long length;
        try {
            length = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new EslProtocolException("ESL Content-Length is not a number: '" + value + "'");
        }
        if (length < 0) {
            throw new EslProtocolException("ESL Content-Length is negative: " + length);
        }
        if (length > maxFrameBytes) {
            throw new EslProtocolException("ESL frame of " + length + " bytes exceeds maxFrameBytes=" + maxFrameBytes);
        }
        return (int) length;
    }

    /** Parses {@code Name: value} lines; values are taken verbatim (outer ESL headers are not URL-encoded). */
    static Map<String, String> parseHeaders(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        int pos = 0;
        while (pos < block.length()) {
            int lf = block.indexOf('\n', pos);
            String line = block.substring(pos, lf < 0 ? block.length() : lf);
            pos = lf < 0 ? block.length() : lf + 1;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new EslProtocolException("ESL header line without 'Name:' : '" + abbreviate(line) + "'");
            }
            String value = line.substring(colon + 1);
            headers.put(line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value);
        }
        return headers;
    }

    private static String firstLine(String block) {
        int lf = block.indexOf('\n');
        return abbreviate(lf < 0 ? block : block.substring(0, lf));
    }

    /** At most 80 characters on one line, for error messages and logs. */
    static String abbreviate(String s) {
        String one = s.replace("\r", "\\r").replace("\n", "\\n");
        return one.length() <= 80 ? one : one.substring(0, 80) + "...";
    }
}
