// title: Responsibilities of a unit
// title_zh: 单位的责任
// description: Everything a unit is responsible for, lead first, then the tasks it shares as a co-responsible unit (配合单位).
// param unit (unit): the unit, in any printed form, its full name or English words
MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(t)
WHERE u.id IN $unit
OPTIONAL MATCH (u)-[l:LEADS]->(t)
WITH u, r, t, CASE WHEN l IS NULL THEN 'co-responsible' ELSE 'lead' END AS role
RETURN role, t.doc_number AS doc_number, t.item AS item, t.task AS task, t.kind AS kind,
       r.rank AS rank, t.lead AS lead, t.units AS units,
       t.source_file AS source_file, t.line_start AS line_start, t.line_end AS line_end
ORDER BY role DESC, doc_number, line_start, item
