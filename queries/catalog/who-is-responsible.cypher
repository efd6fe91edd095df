// title: Who is responsible for …
// title_zh: 谁负责
// description: Tasks, then measures, whose text mentions the keyword, each with its lead unit, every responsible unit in printed order and the contact points.
// param keyword (task): a word of the task, e.g. 燃气 or 电梯
// The keyword arrives as the ids of the tasks and measures whose text holds it
// (queries.catalog.match_tasks): LadybugDB reads every property a query returns for every row of a
// table it scans, before it filters. Each is then looked up by key, once for tasks and once for
// measures (LadybugDB finds a node by key in one table only), and its lead found from it (a MATCH
// of the lead would start both stores from every LEADS edge).
UNWIND $keyword AS id
MATCH (t:Task)
WHERE t.id = id
OPTIONAL MATCH (lead:Unit)-[:LEADS]->(t)
WITH t, lead
WHERE lead IS NOT NULL
OPTIONAL MATCH (t)-[:HAS_CONTACT]->(c:ContactPoint)
RETURN t.doc_number AS doc_number, t.item AS item, t.task AS task, lead.id AS lead,
       t.units AS units, c.person AS contact, c.phones AS phones, c.email AS email,
       t.source_file AS source_file, t.line_start AS line_start, t.line_end AS line_end
ORDER BY doc_number, line_start, item, coalesce(c.line_start, 0), coalesce(contact, '')
UNION ALL
UNWIND $keyword AS id
MATCH (t:Measure)
WHERE t.id = id
OPTIONAL MATCH (lead:Unit)-[:LEADS]->(t)
WITH t, lead
WHERE lead IS NOT NULL
OPTIONAL MATCH (t)-[:HAS_CONTACT]->(c:ContactPoint)
RETURN t.doc_number AS doc_number, t.item AS item, t.task AS task, lead.id AS lead,
       t.units AS units, c.person AS contact, c.phones AS phones, c.email AS email,
       t.source_file AS source_file, t.line_start AS line_start, t.line_end AS line_end
ORDER BY doc_number, line_start, item, coalesce(c.line_start, 0), coalesce(contact, '')
