"""Synthetic gazette issues, each written with the facts it prints as gold (GOLD-FORMAT.md).

    python bench/synth.py OUT_DIR [--issues 2000] [--seed 1]

Scale runs need thousands of issues that nobody has annotated, so this writes
them: every issue is a district government's gazette of about 130 KB in the
layouts govkg reads (the gazette's masthead and table of contents, 任免 notices
in the gazette layout and as standard 公文 with the `…人民政府文件` masthead, a
人大 standing committee's decision, a leading group set up with its member list,
a plan with numbered tasks and a task table naming 牵头/责任单位, measures with
their contacts) and as much plain policy prose as a real issue carries. Every
fact printed is written beside it as `NAME.gold.jsonl`, so that
`/work/shared/tools/score_facts.py` scores a run at any size.

Issues are deterministic (seeded per issue), spread over many governments, and
a government's officials have careers: someone appointed in one issue is moved
or removed in a later one of the same government.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

ISSUE_BYTES = 130_000
NUMERALS = "零一二三四五六七八九十"

# (province prefix printed before the city, city, district, 文号 prefix): real divisions,
# so that govkg's list of divisions knows every one of them.
GOVERNMENTS = (
    ("", "北京市", "东城区", "东"), ("", "北京市", "西城区", "西"), ("", "北京市", "海淀区", "海"),
    ("", "北京市", "丰台区", "丰"), ("", "北京市", "通州区", "通"), ("", "上海市", "黄浦区", "黄"),
    ("", "上海市", "徐汇区", "徐"), ("", "上海市", "静安区", "静"), ("", "天津市", "和平区", "和"),
    ("", "天津市", "河西区", "河西"), ("", "重庆市", "渝中区", "渝中"), ("", "重庆市", "江北区", "江北"),
    ("浙江省", "杭州市", "西湖区", "西湖"), ("浙江省", "杭州市", "拱墅区", "拱"), ("浙江省", "宁波市", "鄞州区", "鄞"),
    ("广东省", "广州市", "越秀区", "越"), ("广东省", "广州市", "天河区", "穗天"), ("广东省", "深圳市", "福田区", "福"),
    ("江苏省", "南京市", "鼓楼区", "鼓"), ("江苏省", "苏州市", "姑苏区", "姑"), ("湖北省", "武汉市", "江岸区", "岸"),
    ("四川省", "成都市", "锦江区", "锦"), ("山东省", "济南市", "历下区", "历"), ("河南省", "郑州市", "金水区", "金"),
    ("湖南省", "长沙市", "岳麓区", "岳"), ("福建省", "厦门市", "思明区", "思"), ("陕西省", "西安市", "雁塔区", "雁"),
    ("辽宁省", "沈阳市", "和平区", "沈和"), ("安徽省", "合肥市", "蜀山区", "蜀"), ("江西省", "南昌市", "东湖区", "东湖"),
)

# (full body, short body printed as 区X, post of its head): the standard short forms of ingest/data.
BUREAUS = (
    ("应急管理局", "应急局", "局长"), ("发展和改革委员会", "发展改革委", "主任"), ("财政局", "财政局", "局长"),
    ("教育委员会", "教委", "主任"), ("科学技术和信息化局", "科信局", "局长"), ("人力资源和社会保障局", "人力社保局", "局长"),
    ("民政局", "民政局", "局长"), ("司法局", "司法局", "局长"), ("商务局", "商务局", "局长"),
    ("城市管理委员会", "城管委", "主任"), ("住房和城乡建设委员会", "住建委", "主任"), ("生态环境局", "生态环境局", "局长"),
    ("卫生健康委员会", "卫生健康委", "主任"), ("市场监督管理局", "市场监管局", "局长"), ("审计局", "审计局", "局长"),
    ("统计局", "统计局", "局长"), ("文化和旅游局", "文化和旅游局", "局长"), ("体育局", "体育局", "局长"),
    ("退役军人事务局", "退役军人事务局", "局长"), ("园林绿化局", "园林绿化局", "局长"), ("水务局", "水务局", "局长"),
    ("城市管理综合行政执法局", "城管执法局", "局长"), ("医疗保障局", "医保局", "局长"), ("农业农村局", "农业农村局", "局长"),
)
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈"
            "姚卢姜崔钟谭陆汪范金廖贾夏韦方邹孟熊秦邱尹薛闫段雷侯龙陶黎贺顾毛郝龚邵钱严覃戴孔汤")
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红玲芬燕彬斌宇浩凯健俊帆旭宁雪琳晨辉鹏飞鑫波峰志亮成博瑞欣诚蕾琦婷"
TOPICS = ("安全生产", "生态环境保护", "营商环境优化", "老旧小区改造", "垃圾分类", "消防安全", "食品安全", "城市更新",
          "乡村振兴", "数字政府建设", "养老服务", "教育质量提升", "文明城市创建", "防汛抗旱", "疫情防控", "民生实事")
TASK_VERBS = ("加强", "完善", "推进", "健全", "落实", "深化", "强化", "提升", "规范", "优化")
TASK_OBJECTS = ("监督检查机制", "隐患排查治理", "信息化平台建设", "基层队伍建设", "宣传教育培训", "应急预案体系",
                "考核评价制度", "专项整治行动", "服务保障能力", "部门协同机制", "资金保障力度", "风险评估工作",
                "社区网格管理", "执法检查效能", "数据共享机制", "示范点位建设")
PROSE = (
    "各有关单位要充分认识做好此项工作的重要意义，切实增强责任感和紧迫感，结合实际认真组织实施",
    "坚持以人民为中心的发展思想，统筹发展和安全，着力解决群众急难愁盼问题，不断增强人民群众的获得感和幸福感",
    "要建立健全工作台账，明确时间节点，细化工作措施，确保各项工作按期保质完成",
    "各单位要加强沟通协调，形成工作合力，及时研究解决工作推进中遇到的困难和问题",
    "要加大宣传力度，充分利用报刊、广播、电视和新媒体等渠道，营造全社会共同参与的良好氛围",
    "严格落实工作要求，对工作不力、推诿扯皮造成不良影响的，依照有关规定严肃追究责任",
    "坚持问题导向和目标导向，突出重点领域和关键环节，推动工作取得实效",
    "进一步转变工作作风，提高工作效率，优化办事流程，为企业和群众提供更加便捷高效的服务",
    "加强对工作落实情况的跟踪问效，定期通报工作进展，推动各项任务落地见效",
    "统筹用好各类资金，加强资金使用管理，提高财政资金使用效益",
    "坚持依法行政，严格规范公正文明执法，切实维护人民群众合法权益",
    "注重总结推广典型经验和做法，以点带面推动工作整体水平提升",
)


@dataclass
class Government:
    """One district: its names, and the posts its officials hold between issues."""

    province: str
    city: str
    district: str
    prefix: str
    holders: dict[tuple[str, str], str] = field(default_factory=dict)  # (bureau, post) → person
    people: set[str] = field(default_factory=set)
    number: int = 0  # issues so far

    @property
    def full(self) -> str:
        return f"{self.city}{self.district}"

    @property
    def government(self) -> str:
        return f"{self.full}人民政府"


@dataclass
class Issue:
    name: str
    text: str
    gold: list[dict]


class Writer:
    """One issue's text and gold, built document by document."""

    def __init__(self, gov: Government, rng: random.Random, year: int):
        self.gov, self.rng, self.year = gov, rng, year
        self.lines: list[str] = []
        self.gold: list[dict] = []
        self.forms: dict[str, set[str]] = {}  # canonical unit → forms printed in this issue
        self.docs = 0

    # -- small things ------------------------------------------------------
    def name(self) -> str:
        while True:
            n = self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))
            if n not in self.gov.people:
                self.gov.people.add(n)
                return n

    def date(self, month: int) -> tuple[str, str]:
        day = self.rng.randint(1, 28)
        return f"{self.year}年{month}月{day}日", f"{self.year}-{month:02d}-{day:02d}"

    def prose(self, sentences: int) -> str:
        return "。".join(self.rng.choice(PROSE) for _ in range(sentences)) + "。"

    def para(self, *lines: str) -> None:
        for line in lines:
            self.lines += [line, ""]

    def unit(self, bureau: tuple[str, str, str], form: str) -> str:
        """The bureau printed as `full` (北京市东城区应急管理局) or `short` (区应急局)."""
        full = f"{self.gov.full}{bureau[0]}"
        printed = full if form == "full" else f"区{bureau[1]}"
        self.forms.setdefault(full, set()).add(printed)
        return printed

    def number(self, kind: str) -> str:
        self.docs += 1
        return f"{self.gov.prefix}{kind}〔{self.year}〕{self.docs}号"

    def document(self, number: str | None, title: str, issuer: str, iso: str) -> None:
        self.gold.append({"type": "document", "doc_number": number, "title": title, "issuer": issuer,
                          "date": iso, "parent": None})

    def signature(self, issuer: str, printed_date: str) -> None:
        self.para(issuer, printed_date)

    # -- appointments ------------------------------------------------------
    def appointment(self, number: str | None, person: str, action: str, bureau: tuple[str, str, str], post: str,
                    implied: bool = False, note: str | None = None) -> str:
        org = self.unit(bureau, "full")
        self.gold.append({"type": "appointment", "doc_number": number, "person": person, "action": action,
                          "position": org + post, "organization": org, "title": post, "implied": implied,
                          "note": note})
        return org + post

    def moves(self, count: int) -> Iterator[tuple[str, str, tuple[str, str, str], str, tuple | None]]:
        """(verb, person, bureau, post, previous post) for `count` changes of this government's posts:
        a new official, someone moved from a post held since an earlier issue, or a removal.
        A post or a person is named once a document, as real notices do."""
        touched: set[tuple[str, str] | str] = set()
        for _ in range(count):
            bureau = self.rng.choice(BUREAUS)
            post = self.rng.choice(("副" + bureau[2], bureau[2]))
            holder = self.gov.holders.get((bureau[0], post))
            if (bureau[0], post) in touched or holder in touched:
                continue
            touched.add((bureau[0], post))
            if holder and self.rng.random() < 0.4:
                del self.gov.holders[(bureau[0], post)]
                touched.add(holder)
                yield "remove", holder, bureau, post, None
                continue
            held = [(k, p) for k, p in self.gov.holders.items() if k not in touched and p not in touched]
            if held and self.rng.random() < 0.5:
                (old_body, old_post), person = self.rng.choice(held)
                del self.gov.holders[(old_body, old_post)]
                previous = (next(b for b in BUREAUS if b[0] == old_body), old_post)
            else:
                person, previous = self.name(), None
            touched |= {person, *([(previous[0][0], previous[1])] if previous else [])}
            if holder:  # the post's holder leaves it first
                touched.add(holder)
                yield "remove", holder, bureau, post, None
            self.gov.holders[(bureau[0], post)] = person
            yield "appoint", person, bureau, post, previous

    def renmian(self, masthead: bool) -> None:
        """A 任免 notice of the district government, in the gazette layout or as a 公文."""
        gov = self.gov.government
        number = self.number("任" if not masthead else "政任")
        items = list(self.moves(self.rng.randint(10, 18)))
        first = next(p for _, p, _, _, _ in items)
        heads = len({p for _, p, _, _, _ in items})
        title = f"{gov}关于{first}等{_count(heads)}名同志任免职的通知" if heads > 1 else f"{gov}关于{first}同志任免职的通知"
        printed, iso = self.date(self.rng.randint(1, 12))
        if masthead:
            self.para(f"{gov}文件", number, title)
        else:
            self.para(gov, title[len(gov):], number)
        self.para("各街道办事处，区政府各委、办、局，各区属机构：",
                  f"经{printed}{gov}第{self.rng.randint(10, 99)}次常务会议研究决定，现将{first}等同志任免职事项通知如下：")
        self.document(number, title, gov, iso)
        sentences = []
        for k, (verb, person, bureau, post, previous) in enumerate(items):
            end = "。" if k == len(items) - 1 else "；"
            if verb == "remove":
                retire = self.rng.random() < 0.2
                position = self.appointment(number, person, "remove", bureau, post,
                                            note="办理退休手续" if retire else None)
                sentences.append(f"免去{person}的{position}职务" + ("，并办理退休手续" if retire else "") + end)
                continue
            trial = previous is None and post.startswith("副") and self.rng.random() < 0.3
            position = self.appointment(number, person, "appoint", bureau, post, note="试用期一年" if trial else None)
            sentence = f"任命{person}为{position}" + ("（试用期一年）" if trial else "")
            if previous:
                implied = self.rng.random() < 0.5
                old = self.appointment(number, person, "remove", previous[0], previous[1], implied=implied)
                sentence += f"，其原任{old}职务自然免去" if implied else f"，免去其{old}职务"
            sentences.append(sentence + end)
        self.para(*sentences)
        self.signature(gov, printed)

    def renda(self) -> None:
        """A decision of the district 人大 standing committee: no number, dated by its session."""
        body = f"{self.gov.full}人民代表大会常务委员会"
        title = f"{body}关于任免职务的决定"
        printed, iso = self.date(self.rng.randint(1, 12))
        session = self.rng.randint(14, 19)
        self.para(body, "关于任免职务的决定",
                  f"（{printed}{self.gov.full}第{_count(session)}届人民代表大会常务委员会第{_count(self.rng.randint(2, 30))}次会议通过）",
                  f"{self.gov.full}第{_count(session)}届人民代表大会常务委员会第{_count(self.rng.randint(2, 30))}次会议决定：")
        self.document(None, title, body, iso)
        appointed, removed = [], []
        for verb, person, bureau, post, previous in self.moves(self.rng.randint(5, 9)):
            if previous:  # the committee prints moves as a removal and an appointment
                removed.append(f"{person}的{self.appointment(None, person, 'remove', previous[0], previous[1])}职务")
            if verb == "appoint":
                appointed.append(f"{person}为{self.appointment(None, person, 'appoint', bureau, post)}")
            else:
                removed.append(f"{person}的{self.appointment(None, person, 'remove', bureau, post)}职务")
        for header, items in (("任命", appointed), ("免去", removed)):
            if items:
                self.para(f"{NUMERALS[1 + (header == '免去' and bool(appointed))]}、{header}",
                          *[item + ("。" if k == len(items) - 1 else "；") for k, item in enumerate(items)])

    # -- a leading group ---------------------------------------------------
    def group(self) -> None:
        gov = self.gov.government
        topic = self.rng.choice(TOPICS)
        group = f"{self.gov.district}{topic}工作领导小组"
        number = self.number("政发")
        title = f"{gov}关于成立{group}的通知"
        printed, iso = self.date(self.rng.randint(1, 12))
        self.para(f"{gov}文件", number, title, "各街道办事处，区政府各委、办、局，各区属机构：",
                  f"为切实加强对全区{topic}工作的组织领导，经区政府研究，决定成立{group}。现将有关事项通知如下：",
                  "一、工作职责", self.prose(4), "二、工作要求", self.prose(5),
                  f"附件：{group}成员名单")
        self.signature(gov, printed)
        self.document(number, title, gov, iso)
        self.para("附件", f"{group}成员名单")
        rows = [("组长", self.name(), "区长"), ("副组长", self.name(), "常务副区长"), ("副组长", self.name(), "副区长")]
        rows += [("成员", self.name(), self.unit(b, "short") + b[2])
                 for b in self.rng.sample(BUREAUS, self.rng.randint(12, 20))]
        last = None
        for role, person, position in rows:
            label = {"组长": "组  长：", "副组长": "副组长：", "成员": "成  员："}[role] if role != last else ""
            self.lines.append(f"{label}\t{person}\t{position}")
            self.gold.append({"type": "membership", "group": group, "person": person, "role": role,
                              "position": position})
            last = role
        self.lines.append("")
        self.para(f"领导小组办公室设在{self.unit(self.rng.choice(BUREAUS), 'short')}，负责领导小组日常工作。")

    # -- a plan with tasks and a task table ---------------------------------
    def responsibility(self, number: str, item: str, task: str, units: list[str], lead: str) -> None:
        self.gold.append({"type": "responsibility", "doc_number": number, "item": item, "task": task,
                          "units": units, "lead": lead})

    def plan(self) -> None:
        office = f"{self.gov.government}办公室"
        topic = self.rng.choice(TOPICS)
        plan = f"{self.gov.district}{topic}工作实施方案"
        number = self.number("政办发")
        title = f"{office}关于印发{plan}的通知"
        printed, iso = self.date(self.rng.randint(1, 12))
        self.para(office, title[len(office):], number, "各街道办事处，区政府各委、办、局，各区属机构：",
                  f"《{plan}》已经区政府同意，现印发给你们，请认真贯彻落实。")
        self.signature(office, printed)
        self.document(number, title, office, iso)
        self.para(plan, self.prose(3), "一、主要任务")
        tasks = self._tasks(self.rng.randint(14, 22))
        for k, (task, units, lead_first) in enumerate(tasks, 1):
            if lead_first:
                units_text = f"（牵头单位：{units[0]}；责任单位：{'、'.join(units[1:])}）"
            else:
                units_text = f"（责任单位：{'、'.join(units)}）"
            self.para(f"{k}.{task}。{self.prose(self.rng.randint(2, 4))}{units_text}")
            self.responsibility(number, str(k), task, units, units[0])
        self.para("二、保障措施", self.prose(6), "附件", f"{plan}任务分解表")
        self.lines.append("序号\t工作任务\t牵头单位\t配合单位")
        for k, (task, units, _) in enumerate(self._tasks(self.rng.randint(14, 22)), 1):
            self.lines.append(f"{k}\t{task}\t{units[0]}\t{'、'.join(units[1:])}")
            self.responsibility(number, str(k), task, units, units[0])
        self.lines.append("")

    def _tasks(self, count: int) -> list[tuple[str, list[str], bool]]:
        out = []
        for _ in range(count):
            task = f"{self.rng.choice(TASK_VERBS)}{self.rng.choice(TOPICS)}{self.rng.choice(TASK_OBJECTS)}"
            units = [self.unit(b, "short") for b in self.rng.sample(BUREAUS, self.rng.randint(2, 5))]
            out.append((task, units, self.rng.random() < 0.4))
        return out

    # -- measures with contacts ---------------------------------------------
    def measures(self) -> None:
        gov = self.gov.government
        topic = self.rng.choice(TOPICS)
        number = self.number("政发")
        title = f"{gov}关于进一步做好{topic}工作的若干措施"
        printed, iso = self.date(self.rng.randint(1, 12))
        self.para(gov, title[len(gov):], number, self.prose(3))
        self.document(number, title, gov, iso)
        for k in range(1, self.rng.randint(5, 9)):
            task = f"{self.rng.choice(TASK_VERBS)}{topic}{self.rng.choice(TASK_OBJECTS)}"
            bureau = self.rng.choice(BUREAUS)
            unit = self.unit(bureau, "short")
            person = self.name()
            phones = [f"{self.rng.randint(6000, 8999)}{self.rng.randint(1000, 9999)}"
                      for _ in range(self.rng.randint(1, 2))]
            mail = f"{_pinyinish(self.rng)}@{self.rng.choice(('126.com', '163.com', 'qq.com'))}"
            self.para(f"{k}.{task}。{self.prose(3)}（责任单位：{unit}）",
                      f"联系人：{person} 联系电话：{'、'.join(phones)}", f"邮箱：{mail}")
            self.gold.append({"type": "responsibility", "doc_number": number, "item": str(k), "task": task,
                              "units": [unit], "lead": unit})
            self.gold.append({"type": "contact", "doc_number": number, "item": str(k), "person": person,
                              "phones": phones, "email": mail, "unit": None})
        self.signature(gov, printed)

    # -- the issue -----------------------------------------------------------
    def masthead(self, number: int) -> None:
        self.para(f"{self.gov.government}公报", str(self.year), f"第{number}期", f"{self.gov.province}{self.gov.full}人民政府办公室主办")

    def filler(self, target: int) -> None:
        """Policy prose, as most of a real issue is: a study report with no facts in it."""
        self.para(f"{self.gov.district}{self.rng.choice(TOPICS)}工作情况报告")
        while sum(len(line.encode()) + 1 for line in self.lines) < target:
            self.para(self.prose(self.rng.randint(3, 6)))

    def aliases(self) -> list[dict]:
        return [{"type": "unit_alias", "canonical": full, "aliases": sorted(forms)}
                for full, forms in sorted(self.forms.items()) if len(forms) > 1]


def _count(n: int) -> str:
    """Chinese numerals up to 99, as notices print counts (二十三名同志)."""
    tens, ones = divmod(n, 10)
    if n == 2:
        return "两"
    return (("" if tens == 1 else NUMERALS[tens]) + "十" if tens else "") + (NUMERALS[ones] if ones else "")


def _pinyinish(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghjklmnpqrstwxyz") for _ in range(rng.randint(5, 9)))


def issues(count: int, seed: int = 1) -> Iterator[Issue]:
    """`count` issues, round-robin over the governments so that careers run across issues."""
    govs = [Government(*g) for g in GOVERNMENTS]
    for i in range(count):
        gov = govs[i % len(govs)]
        gov.number += 1
        rng = random.Random(f"{seed}:{i}")
        w = Writer(gov, rng, 2015 + (gov.number - 1) // 12)
        w.masthead(gov.number)
        w.renmian(masthead=False)
        w.group()
        w.renmian(masthead=True)
        w.plan()
        w.renda()
        w.measures()
        w.renmian(masthead=False)
        w.filler(ISSUE_BYTES)
        name = f"{gov.prefix}-{gov.district}-{w.year}-{(gov.number - 1) % 12 + 1:02d}"
        yield Issue(f"{i:05d}-{name}", "\n".join(w.lines) + "\n", w.gold + w.aliases())


def write(out: Path, count: int, seed: int = 1) -> list[Path]:
    """Write `count` issues (NAME.txt) and their gold (NAME.gold.jsonl) into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for issue in issues(count, seed):
        path = out / f"{issue.name}.txt"
        path.write_text(issue.text, "utf-8")
        with open(out / f"{issue.name}.gold.jsonl", "w", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in issue.gold)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--issues", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = write(args.out, args.issues, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} issues, {size / 1e6:.1f} MB of text, in {args.out}")


if __name__ == "__main__":
    main()
