"""The shape of a text, recovered once before anything reads it.

Documents reach govkg as gazettes, standard 公文, web copies and PDFs. What
differs between them is furniture, not language: a web copy wraps the
document in site lines (来源：, 发布时间：, 【打印】【关闭】, breadcrumbs), a PDF
leaves page numbers between lines and wraps every line at the page width.
`clean` blanks the furniture (line numbers stay, since provenance points at
them), so that extractors read only the document; the helpers below give
every extractor the same notion of white space, numbering and wrapping.
"""

from __future__ import annotations

import re

from ingest.text import Text, squeeze

# A page number left between lines by PDF conversion: "- 3 -", "—12—", "第3页".
# A bare number is not one: flattened tables print row numbers that way.
PAGE_NUMBER = re.compile(r"^[-—–－]\s*\d{1,4}\s*[-—–－]$|^第\d+页(?:共\d+页)?$|^\d+/\d+$")
# A number alone on a line: a page number in prose, a row number in a flattened table.
LONE_NUMBER = re.compile(r"^[-—–－]?\s*\d{1,4}\s*[-—–－]?$")
# The number of a heading or list item: （一） 一、 1. 1． (1) ①
ENUMERATOR = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[.．、](?!\d)|[①-⑳])"
)

# Site lines around a web copy: labelled metadata of the page, buttons, breadcrumbs.
_SITE_LABELS = (
    "来源|信息来源|文章来源|稿件来源|发布时间|发布日期|发布机构|浏览次数|点击数|点击量|阅读数|阅读量|阅读次数"
    "|访问量|访问次数|作者|责任编辑|编辑|审核|字号|分享到|当前位置|您的位置|您当前的位置|所在位置"
    "|索引号|主题分类|体裁分类|组配分类|服务对象|公开方式|公开范围|公开时限|信息分类|有效性|文种|主题词"
    "|转自|转载自|今天是|主题|记者|通讯员|■记者|■通讯员"
)
# A byline (■记者 钟鑫媛) is a site line too, with its label and no colon.
_SITE_LINE = re.compile(rf"^(?:{_SITE_LABELS})[:：|｜]|^■?(?:记者|通讯员)[\u4e00-\u9fff]{{2,4}}$")
_BUTTONS = re.compile(r"^(?:[【\[［]?(?:打印|打印本页|打印此页|关闭|关闭窗口|关闭本页|收藏|返回顶部|返回|下载|"
                      r"分享|字体|大|中|小|默认|加入收藏|扫一扫|微信|微博)[】\]］]?[\s|｜/]*)+$")
# A law database's record fields: 【发布文号】…【发布日期】…
_RECORD_FIELD = re.compile(r"^【(?:发布|颁布|生效|失效|实施|所属|文件|效力|时效)[^】]{0,4}】")
_BREADCRUMB = re.compile(r"^(?:首页|首頁|网站首页|網站首頁|主页|主頁)\s*[>＞»›→]")
# A running head of a gazette's pages: 绵阳市人民政府公报    2022年第6期
_RUNNING_HEAD = re.compile(
    r"^(?:.{2,24}文件)?.{2,24}公报(?:[（(].{1,8}[)）])?(?:\d{4}年第\d{1,3}期(?:[（(]总第\d+期[)）])?)?$"
    r"|^【[^】]{2,12}】$"  # a gazette's section label: 【规章】, 【市政府令】
)
# Markdown a web copy was saved as: headings (# 标题) and links ([首页](/)) print as text.
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# The site a page's title names after the document's: "… - 浙江省人民政府门户网站".
_SITE_SUFFIX = re.compile(
    r"(?:\s*[-_|–—－]+\s*[^-_|–—－]{2,30}?(?:门户网站|政府网|网站|官网|门户|人民政府|政府|办公室|办公厅|文件))+\s*$"
)
_SITE_SUFFIX_MARK = re.compile(r"[-_|–—－]")  # one is in every _SITE_SUFFIX match
# A site's navigation bar: 首页 | 政务公开 | 政务服务 | 互动交流
_NAV_BAR = re.compile(r"^(?:[^|｜]{2,20}\s*[|｜]\s*){2,}[^|｜]{2,20}$")
_URL_LINE = re.compile(r"^\S{0,10}https?://\S+$")
# A site's footer: 主办：…  ICP备…  网站标识码…  版权所有
_FOOTER = re.compile(r"(?:^|[】\]])(?:主办|承办|协办|技术支持|版权所有)[:：]|ICP备|网站标识码|版权所有")
_FOOTER_WORDS = ("主办", "承办", "协办", "技术支持", "版权所有", "ICP备", "网站标识码")  # one is in every _FOOTER match
# Labelled metadata a web copy prints in its information table (several
# pairs a line, labels spaced out: "文    号：…    发布日期：…"); read, then blanked.
METADATA_LABELS = {
    "发文字号": "doc_number", "文号": "doc_number", "发文号": "doc_number",
    "发文机关": "issuer", "发布机关": "issuer", "发文单位": "issuer",
    "成文日期": "date", "印发日期": "date",
    "标题": "title",
}
_ANY_LABEL = re.compile(
    "(" + "|".join(r"\s*".join(label) for label in sorted({*METADATA_LABELS, *_SITE_LABELS.split("|")}, key=len, reverse=True))
    + r")\s*(?:[:：]|[|｜](?=.))"  # 索 引 号 | 1137…/2025-00693 | 公开方式 | 主动公开 |: a table the page printed
)
_LABEL_ENDS = "：:|｜"  # one of them follows every label _ANY_LABEL reads


def is_furniture(line: str) -> bool:
    """Site lines of a web copy and page furniture of a PDF: not part of any document."""
    s = line.strip()
    if not s:
        return False
    flat = squeeze(s)
    return bool(
        PAGE_NUMBER.match(flat)
        or (_SITE_LINE.match(flat) and len(flat) <= 120)
        or _BUTTONS.match(s)
        or _BREADCRUMB.match(flat)
        or _RECORD_FIELD.match(flat)
        or _RUNNING_HEAD.match(flat)
        or (("|" in s or "｜" in s) and _NAV_BAR.match(s))  # a bar is what _NAV_BAR separates by
        or (len(flat) <= 160 and any(w in flat for w in _FOOTER_WORDS) and _FOOTER.search(flat))
        or _URL_LINE.match(flat)
        or bool(_metadata_line(s))
    )


def _metadata_line(line: str) -> dict[str, str]:
    """The metadata pairs of one information-table line, by field."""
    if not any(mark in line for mark in _LABEL_ENDS) or not _ANY_LABEL.match(line.strip()):
        return {}
    found: dict[str, str] = {}
    matches = list(_ANY_LABEL.finditer(line))
    for m, following in zip(matches, matches[1:] + [None]):
        field = METADATA_LABELS.get(squeeze(m.group(1)))
        value = squeeze(line[m.end(): following.start() if following else len(line)]).strip("|｜")
        if field and value and len(value) <= 80:
            found.setdefault(field, value)
    return found


Metadata = dict[str, tuple[int, str]]  # field → (line, value as printed)


def metadata(text: Text) -> Metadata:
    """(line, value) of the labelled metadata a web copy prints (发文字号：…, 成文日期：…)."""
    found: dict[str, tuple[int, str]] = {}
    for n, line in enumerate(text.lines, 1):
        for field, value in _metadata_line(line).items():
            found.setdefault(field, (n, value))
    return found


# Pinyin a mirror site printed after its polyphonic characters: 聯(lián)系人, 電話(huà)
_PINYIN = re.compile(r"[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")


def _plain(line: str) -> str:
    """A line without Markdown marks: heading hashes dropped, links as their text; without
    pinyin glosses."""
    if "(" in line or "（" in line:
        line = _PINYIN.sub("", line)
    if "#" in line:
        line = _MD_HEADING.sub("", line)
    if _SITE_SUFFIX_MARK.search(line):
        line = _SITE_SUFFIX.sub("", line)
    return _MD_LINK.sub(r"\1", line) if "](" in line else line


def clean(text: Text) -> Text:
    """`text` with Markdown marks dropped and furniture lines blanked; line numbers are kept."""
    lines = tuple("" if is_furniture(plain := _plain(line)) else plain for line in text.lines)
    return text if lines == text.lines else Text(text.file, lines)


def full_width(lines: list[tuple[int, str]]) -> int:
    """How long a full line of this text is: a line shorter than that ended a paragraph."""
    lengths = sorted(length for _, line in lines if (length := len(squeeze(line))) >= 10 and "\t" not in line)
    return lengths[int(len(lengths) * 0.8)] if lengths else 0
