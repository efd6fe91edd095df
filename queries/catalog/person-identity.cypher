// title: Why mentions are one person
// title_zh: 人员身份依据
// description: A person's id, the other ids that resolve to it, each link that joined their mentions (the rule and the two items it rests on) and the reviewers' judgements about them.
// param person (person): the person's name as printed, their id, or an id that a merge folded into it
UNWIND $person AS id
MATCH (p:Person)
WHERE p.id = id
OPTIONAL MATCH (j:Judgement)-[:ABOUT]->(p)
RETURN p.id AS person_id, p.name AS person, p.alternate_ids AS alternate_ids, p.evidence AS evidence,
       collect(j.name) AS judgements
ORDER BY person_id
