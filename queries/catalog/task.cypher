// title: A task or measure
// title_zh: 任务或措施
// description: The text of a task or measure with its document and printed lines.
// page: task
// param task (text): the task's or measure's id
// label doc_id: document / 公文
// Once for tasks, once for measures: LadybugDB finds a node by key in one table only (it scans
// both for (t:Task|Measure)). An id is of one or the other (it names the kind), so the rows come
// from one part, in its order.
MATCH (t:Task)-[:DERIVED_FROM]->(d:Document)
WHERE t.id = $task
RETURN t.item AS item, t.task AS task, t.kind AS kind, t.lead AS lead, d.id AS doc_id, t.source_file AS source_file,
       t.line_start AS line_start, t.line_end AS line_end
UNION ALL
MATCH (t:Measure)-[:DERIVED_FROM]->(d:Document)
WHERE t.id = $task
RETURN t.item AS item, t.task AS task, t.kind AS kind, t.lead AS lead, d.id AS doc_id, t.source_file AS source_file,
       t.line_start AS line_start, t.line_end AS line_end
