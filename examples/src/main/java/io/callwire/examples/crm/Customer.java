package io.callwire.examples.crm;

/** A customer of the contact center, found by phone number. Customer data: never logged. */
public record Customer(long id, String phone, String name, String address, String tier) {
    @Override
    public String toString() {
        return "Customer[" + id + "]";
    }
}
