package io.callwire.core.model;

/** The medium of a piece of work; agents have a capacity per channel. */
public enum Channel {
    /** A phone call: inbound, callback or outbound. */
    VOICE,
    /** A chat conversation; agents often hold several at once. */
    CHAT,
    /** An e-mail to answer. */
    EMAIL,
    /** Back-office work: a work order, a ticket, a form to process. */
    WORK_ITEM
}
