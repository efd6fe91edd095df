// title: Contacts for a unit's work
// title_zh: 单位事项联系人
// description: Contact points printed for the tasks and measures the unit leads, and those printed with the unit's name.
// page: unit
// param unit (unit): the unit, in any printed form, its full name or English words
// label task_id: task or measure / 任务或措施
// label person_id: contact / 联系人
MATCH (u:Unit), (c:ContactPoint)
WHERE u.id IN $unit
  AND (EXISTS { MATCH (u)-[:LEADS]->()-[:HAS_CONTACT]->(c) } OR EXISTS { MATCH (c)-[:CONTACT_UNIT]->(u) })
OPTIONAL MATCH (t)-[:HAS_CONTACT]->(c)
OPTIONAL MATCH (c)-[:CONTACT_PERSON]->(p:Person)
RETURN DISTINCT t.id AS task_id, t.item AS item, t.task AS task, p.id AS person_id, c.person AS person,
       c.phones AS phones, c.email AS email, c.line_start AS line_start
ORDER BY line_start, person, task_id
