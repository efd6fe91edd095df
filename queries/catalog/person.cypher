// title: A person
// title_zh: 人员概况
// description: The person's name as printed and why govkg takes the mentions for one person.
// page: person
// param person (text): the person's id
// label person_id: person / 人员
MATCH (p:Person)
WHERE p.id = $person
RETURN p.id AS person_id, p.name AS person, p.evidence AS evidence
