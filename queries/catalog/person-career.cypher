// title: A person's career
// title_zh: 个人任职经历
// description: The posts a person held, as tenures derived from appointments and explicit removals, with the documents that started and ended them.
// param person (person): the person's name as printed (陈雷), their id, or an id that a merge folded into it
// Each person looked up by key (`person` parameters arrive as ids: queries.catalog.match_people),
// then walked one hop at a time: Neo4j otherwise starts from every post, LadybugDB joins whole
// tables. Tenures without a post are left out, as the single pattern left them.
UNWIND $person AS id
MATCH (p:Person)
WHERE p.id = id
OPTIONAL MATCH (p)-[:HOLDS]->(t:Tenure)
OPTIONAL MATCH (t)-[:OF_POST]->(po:Post)
WITH p, t, po
WHERE po IS NOT NULL
OPTIONAL MATCH (t)-[:STARTED_BY]->(a:Appointment)
OPTIONAL MATCH (t)-[:ENDED_BY]->(r:Appointment)
RETURN p.id AS person_id, p.name AS person, po.name AS post, po.title AS title,
       t.start_date AS start_date, t.end_date AS end_date, t.as_of AS as_of,
       a.doc_number AS appointed_in, a.note AS note, r.doc_number AS removed_in, r.note AS removal_note
ORDER BY person_id, coalesce(start_date, end_date, ''), post
