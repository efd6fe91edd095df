// title: A unit
// title_zh: 单位概况
// description: The unit's full name, every printed form, its English name and the unit it is part of.
// page: unit
// param unit (unit): the unit, in any printed form, its full name or English words
// label part_of: part of / 上级单位
MATCH (u:Unit)
WHERE u.id IN $unit
OPTIONAL MATCH (u)-[:SUB_ORGANIZATION_OF]->(up:Unit)
RETURN u.id AS unit, u.aliases AS aliases, u.name_en AS name_en, up.id AS part_of
ORDER BY unit
