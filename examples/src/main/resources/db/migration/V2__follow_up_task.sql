-- A follow-up is handed to the ACD as a routing task (SubmitTask), so the row names the task, not a call.
ALTER TABLE follow_up RENAME COLUMN call_id TO task_id;
