package io.callwire.examples.crm;

import java.util.List;
import java.util.Optional;

/** What the CRM knows about a caller before the agent answers: the customer, recent calls, open orders. */
public record ScreenPop(Optional<Customer> customer, List<CallRecord> previousCalls, List<WorkOrder> openWorkOrders) {
    public ScreenPop {
        previousCalls = List.copyOf(previousCalls);
        openWorkOrders = List.copyOf(openWorkOrders);
    }

    /** Nothing known: no customer, no history. */
    public static ScreenPop unknown() {
        return new ScreenPop(Optional.empty(), List.of(), List.of());
    }
}
