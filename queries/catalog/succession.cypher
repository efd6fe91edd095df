// title: Succession in a post
// title_zh: 职务更替
// description: The holders of a post in order, with the documents that appointed and removed them; people of one name are told apart by their ids.
// param post (text): words of the post, e.g. 东四街道办事处主任
MATCH (p:Person)-[:HOLDS]->(t:Tenure)-[:OF_POST]->(po:Post)
WHERE po.name CONTAINS $post OR po.id = $post
OPTIONAL MATCH (t)-[:STARTED_BY]->(a:Appointment)
OPTIONAL MATCH (t)-[:ENDED_BY]->(r:Appointment)
RETURN po.name AS post, p.name AS person, p.id AS person_id, t.start_date AS start_date, t.end_date AS end_date,
       t.as_of AS as_of, a.doc_number AS appointed_in, r.doc_number AS removed_in
ORDER BY post, coalesce(start_date, end_date, ''), person, person_id
