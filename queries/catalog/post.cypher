// title: Holders of a post
// title_zh: 职务任职人员
// description: The post's unit and its holders in order, with the documents that appointed and removed them.
// page: post
// label unit: unit / 单位
// param post (text): the post's id
// label person_id: holder / 任职人员
// label appointed_in: appointed in / 任职文件
// label removed_in: removed in / 免职文件
MATCH (po:Post)
WHERE po.id = $post
OPTIONAL MATCH (po)-[:POST_IN]->(u:Unit)
// The holders one hop at a time, tenures no one holds left out as the two-hop pattern leaves them:
// LadybugDB then reads the holders by key instead of scanning every person.
OPTIONAL MATCH (t:Tenure)-[:OF_POST]->(po)
WHERE EXISTS { MATCH (:Person)-[:HOLDS]->(t) }
OPTIONAL MATCH (p:Person)-[:HOLDS]->(t)
OPTIONAL MATCH (t)-[:STARTED_BY]->(:Appointment)-[:DERIVED_FROM]->(a:Document)
OPTIONAL MATCH (t)-[:ENDED_BY]->(:Appointment)-[:DERIVED_FROM]->(r:Document)
RETURN po.name AS post, po.title AS title, u.id AS unit, p.id AS person_id, t.start_date AS start_date,
       t.end_date AS end_date, t.as_of AS as_of, a.id AS appointed_in, r.id AS removed_in
ORDER BY coalesce(start_date, end_date, ''), person_id
