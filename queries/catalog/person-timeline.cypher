// title: A person's appointments and removals
// title_zh: 个人任免时间线
// description: Every appointment and removal naming the person, in date order, with the document that printed it.
// page: person
// param person (text): the person's id
// label post_id: post / 职务
// label doc_id: document / 公文
MATCH (a:Appointment)-[:NAMES]->(p:Person)
WHERE p.id = $person
OPTIONAL MATCH (a)-[:FOR_POST]->(po:Post)
OPTIONAL MATCH (a)-[:DERIVED_FROM]->(d:Document)
RETURN a.date AS date, a.action AS action, po.id AS post_id, a.position AS position, a.implied AS implied,
       a.note AS note, d.id AS doc_id, a.source_file AS source_file, a.line_start AS line_start,
       a.line_end AS line_end
ORDER BY coalesce(date, ''), line_start, action
