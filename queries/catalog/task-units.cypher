// title: Units of a task or measure
// title_zh: 任务的责任单位
// description: The responsible units in printed order, the lead marked, with the form each was printed in.
// page: task
// label unit: unit / 单位
// param task (text): the task's or measure's id
// label is_lead: lead / 牵头
// Once for tasks, once for measures: LadybugDB finds a node by key in one table only (it scans
// both for (t:Task|Measure)). An id is of one or the other (it names the kind), so the rows come
// from one part, in its order.
// Whether the unit leads: the LEADS edge between the two nodes at hand, not every edge of the task.
MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE t.id = $task
OPTIONAL MATCH (u)-[l:LEADS]->(t)
RETURN r.rank AS rank, u.id AS unit, r.printed AS printed, l IS NOT NULL AS is_lead
ORDER BY rank, unit
UNION ALL
MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(t:Measure)
WHERE t.id = $task
OPTIONAL MATCH (u)-[l:LEADS]->(t)
RETURN r.rank AS rank, u.id AS unit, r.printed AS printed, l IS NOT NULL AS is_lead
ORDER BY rank, unit
