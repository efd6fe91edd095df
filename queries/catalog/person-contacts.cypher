// title: What a person is the contact for
// title_zh: 个人负责联系的事项
// description: The tasks and measures that print the person as their contact, with the phones printed.
// page: person
// param person (text): the person's id
// label task_id: contact for / 联系事项
// label doc_id: document / 公文
MATCH (t)-[:HAS_CONTACT]->(c:ContactPoint)-[:CONTACT_PERSON]->(p:Person)
WHERE p.id = $person
OPTIONAL MATCH (c)-[:DERIVED_FROM]->(d:Document)
RETURN t.id AS task_id, c.phones AS phones, c.email AS email, d.id AS doc_id, c.line_start AS line_start
ORDER BY line_start, task_id
