package io.callwire.recorder.privacy;

/** What the journal does with one kind of personal data before writing it. */
public enum Treatment {
    /** Written as received. */
    KEEP,
    /** Digits replaced by {@code *} except the last few; irreversible. */
    MASK,
    /** AES-GCM encrypted with the configured key; readable again with {@link PersonalDataPolicy#reveal}. */
    ENCRYPT
}
