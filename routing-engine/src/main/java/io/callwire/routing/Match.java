package io.callwire.routing;

/**
 * A routing decision before it takes effect: the waiting task of a queue and the available agent it is to be
 * offered to. Filled by the router's choice and read at once; one instance is reused, so choosing allocates
 * nothing.
 */
final class Match {
    QueueState queue;
    Task task;
    RoutedAgent agent;

    void set(QueueState queue, Task task, RoutedAgent agent) {
        this.queue = queue;
        this.task = task;
        this.agent = agent;
    }
}
