// title: Facts of a document
// title_zh: 公文中的事实
// description: Everything read from a document, by kind: appointments, group members, groups, tasks, measures and contacts, with the entity each is about.
// page: document
// param document (text): the document's id (its number, or doc:… for one printed without)
// label class: kind / 类别
// label target: about / 涉及
// label target_class: about (kind) / 涉及类别
MATCH (f:Appointment)-[:DERIVED_FROM]->(d:Document)
WHERE d.id = $document
MATCH (f)-[:NAMES]->(p:Person)
RETURN 'Appointment' AS class, f.name AS name, 'Person' AS target_class, p.id AS target, f.line_start AS line_start
UNION ALL
MATCH (f:Membership)-[:DERIVED_FROM]->(d:Document)
WHERE d.id = $document
MATCH (p:Person)-[:HAS_MEMBERSHIP]->(f)
RETURN 'Membership' AS class, f.name AS name, 'Person' AS target_class, p.id AS target, f.line_start AS line_start
UNION ALL
MATCH (f:LeadingGroup)-[:DERIVED_FROM]->(d:Document)
WHERE d.id = $document
RETURN 'LeadingGroup' AS class, f.name AS name, 'LeadingGroup' AS target_class, f.id AS target,
       f.line_start AS line_start
UNION ALL
MATCH (f:Task)-[:DERIVED_FROM]->(d:Document)
WHERE d.id = $document
RETURN 'Task' AS class, f.name AS name, 'Task' AS target_class, f.id AS target, f.line_start AS line_start
UNION ALL
MATCH (f:Measure)-[:DERIVED_FROM]->(d:Document)
WHERE d.id = $document
RETURN 'Measure' AS class, f.name AS name, 'Measure' AS target_class, f.id AS target, f.line_start AS line_start
UNION ALL
MATCH (f:ContactPoint)-[:DERIVED_FROM]->(d:Document)
WHERE d.id = $document
MATCH (f)-[:CONTACT_PERSON]->(p:Person)
RETURN 'ContactPoint' AS class, f.name AS name, 'Person' AS target_class, p.id AS target, f.line_start AS line_start
