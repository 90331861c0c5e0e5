/**
 * The command API: one sealed vocabulary of commands ({@link io.callwire.core.command.CtiCommand}) that
 * every adapter carries out, the {@link io.callwire.core.command.CtiControl} convenience facade, and the
 * typed errors a command can fail with ({@link io.callwire.core.command.CommandException}).
 */
package io.callwire.core.command;
