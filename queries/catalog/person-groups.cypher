// title: A person's seats in groups
// title_zh: 个人参加的议事协调机构
// description: The groups the person sits in, with the role and the post printed beside the name.
// page: person
// param person (text): the person's id
// label group_id: group / 议事协调机构
// label doc_id: document / 公文
MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_GROUP]->(g:LeadingGroup)
WHERE p.id = $person
OPTIONAL MATCH (m)-[:DERIVED_FROM]->(d:Document)
RETURN g.id AS group_id, m.role AS role, m.position AS position, d.id AS doc_id, m.line_start AS line_start
ORDER BY line_start, group_id
