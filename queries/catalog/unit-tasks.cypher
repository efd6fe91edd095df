// title: Tasks of a unit, with the units it shares them with
// title_zh: 单位的任务及配合单位
// description: Every task and measure the unit leads or shares, one row per other responsible unit (none: a row without one).
// page: unit
// param unit (unit): the unit, in any printed form, its full name or English words
// label task_id: task / 任务
// label role: role / 角色
// label other: other responsible unit / 其他责任单位
// label other_lead: other unit leads / 其他单位牵头
MATCH (u:Unit)-[:RESPONSIBLE_FOR]->(t)
WHERE u.id IN $unit
// The tasks first, each once: LadybugDB then expands the OPTIONAL MATCHes below from them rather than
// joining whole relationship tables; other_lead is the LEADS edge between the two nodes at hand.
WITH DISTINCT t
OPTIONAL MATCH (l:Unit)-[:LEADS]->(t)
OPTIONAL MATCH (o:Unit)-[:RESPONSIBLE_FOR]->(t)
WHERE NOT o.id IN $unit
OPTIONAL MATCH (o)-[ol:LEADS]->(t)
RETURN DISTINCT CASE WHEN l.id IN $unit THEN 'lead' ELSE 'co-responsible' END AS role, t.id AS task_id,
       t.doc_number AS doc_number, t.item AS item, t.task AS task, t.kind AS kind, o.id AS other,
       ol IS NOT NULL AS other_lead, t.line_start AS line_start
ORDER BY role DESC, doc_number, line_start, item, other
