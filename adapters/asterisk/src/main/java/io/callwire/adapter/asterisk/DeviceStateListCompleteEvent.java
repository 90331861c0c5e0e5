package io.callwire.adapter.asterisk;

import org.asteriskjava.manager.event.ResponseEvent;

import java.io.Serial;

/**
 * The end of a {@code DeviceStateList} answer. Registered with asterisk-java so that the list completes; public
 * because asterisk-java instantiates events through reflection.
 */
public final class DeviceStateListCompleteEvent extends ResponseEvent {
    @Serial
    private static final long serialVersionUID = 1L;
    private String eventList;
    private Integer listItems;

    /** An event from {@code source}, as asterisk-java creates it. */
    public DeviceStateListCompleteEvent(Object source) {
        super(source);
    }

    /** {@code Complete}. */
    public String getEventList() {
        return eventList;
    }

    /** Set by asterisk-java from the {@code EventList} header. */
    public void setEventList(String eventList) {
        this.eventList = eventList;
    }

    /** How many DeviceStateChange events the list had. */
    public Integer getListItems() {
        return listItems;
    }

    /** Set by asterisk-java from the {@code ListItems} header. */
    public void setListItems(Integer listItems) {
        this.listItems = listItems;
    }
}
