package io.callwire.examples.crm;

/** A CRM operation failed: the database refused or the record is not in a state that allows it. */
public final class CrmException extends RuntimeException {
    public CrmException(String message, Throwable cause) {
        super(message, cause);
    }
}
