// title: Documents
// title_zh: 公文列表
// description: Every official document, with its number, title, issuer, signing date and the document that forwards it.
MATCH (d:Document)
RETURN d.doc_number AS doc_number, d.title AS title, d.issuer AS issuer, d.date AS date,
       d.parent AS parent, d.source_file AS source_file, d.line_start AS line_start, d.line_end AS line_end
ORDER BY source_file, line_start
