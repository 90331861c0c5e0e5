package io.callwire.recorder;

/**
 * When the journal forces its writes to the disk. Every mode survives a crash of the JVM (entries are in
 * memory-mapped files the kernel owns); the modes differ in what survives a crash of the machine or a power
 * loss, and in what each entry costs. See docs/recorder.md for the measured trade-off.
 */
public enum Durability {
    /** msync after every entry: nothing acknowledged is lost even on power loss; slowest. */
    PER_EVENT,
    /** msync once per ring batch ({@code endOfBatch}): at most one batch lost on power loss. */
    BATCHED,
    /** never msync; the kernel writes back in its own time: fastest, survives JVM crashes only. */
    ASYNC
}
