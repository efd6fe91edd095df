// title: A group's members by role
// title_zh: 机构成员（按职责）
// description: The members of a leading group, command or committee in printed order, with role, post and unit.
// page: group
// label unit: unit / 单位
// param group_id (text): the group's id (its name as printed in full)
// label person_id: member / 成员
// label doc_id: document / 公文
MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_GROUP]->(g:LeadingGroup)
WHERE g.id = $group_id
OPTIONAL MATCH (m)-[:POSITION_IN]->(u:Unit)
OPTIONAL MATCH (m)-[:DERIVED_FROM]->(d:Document)
RETURN m.role AS role, p.id AS person_id, m.position AS position, u.id AS unit, d.id AS doc_id,
       m.source_file AS source_file, m.line_start AS line_start, m.line_end AS line_end
ORDER BY line_start, person_id
