// title: Posts of a unit and their holders
// title_zh: 单位职务及任职人员
// description: Every post in the unit with each holder, current (no end) and past, as tenures derived from appointments.
// page: unit
// param unit (unit): the unit, in any printed form, its full name or English words
// label post_id: post / 职务
// label person_id: holder / 任职人员
MATCH (po:Post)-[:POST_IN]->(u:Unit)
WHERE u.id IN $unit
// The holders one hop at a time, tenures no one holds left out as the two-hop pattern leaves them:
// LadybugDB then reads the holders by key instead of scanning every person.
OPTIONAL MATCH (t:Tenure)-[:OF_POST]->(po)
WHERE EXISTS { MATCH (:Person)-[:HOLDS]->(t) }
OPTIONAL MATCH (p:Person)-[:HOLDS]->(t)
RETURN po.id AS post_id, po.title AS title, p.id AS person_id, p.name AS person, t.start_date AS start_date,
       t.end_date AS end_date, t.as_of AS as_of
ORDER BY title, post_id, coalesce(start_date, ''), person
