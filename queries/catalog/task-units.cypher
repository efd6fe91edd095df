// title: Units of a task or measure
// title_zh: 任务的责任单位
// description: The responsible units in printed order, the lead marked, with the form each was printed in.
// page: task
// label unit: unit / 单位
// param task (text): the task's or measure's id
// label is_lead: lead / 牵头
MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(t:Task|Measure)
WHERE t.id = $task
OPTIONAL MATCH (l:Unit)-[:LEADS]->(t)
WHERE l.id = u.id
RETURN r.rank AS rank, u.id AS unit, r.printed AS printed, l.id IS NOT NULL AS is_lead
ORDER BY rank, unit
