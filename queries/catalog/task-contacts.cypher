// title: Contacts of a task or measure
// title_zh: 任务联系人
// description: The contact points printed for a task or measure: person, phones, e-mail and unit.
// page: task
// label unit: unit / 单位
// param task (text): the task's or measure's id
// label person_id: contact / 联系人
// Once for tasks, once for measures: LadybugDB finds a node by key in one table only (it scans
// both for (t:Task|Measure)). An id is of one or the other (it names the kind), so the rows come
// from one part, in its order.
MATCH (t:Task)-[:HAS_CONTACT]->(c:ContactPoint)
WHERE t.id = $task
OPTIONAL MATCH (c)-[:CONTACT_PERSON]->(p:Person)
OPTIONAL MATCH (c)-[:CONTACT_UNIT]->(u:Unit)
RETURN p.id AS person_id, c.person AS person, c.phones AS phones, c.email AS email, u.id AS unit,
       c.unit AS unit_printed, c.line_start AS line_start
ORDER BY line_start, person
UNION ALL
MATCH (t:Measure)-[:HAS_CONTACT]->(c:ContactPoint)
WHERE t.id = $task
OPTIONAL MATCH (c)-[:CONTACT_PERSON]->(p:Person)
OPTIONAL MATCH (c)-[:CONTACT_UNIT]->(u:Unit)
RETURN p.id AS person_id, c.person AS person, c.phones AS phones, c.email AS email, u.id AS unit,
       c.unit AS unit_printed, c.line_start AS line_start
ORDER BY line_start, person
