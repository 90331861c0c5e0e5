package io.callwire.recorder.privacy;

import io.callwire.core.command.AttachData;
import io.callwire.core.command.BlindTransfer;
import io.callwire.core.command.Consult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.MakeCall;
import io.callwire.core.command.Redirect;
import io.callwire.core.command.SubmitTask;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegCreated;
import io.callwire.core.event.RawEvent;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How caller numbers and attached call data are written to the journal: kept, masked or encrypted.
 * Numbers are ANI/DNIS of {@code CallStarted}, the number of {@code LegCreated}, transfer destinations, the
 * destinations of MakeCall, BlindTransfer, Consult and Redirect and the number a SubmitTask dials. Attached data
 * are the values of {@code CallDataChanged}, {@code RawEvent}, MakeCall, AttachData and SubmitTask. When either is not kept, the vendor's raw
 * text in the envelope (which repeats them) is dropped. Ids (call, leg, device, agent) are always kept: replay
 * needs them. Immutable and thread-safe; {@link #toString()} never shows the key.
 */
public final class PersonalDataPolicy {
    private static final String ENCRYPTED_PREFIX = "enc1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final PersonalDataPolicy NONE = new PersonalDataPolicy(Treatment.KEEP, Treatment.KEEP, 0, null);

    private final Treatment numbers;
    private final Treatment attachedData;
    private final int keepLastDigits;
    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private PersonalDataPolicy(Treatment numbers, Treatment attachedData, int keepLastDigits, SecretKey key) {
        this.numbers = numbers;
        this.attachedData = attachedData;
        this.keepLastDigits = keepLastDigits;
        this.key = key;
    }

    /** Keeps everything as received. */
    public static PersonalDataPolicy none() {
        return NONE;
    }

    /**
     * A policy.
     *
     * @param keepLastDigits digits left readable at the end of a masked number (e.g. 2: {@code +******34})
     * @param key            AES key (128 or 256 bit) when either treatment is ENCRYPT, otherwise may be null
     */
    public static PersonalDataPolicy of(Treatment numbers, Treatment attachedData, int keepLastDigits, SecretKey key) {
        Objects.requireNonNull(numbers, "numbers");
        Objects.requireNonNull(attachedData, "attachedData");
        if (keepLastDigits < 0) {
            throw new IllegalArgumentException("keepLastDigits must not be negative");
        }
        if ((numbers == Treatment.ENCRYPT || attachedData == Treatment.ENCRYPT)
                && (key == null || !"AES".equalsIgnoreCase(key.getAlgorithm()))) {
            throw new IllegalArgumentException("ENCRYPT needs an AES key");
        }
        return new PersonalDataPolicy(numbers, attachedData, keepLastDigits, key);
    }

    /** Whether this policy changes anything. */
    public boolean keepsEverything() {
        return numbers == Treatment.KEEP && attachedData == Treatment.KEEP;
    }

    /** The event as it is to be journaled (the same instance when nothing changes). */
    public CtiEvent protect(CtiEvent event) {
        if (keepsEverything()) {
            return event;
        }
        Envelope env = event.envelope().raw() == null ? event.envelope() : event.envelope().withRaw(null);
        if (event instanceof CallStarted e) {
            return new CallStarted(env, e.direction(), number(e.ani()), number(e.dnis()), e.parentCallId());
        } else if (event instanceof LegCreated e) {
            return new LegCreated(env, e.role(), e.initialState(), e.deviceType(), number(e.number()));
        } else if (event instanceof CallTransferred e) {
            return new CallTransferred(env, e.oldCallIds(), e.kind(), e.transferringDeviceId(), number(e.destination()));
        } else if (event instanceof CallDataChanged e) {
            return new CallDataChanged(env, data(e.data()));
        } else if (event instanceof RawEvent e) {
            return new RawEvent(env, e.vendorType(), data(e.fields()));
        }
        return env == event.envelope() ? event : event.withEnvelope(env);
    }

    /** The command as it is to be journaled (the same instance when nothing changes). */
    public CtiCommand protect(CtiCommand command) {
        if (keepsEverything()) {
            return command;
        }
        if (command instanceof MakeCall c) {
            return new MakeCall(c.switchId(), c.fromDevice(), number(c.destination()), data(c.data()));
        } else if (command instanceof AttachData c) {
            return new AttachData(c.callId(), data(c.data()));
        } else if (command instanceof BlindTransfer c) {
            return new BlindTransfer(c.callId(), c.legId(), number(c.destination()));
        } else if (command instanceof Consult c) {
            return new Consult(c.callId(), c.legId(), number(c.destination()));
        } else if (command instanceof Redirect c) {
            return new Redirect(c.callId(), c.legId(), number(c.destination()));
        } else if (command instanceof SubmitTask c) {
            return new SubmitTask(c.taskId(), c.queueId(), c.channel(), c.priority(), number(c.dial()), c.notBefore(),
                    c.replacesCallId(), data(c.data()));
        }
        return command;
    }

    /** The clear text of a value this policy encrypted; any other value is returned as it is. */
    public String reveal(String stored) {
        if (stored == null || !stored.startsWith(ENCRYPTED_PREFIX) || key == null) {
            return stored;
        }
        try {
            byte[] blob = Base64.getUrlDecoder().decode(stored.substring(ENCRYPTED_PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, IV_BYTES));
            byte[] clear = cipher.doFinal(blob, IV_BYTES, blob.length - IV_BYTES);
            return new String(clear, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("value cannot be decrypted with this key", e);
        }
    }

    /** A number as the policy stores it. */
    public String number(String value) {
        return apply(numbers, value);
    }

    private Map<String, String> data(Map<String, String> values) {
        if (attachedData == Treatment.KEEP || values.isEmpty()) {
            return values;
        }
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, v.isEmpty() ? v : apply(attachedData, v)));
        return out;
    }

    private String apply(Treatment treatment, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (treatment) {
            case KEEP -> value;
            case MASK -> mask(value);
            case ENCRYPT -> encrypt(value);
        };
    }

    private String mask(String value) {
        StringBuilder out = new StringBuilder(value);
        int kept = 0;
        for (int i = out.length() - 1; i >= 0; i--) {
            char ch = out.charAt(i);
            if (Character.isLetterOrDigit(ch)) {
                if (kept < keepLastDigits && Character.isDigit(ch)) {
                    kept++;
                } else {
                    out.setCharAt(i, '*');
                }
            }
        }
        return out.toString();
    }

    private String encrypt(String value) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] blob = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, blob, 0, IV_BYTES);
            System.arraycopy(sealed, 0, blob, IV_BYTES, sealed.length);
            return ENCRYPTED_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(blob);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public String toString() {
        return "PersonalDataPolicy[numbers=" + numbers + ", attachedData=" + attachedData + ", keepLastDigits="
                + keepLastDigits + ", key=" + (key == null ? "none" : "***") + "]";
    }
}
