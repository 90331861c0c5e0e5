package io.callwire.recorder;

import io.callwire.core.command.CtiCommand;

/** A host command as the journal recorded it, at its ring sequence, before the engine checked it. */
public record CommandEntry(long index, long sequence, CtiCommand command) implements JournalEntry {
}
