// title: Tasks led by a unit
// title_zh: 单位牵头的任务
// description: Every task, table row, work group and measure whose lead (牵头单位, else the first responsible unit) is the unit.
// param unit (unit): the unit, in any printed form (区应急局), its full name or English words ("emergency bureau")
MATCH (u:Unit)-[:LEADS]->(t)
WHERE u.id IN $unit
RETURN t.doc_number AS doc_number, t.item AS item, t.task AS task, t.kind AS kind,
       u.id AS lead, t.units AS units,
       t.source_file AS source_file, t.line_start AS line_start, t.line_end AS line_end
ORDER BY doc_number, line_start, item
