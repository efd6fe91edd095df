// title: Who is responsible for …
// title_zh: 谁负责
// description: Tasks and measures whose text mentions the keyword, with their lead unit, every responsible unit in printed order and the contact points.
// param keyword (text): a word of the task, e.g. 燃气 or 电梯
MATCH (lead:Unit)-[:LEADS]->(t:Task|Measure)
WHERE t.task CONTAINS $keyword
OPTIONAL MATCH (t)-[:HAS_CONTACT]->(c:ContactPoint)
RETURN t.doc_number AS doc_number, t.item AS item, t.task AS task, lead.id AS lead,
       t.units AS units, c.person AS contact, c.phones AS phones, c.email AS email,
       t.source_file AS source_file, t.line_start AS line_start, t.line_end AS line_end
ORDER BY doc_number, line_start, item, coalesce(c.line_start, 0), coalesce(contact, '')
