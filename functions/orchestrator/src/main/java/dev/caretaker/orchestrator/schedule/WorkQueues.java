package dev.caretaker.orchestrator.schedule;

import dev.caretaker.work.WorkItem;
import java.util.List;

/** Port: hands work items to the queue of the worker for their job type. */
public interface WorkQueues {

    void send(List<WorkItem> items);
}
