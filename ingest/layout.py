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

from ingest.text import Text

# A page number left between lines by PDF conversion: "- 3 -", "—12—", "第3页".
# A bare number is not one: flattened tables print row numbers that way.
PAGE_NUMBER = re.compile(r"^[-—–－]\s*\d{1,4}\s*[-—–－]$|^第\d+页(?:共\d+页)?$|^\d+/\d+$")
# A number alone on a line: a page number in prose, a row number in a flattened table.
LONE_NUMBER = re.compile(r"^[-—–－]?\s*\d{1,4}\s*[-—–－]?$")
# The number of a heading or list item: （一） 一、 1. 1． (1) ①
ENUMERATOR = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[.．、](?!\d)|[①-⑳])"
)
_WHITE_SPACE = re.compile(r"\s+")

# Site lines around a web copy: labelled metadata of the page, buttons, breadcrumbs.
_SITE_LABELS = (
    "来源|信息来源|文章来源|稿件来源|发布时间|发布日期|发布机构|浏览次数|点击数|点击量|阅读数|阅读量|阅读次数"
    "|访问量|访问次数|作者|责任编辑|编辑|审核|字号|分享到|当前位置|您的位置|您当前的位置|所在位置"
    "|索引号|主题分类|体裁分类|组配分类|服务对象|公开方式|公开范围|公开时限|信息分类|有效性|文种|主题词"
)
_SITE_LINE = re.compile(rf"^(?:{_SITE_LABELS})[:：]")
_BUTTONS = re.compile(r"^(?:[【\[［]?(?:打印|打印本页|打印此页|关闭|关闭窗口|关闭本页|收藏|返回顶部|返回|下载|"
                      r"分享|字体|大|中|小|默认|加入收藏|扫一扫|微信|微博)[】\]］]?[\s|｜/]*)+$")
_BREADCRUMB = re.compile(r"^(?:首页|网站首页|主页)\s*[>＞»›→]")
_URL_LINE = re.compile(r"^\S{0,10}https?://\S+$")
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
    + r")\s*[:：]"
)


def squeeze(s: str) -> str:
    """Printed text without the white space and bold marks of PDF conversion."""
    s = _WHITE_SPACE.sub("", s)
    return s.replace("**", "").replace("__", "") if "**" in s or "__" in s else s


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
        or _URL_LINE.match(flat)
        or bool(_metadata_line(s))
    )


def _metadata_line(line: str) -> dict[str, str]:
    """The metadata pairs of one information-table line, by field."""
    if not _ANY_LABEL.match(line.strip()):
        return {}
    found: dict[str, str] = {}
    matches = list(_ANY_LABEL.finditer(line))
    for m, following in zip(matches, matches[1:] + [None]):
        field = METADATA_LABELS.get(squeeze(m.group(1)))
        value = squeeze(line[m.end(): following.start() if following else len(line)])
        if field and value and len(value) <= 80:
            found.setdefault(field, value)
    return found


Metadata = dict[str, tuple[int, str]]  # field → (line, value as printed)


def metadata(text: Text) -> Metadata:
    """(line, value) of the labelled metadata a web copy prints (发文字号：…, 成文日期：…)."""
    found: dict[str, tuple[int, str]] = {}
    for n, line in enumerate(text.lines, 1):
        if "：" in line or ":" in line:
            for field, value in _metadata_line(line).items():
                found.setdefault(field, (n, value))
    return found


def clean(text: Text) -> Text:
    """`text` with furniture lines blanked; line numbers are kept."""
    if not any(is_furniture(line) for line in text.lines):
        return text
    return Text(text.file, tuple("" if is_furniture(line) else line for line in text.lines))
