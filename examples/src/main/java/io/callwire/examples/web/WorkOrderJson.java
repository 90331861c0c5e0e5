package io.callwire.examples.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callwire.examples.crm.WorkOrder;

/** The JSON form of a work order in the API and the screen pop. */
final class WorkOrderJson {
    private WorkOrderJson() {
    }

    static ObjectNode of(ObjectMapper json, WorkOrder o) {
        return json.createObjectNode().put("id", o.id()).put("callId", o.callId()).put("phone", o.phone())
                .put("category", o.category().label()).put("priority", o.priority().label()).put("status", o.status())
                .put("notes", o.notes()).put("agentId", o.agentId()).put("createdAt", o.createdAt())
                .put("deadlineAt", o.deadlineAt()).put("escalatedAt", o.escalatedAt()).put("closedAt", o.closedAt());
    }
}
