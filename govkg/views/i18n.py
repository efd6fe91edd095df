"""Every word the dashboard shows, in Chinese and in English.

Names of classes, relationships and properties come from the ontology's
rdfs:label, titles and column labels of questions from the catalog; only the
words of the dashboard itself (buttons, headings, notices) are spelled out
here. A visitor never sees an identifier such as `doc_number` or `LEADS`.
"""

from __future__ import annotations

import re

from graph.schema import load as load_schema
from queries.catalog import Query

LANGS = ("en", "zh")

UI: dict[str, tuple[str, str]] = {  # key → (English, 中文)
    "app": ("govkg · government gazettes graph", "govkg · 政务知识图谱"),
    "language": ("Language", "语言"),
    "search": ("Search", "搜索"),
    "search_box": ("Search units, people, posts, groups, tasks, documents", "搜索单位、人员、职务、机构、任务、公文"),
    "ask": ("Questions", "查询"),
    "console": ("Cypher console", "Cypher 控制台"),
    "store": ("Store", "数据库"),
    "store_where": ("{name} in {where}", "{name}：{where}"),
    "empty_store": ("This store holds no gazette yet. Ingest one, then reload this page:",
                    "数据库中还没有公报。请先导入，然后刷新本页："),
    "kind": ("Kind", "类别"),
    "count": ("Count", "数量"),
    "rows": ("{n} rows", "{n} 行"),
    "question": ("Question", "问题"),
    "fill_params": ("Fill in the parameters to run the question.", "请填写参数后查询。"),
    "download_csv": ("CSV", "CSV"),
    "download_json": ("JSON", "JSON"),
    "sources": ("Sources of {n} rows (原文)", "{n} 行的原文"),
    "no_printed": ("No printed text: the store holds only the gazettes govkg ingested itself.",
                   "没有原文：数据库只保存 govkg 自己导入的公报文本。"),
    "lines": ("lines {start}–{end}", "第 {start}–{end} 行"),
    "not_found": ("No {kind} with this id in the store.", "数据库中没有这个{kind}。"),
    "unknown_name": ("{text!r} is not a name the store knows.", "数据库中没有名为 {text!r} 的对象。"),
    "did_you_mean": ("Nearest known names:", "最接近的名称："),
    "english_hint": ("Task texts are Chinese; English words match them only through the glossary ({words}).",
                     "任务内容是中文；英文词只能通过词汇表匹配（{words}）。"),
    "no_gloss": ("no gloss for {words}", "词汇表中没有 {words}"),
    "via_gloss": ("{word} → {zh}", "{word} → {zh}"),
    "results": ("Results: {n}", "结果：{n}"),
    "facet_kind": ("Kind", "类别"),
    "facet_doc": ("Document", "公文"),
    "matched_by": ("Matched on", "匹配内容"),
    "names": ("Names", "名称"),
    "printed_forms": ("Printed forms", "简称及原文名称"),
    "english_name": ("English", "英文名称"),
    "part_of": ("Part of", "上级单位"),
    "tasks_led": ("Tasks it leads ({n})", "牵头的任务（{n}）"),
    "tasks_shared": ("Tasks it shares ({n})", "配合的任务（{n}）"),
    "co_units": ("with", "配合单位"),
    "posts_holders": ("Posts and holders", "职务及任职人员"),
    "groups": ("Groups", "议事协调机构"),
    "contacts": ("Contacts", "联系人"),
    "no_contact": ("This {kind} prints no contact. Call the lead unit:", "该{kind}未印联系人。请联系牵头单位："),
    "no_contact_no_lead": ("This {kind} prints no contact and no lead unit.", "该{kind}未印联系人，也没有牵头单位。"),
    "units_of_task": ("Responsible units", "责任单位"),
    "timeline": ("Timeline of appointments and removals", "任免时间线"),
    "posts_held": ("Posts held", "担任的职务"),
    "memberships": ("Seats in groups", "参加的议事协调机构"),
    "contact_for": ("Contact for", "负责联系的事项"),
    "members_by_role": ("Members by role", "成员（按职责）"),
    "facts_by_kind": ("Facts read from this document", "公文中的事实"),
    "text": ("Text", "原文"),
    "holders": ("Holders", "任职人员"),
    "picture": ("Graph", "关系图"),
    "picture_cap": ("The picture shows {shown} of {total} neighbours; the tables above list them all.",
                    "图中显示 {total} 个相邻对象中的 {shown} 个；上方表格列出全部。"),
    "picture_help": ("Click a node to show its neighbours, double-click to open its page (new tab).",
                     "单击节点展开其相邻对象，双击打开其页面（新标签页）。"),
    "nothing_here": ("None printed.", "未见记载。"),
    "appoint": ("appointed", "任命"),
    "remove": ("removed", "免去"),
    "implied": ("(removed with the new appointment)", "（自然免去）"),
    "lead": ("lead", "牵头"),
    "co-responsible": ("co-responsible", "配合"),
    "yes": ("yes", "是"),
    "run": ("Run", "运行"),
    "examples": ("Examples", "示例"),
    "schema": ("Schema", "模式"),
    "labels": ("Node labels", "节点类型"),
    "rel_types": ("Relationship types", "关系类型"),
    "console_limits": ("Read-only Cypher, one statement of read clauses: {limits}.",
                       "只读 Cypher，一条只含读取子句的语句：{limits}。"),
    "truncated": ("The first {n} rows only: the console's row limit.", "仅显示前 {n} 行：控制台的行数上限。"),
    "error_readonly": ("The console only reads: this statement would change the store or touch files.",
                       "控制台只读：该语句会修改数据库或访问文件。"),
    "error_timeout": ("The query ran past the time limit and was stopped.", "查询超过时间限制，已停止。"),
    "error_syntax": ("The statement is not Cypher that this store can read.", "该语句不是此数据库能读懂的 Cypher。"),
    "error_unknown": ("The statement names a label, relationship or property the store does not have.",
                      "该语句使用了数据库中没有的类型、关系或属性。"),
    "error_other": ("The store could not run this statement.", "数据库无法运行该语句。"),
    "engine_says": ("The engine said:", "数据库原文提示："),
    "server_error": ("Something went wrong on the server; the details are in its log.", "服务器出错，详情见其日志。"),
}

VALUES = {  # stored vocabulary → (English, 中文)
    "appoint": UI["appoint"], "remove": UI["remove"], "lead": UI["lead"], "co-responsible": UI["co-responsible"],
    "task": ("task", "任务"), "row": ("table row", "表格行"), "group": ("work group", "工作组"),
    "measure": ("measure", "措施"),
}

_PAREN = re.compile(r"\s*[（(][^）)]*[）)]\s*$")


def t(key: str, lang: str, **fmt: object) -> str:
    """The dashboard's own words for `key`."""
    text = UI[key][LANGS.index(lang)]
    return text.format(**fmt) if fmt else text


def short(label: str) -> str:
    """A label without its trailing explanation in brackets: a column header, not a definition."""
    return _PAREN.sub("", label)


def class_label(label: str, lang: str) -> str:
    node = load_schema().node(label)
    return node.label_zh if lang == "zh" else node.label_en


def rel_label(type_: str, lang: str) -> str:
    rel = load_schema().rel(type_)
    return rel.label_zh if lang == "zh" else rel.label_en


def _property_labels() -> dict[str, tuple[str, str]]:
    schema = load_schema()
    out = {}
    for owner in (*schema.nodes, *schema.rels):
        for p in owner.properties:
            out.setdefault(p.name, (p.label_en, p.label_zh))
    return out


def column_label(column: str, lang: str, query: Query | None = None) -> str:
    """A column or parameter by the catalog's label for it, else the ontology's, else its class's."""
    schema = load_schema()
    classes = {n.label.lower(): (n.label_en, n.label_zh) for n in schema.nodes}
    pair = ((query.labels.get(column) if query else None) or _property_labels().get(column)
            or classes.get(column) or classes.get(column.removesuffix("_id")) or (column.replace("_", " "),) * 2)
    label = short(pair[LANGS.index(lang)])
    return label[:1].upper() + label[1:]


def value_label(value: object, lang: str) -> object:
    """Stored vocabulary (appoint, lead, measure…) in the visitor's language; other values as they are."""
    if isinstance(value, str) and value in VALUES:
        return VALUES[value][LANGS.index(lang)]
    return value


def title(query: Query, lang: str) -> str:
    return query.title_zh if lang == "zh" and query.title_zh else query.title
