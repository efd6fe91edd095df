// title: Posts a person held
// title_zh: 个人担任的职务
// description: The person's tenures: the post, its unit, when it started and ended, and as of when an open one is known.
// page: person
// label unit: unit / 单位
// param person (text): the person's id
// label post_id: post / 职务
MATCH (p:Person)-[:HOLDS]->(t:Tenure)-[:OF_POST]->(po:Post)
WHERE p.id = $person
OPTIONAL MATCH (po)-[:POST_IN]->(u:Unit)
RETURN po.id AS post_id, u.id AS unit, t.start_date AS start_date, t.end_date AS end_date, t.as_of AS as_of
ORDER BY coalesce(start_date, end_date, ''), post_id
