// title: Who held which post in a unit
// title_zh: 单位任职人员
// description: The holders of the unit's posts on a date (or ever, without one). A tenure without an end is current as of its as_of date, the latest document that mentions it.
// param unit (unit): the unit, in any printed form, its full name or English words
// param date (date, optional): YYYY-MM-DD; empty for every tenure
MATCH (p:Person)-[:HOLDS]->(t:Tenure)-[:OF_POST]->(po:Post)-[:POST_IN]->(u:Unit)
WHERE u.id IN $unit
  AND ($date = '' OR ((t.start_date IS NULL OR t.start_date <= $date)
                      AND (t.end_date IS NULL OR t.end_date > $date)))
RETURN u.id AS unit, po.title AS title, p.name AS person, p.id AS person_id, t.start_date AS start_date,
       t.end_date AS end_date, t.as_of AS as_of
ORDER BY title, coalesce(start_date, ''), person, person_id
