/**
 * The normalized call model shared by every switch: {@link io.callwire.core.model.Call calls} made of
 * {@link io.callwire.core.model.Leg legs} on {@link io.callwire.core.model.Device devices}, plus
 * {@link io.callwire.core.model.Agent agents} and {@link io.callwire.core.model.Queue queues}.
 * The types here are immutable views; the engine's single writer owns the live state.
 */
package io.callwire.core.model;
