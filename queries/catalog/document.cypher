// title: A document
// title_zh: 公文概况
// description: A document's number, title, issuer, date, the document that forwards it and its printed lines.
// page: document
// param document (text): the document's id (its number, or doc:… for one printed without)
// label doc_id: document / 公文
// label issuer_unit: issuer / 发文机关
// label parent_id: forwarded or attached by / 所属文件
MATCH (d:Document)
WHERE d.id = $document
OPTIONAL MATCH (d)-[:ISSUED_BY]->(u:Unit)
OPTIONAL MATCH (d)-[:PART_OF]->(up:Document)
RETURN d.id AS doc_id, d.doc_number AS doc_number, d.title AS title, d.issuer AS issuer, u.id AS issuer_unit,
       d.date AS date, up.id AS parent_id, d.source_file AS source_file, d.line_start AS line_start,
       d.line_end AS line_end
