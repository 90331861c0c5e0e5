/**
 * The adapter SPI: how a switch connection becomes a stream of normalized events and carries out commands.
 * Providers are found with {@link java.util.ServiceLoader} by URI scheme; see docs/adapter-spi.md.
 */
package io.callwire.core.spi;
