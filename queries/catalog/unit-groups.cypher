// title: Groups with a member from a unit
// title_zh: 单位人员参加的议事协调机构
// description: The leading groups, commands and committees in which someone sits by a post of this unit.
// page: unit
// param unit (unit): the unit, in any printed form, its full name or English words
// label group_id: group / 议事协调机构
// label person_id: member / 成员
MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m:Membership)-[:POSITION_IN]->(u:Unit)
WHERE u.id IN $unit
MATCH (m)-[:IN_GROUP]->(g:LeadingGroup)
RETURN g.id AS group_id, m.role AS role, p.id AS person_id, p.name AS person, m.position AS position,
       m.line_start AS line_start
ORDER BY group_id, line_start, person
