// title: Members of a group
// title_zh: 机构组成人员
// description: The people listed in a leading group, command or committee, with their role and the post printed beside their name.
// param group_name (text): words of the group's name, e.g. 人口普查
MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_GROUP]->(g:LeadingGroup)
WHERE g.name CONTAINS $group_name
RETURN g.name AS group_name, m.role AS role, p.name AS person, m.position AS position,
       m.doc_number AS doc_number, m.source_file AS source_file, m.line_start AS line_start, m.line_end AS line_end
ORDER BY group_name, line_start, person
