package io.callwire.adapter.asterisk;

import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.event.ResponseEvent;

import java.io.Serial;

/**
 * AMI {@code DeviceStateList} (Asterisk 13+): the state of every device, answered with DeviceStateChange events and
 * a DeviceStateListComplete. asterisk-java has no class for it; public only because asterisk-java reads actions
 * through reflection on public getters.
 */
public final class DeviceStateListAction extends AbstractManagerAction implements EventGeneratingAction {
    @Serial
    private static final long serialVersionUID = 1L;

    /** {@code DeviceStateList}. */
    @Override
    public String getAction() {
        return "DeviceStateList";
    }

    /** The event that ends the list. */
    @Override
    public Class<? extends ResponseEvent> getActionCompleteEventClass() {
        return DeviceStateListCompleteEvent.class;
    }
}
