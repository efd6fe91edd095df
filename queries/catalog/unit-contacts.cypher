// title: Contacts for a unit's work
// title_zh: 单位事项联系人
// description: Contact points printed for the tasks and measures the unit leads, and those printed with the unit's name.
// page: unit
// param unit (unit): the unit, in any printed form, its full name or English words
// label task_id: task or measure / 任务或措施
// label person_id: contact / 联系人
// The contact points are gathered by walking from the unit (never by pairing it with every one),
// as ids, then looked up by key; only non-optional walks here, which LadybugDB expands from the
// nodes already bound (an OPTIONAL MATCH reads the whole relationship table).
MATCH (u:Unit)-[:LEADS]->()-[:HAS_CONTACT]->(c:ContactPoint)
WHERE u.id IN $unit
WITH collect(c.id) AS led
MATCH (u:Unit)
WHERE u.id IN $unit
OPTIONAL MATCH (c:ContactPoint)-[:CONTACT_UNIT]->(u)
WITH led, collect(c.id) AS named
UNWIND led + named AS id
MATCH (c:ContactPoint)
WHERE c.id = id
OPTIONAL MATCH (t)-[:HAS_CONTACT]->(c)
OPTIONAL MATCH (c)-[:CONTACT_PERSON]->(p:Person)
RETURN DISTINCT t.id AS task_id, t.item AS item, t.task AS task, p.id AS person_id, c.person AS person,
       c.phones AS phones, c.email AS email, c.line_start AS line_start
ORDER BY line_start, person, task_id
