// title: Facts of a document
// title_zh: 公文中的事实
// description: Everything read from a document, by kind: appointments, group members, groups, tasks, measures and contacts, with the entity each is about.
// page: document
// param document (text): the document's id (its number, or doc:… for one printed without)
// label class: kind / 类别
// label target: about / 涉及
// label target_class: about (kind) / 涉及类别
MATCH (f)-[:DERIVED_FROM]->(d:Document)
WHERE d.id = $document
OPTIONAL MATCH (f)-[:NAMES]->(a:Person)
OPTIONAL MATCH (m:Person)-[:HAS_MEMBERSHIP]->(f)
OPTIONAL MATCH (f)-[:CONTACT_PERSON]->(c:Person)
WITH f, coalesce(a.id, m.id, c.id) AS person,
     CASE WHEN f.action IS NOT NULL THEN 'Appointment' WHEN f.role IS NOT NULL THEN 'Membership'
          WHEN f.phones IS NOT NULL THEN 'ContactPoint' WHEN f.kind = 'measure' THEN 'Measure'
          WHEN f.kind IS NOT NULL THEN 'Task' ELSE 'LeadingGroup' END AS class
RETURN class, f.name AS name, CASE WHEN person IS NULL THEN class ELSE 'Person' END AS target_class,
       coalesce(person, f.id) AS target, f.line_start AS line_start
ORDER BY line_start, class, name, target
