"""Every input format must reach the extractor as the same lines.

Files are real files in a temporary folder (PDFs built with reportlab), read
through `read`, so encodings, suffix dispatch and pdfplumber are all exercised.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from ingest.readers import read, read_many
from ingest.text import InputError
from tests.pdfs import FONT, build_pdf

ROOT = Path(__file__).resolve().parent.parent
GAZETTE = ROOT / "data" / "gazettes" / "dongcheng-gazette-2020-01.txt"

EXCERPT = """\
**北京市东城区人民政府关于陈雷等二十三名同志任免职的通知**

东政任〔2020〕1号

区政府各委、办、局，各街道办事处：

任命陈雷为北京市东城区公园管理中心主任（副处职），免去其北京市东城区园林绿化管理中心副主任职务；

北京市东城区人民政府

2020年1月8日
"""

HEADER = ["序号", "考核要求", "创建措施", "责任单位"]
ROWS = [
    HEADER,
    ["1", "建立城市安全发展工作机制", "成立领导小组，明确职责分工", "区应急局"],
    ["2", "推进消防安全设施建设", "提供辖区内消火栓清单", "区消防救援支队、各街道（地区）"],
]
TAB_ROWS = ["\t".join(row) for row in ROWS]

APPOINTMENT = (
    "任命陈雷为北京市东城区公园管理中心主任（副处职），"
    "免去其北京市东城区园林绿化管理中心副主任职务；"
)
PARAGRAPHS = [
    "北京市东城区人民政府关于陈雷等二十三名同志任免职的通知",
    "东政任〔2020〕1号",
    "区政府各委、办、局，各街道办事处：",
    "经区政府研究决定：",
    APPOINTMENT,
    "任命王芳为北京市东城区体育局副局长（试用期一年）。",
]
PDF_TABLE = [
    ["序号", "任务", "责任单位"],
    ["1", "研究推进电动车充电设施建设管理政策，加快建设安全便捷的电动自行车充电网络。", "区城市管理委、区消防救援支队"],
    ["2", "明确电梯使用、维保单位安全责任", "区市场监管局"],
]


def write(path: Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


# --- text ------------------------------------------------------------------


def test_utf8_bom_and_gb18030_give_identical_lines(tmp_path):
    texts = read_many(
        [
            write(tmp_path / "utf8.txt", EXCERPT),
            write(tmp_path / "bom.txt", EXCERPT, "utf-8-sig"),
            write(tmp_path / "gb.txt", EXCERPT, "gb18030"),
        ]
    )
    assert texts[0].lines == tuple(EXCERPT.splitlines())
    assert texts[1].lines == texts[0].lines
    assert texts[2].lines == texts[0].lines
    assert not texts[1].lines[0].startswith("\ufeff")


def test_crlf_and_cr_line_endings_are_normalised(tmp_path):
    lines = EXCERPT.splitlines()
    assert read(write(tmp_path / "dos.txt", "\r\n".join(lines))).lines == tuple(lines)
    assert read(write(tmp_path / "mac.txt", "\r".join(lines))).lines == tuple(lines)


def test_bundled_gazette_passes_through_unchanged():
    text = read(GAZETTE)
    assert text.lines == tuple(GAZETTE.read_text("utf-8").splitlines())
    assert text.file == str(GAZETTE)


def test_markdown_pipe_table_becomes_tab_rows(tmp_path):
    md = "\n".join(
        ["## 任务分工", ""]
        + ["| " + " | ".join(ROWS[0]) + " |", "|---|:---|---:|:-:|"]
        + ["|" + "|".join(row) + "|" for row in ROWS[1:]]
        + ["", "- 其他事项 | 另行通知"]
    )
    text = read(write(tmp_path / "tasks.md", md))
    assert text.lines == ("## 任务分工", "", *TAB_ROWS, "", "- 其他事项 | 另行通知")


def test_pipes_without_a_delimiter_row_are_left_alone(tmp_path):
    content = "| 不是表格 |\n| 只是竖线 |"
    assert read(write(tmp_path / "pipes.md", content)).lines == tuple(content.splitlines())


def test_unknown_suffix_is_read_as_text(tmp_path):
    assert read(write(tmp_path / "gazette.dat", EXCERPT)).lines == tuple(EXCERPT.splitlines())


# --- HTML ------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>东城区政府公报</title>
<style>td { border: 1px }</style><script>var tracker = "不是正文";</script></head>
<body>
<!-- 导航 -->
<h2>任务分工</h2>
<p>东政办发〔2020〕1号</p>
<table>
  <thead><tr><th>序号</th><th>考核要求</th><th>创建措施</th><th>责任单位</th></tr></thead>
  <tbody>
    <tr><td>1</td><td>建立城市安全<b>发展</b>工作机制</td>
        <td><span>成立领导小组，</span><span>明确职责分工</span></td><td>区应急局</td></tr>
    <tr><td>2</td><td>推进消防安全设施建设</td><td>提供辖区内消火栓清单</td>
        <td>区消防救援支队、各街道（地区）</td></tr>
  </tbody>
</table>
<div>各街道：<br>请认真
  贯彻落实。</div>
<p>&nbsp;</p>
<p>北京市东城区人民政府办公室</p>
</body></html>"""


def test_html_table_becomes_the_same_tab_rows(tmp_path):
    text = read(write(tmp_path / "tasks.html", HTML))
    assert [line for line in text.lines if "\t" in line] == TAB_ROWS
    assert text.lines == (
        "东城区政府公报",
        "",
        "任务分工",
        "",
        "东政办发〔2020〕1号",
        "",
        *TAB_ROWS,
        "各街道：",
        "请认真贯彻落实。",  # a source line break between Chinese is no space
        "",
        "北京市东城区人民政府办公室",
    )


def test_html_cell_with_paragraphs_is_one_line(tmp_path):
    html = "<table><tr><td>3</td><td><p>一是 提供清单。</p>\n<p>二是提供材料。</p></td></tr></table>"
    assert read(write(tmp_path / "cell.htm", html)).lines == ("3\t一是 提供清单。 二是提供材料。",)


def test_gb18030_html_is_decoded(tmp_path):
    html = '<html><head><meta charset="gb2312"></head><body><p>任命陈雷为主任</p></body></html>'
    assert read(write(tmp_path / "gb.html", html, "gb18030")).lines == ("任命陈雷为主任",)


def test_html_without_text_is_refused(tmp_path):
    path = write(tmp_path / "blank.html", "<html><body><script>x()</script><p> </p></body></html>")
    with pytest.raises(InputError, match=re.escape(str(path))):
        read(path)


# --- PDF -------------------------------------------------------------------


def test_pdf_reads_back_paragraphs_and_table_rows(tmp_path):
    path = build_pdf(tmp_path / "notice.pdf", PARAGRAPHS, PDF_TABLE, after=["北京市东城区人民政府", "2020年1月8日"])
    lines = read(path).lines
    rows = [line for line in lines if "\t" in line]
    assert rows == ["\t".join(row) for row in PDF_TABLE]
    first_row, last_row = lines.index(rows[0]), lines.index(rows[-1])
    assert squeeze("".join(lines[:first_row])) == squeeze("".join(PARAGRAPHS))
    assert lines[last_row + 1 :] == ("北京市东城区人民政府", "2020年1月8日")
    assert "东政任〔2020〕1号" in lines
    assert not any(re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", line) for line in lines)


def test_pdf_pages_are_separated_by_an_empty_line(tmp_path):
    path = tmp_path / "two-pages.pdf"
    c = canvas.Canvas(str(path))
    for page in ("第一页", "第二页"):
        c.setFont(FONT, 14)
        c.drawString(72, 760, page)
        c.showPage()
    c.save()
    assert read(path).lines == ("第一页", "", "第二页")


def test_pdf_letter_spacing_and_fake_bold_leave_no_trace(tmp_path):
    path = tmp_path / "masthead.pdf"
    c = canvas.Canvas(str(path))
    spaced = c.beginText(72, 760)
    spaced.setFont(FONT, 20)
    spaced.setCharSpace(12)  # a letter-spaced masthead: 公  报
    spaced.textLine("北京市东城区人民政府公报")
    c.drawText(spaced)
    for dx in (0, 0.3):  # bold faked by printing the title twice
        c.setFont(FONT, 16)
        c.drawString(72 + dx, 700, "关于陈雷等同志任免职的通知")
    c.save()
    assert read(path).lines == ("北京市东城区人民政府公报", "关于陈雷等同志任免职的通知")


def test_pdf_is_recognised_by_content_whatever_its_name(tmp_path):
    path = build_pdf(tmp_path / "notice.pdf", [APPOINTMENT])
    renamed = path.rename(tmp_path / "notice.bin")
    assert squeeze("".join(read(renamed).lines)) == APPOINTMENT


# --- refusals --------------------------------------------------------------


def refused(path: Path, why: str) -> None:
    with pytest.raises(InputError) as raised:
        read(path)
    message = str(raised.value)
    assert message.startswith(str(path)), message
    assert path.name in message and why in message and "\n" not in message


def image_only_pdf(path: Path) -> Path:
    from PIL import Image

    png = path.with_suffix(".png")
    Image.new("RGB", (300, 120), "white").save(png)
    c = canvas.Canvas(str(path))
    c.drawImage(str(png), 72, 600)
    c.rect(72, 400, 200, 100, fill=1)
    c.save()
    return path


def blank_pdf(path: Path) -> Path:
    c = canvas.Canvas(str(path))
    c.showPage()
    c.save()
    return path


def test_empty_file_is_refused(tmp_path):
    refused(write(tmp_path / "empty.txt", b""), "empty file")


@pytest.mark.parametrize("blank", ["  \n\t\r\n", "\u3000\u3000\n"])
def test_whitespace_only_file_is_refused(tmp_path, blank):
    refused(write(tmp_path / "blank.txt", blank), "empty file")


def test_empty_pdf_file_is_refused(tmp_path):
    refused(write(tmp_path / "empty.pdf", b""), "empty file")


def test_binary_file_is_refused(tmp_path):
    data = bytes(range(256)) + os.urandom(2048) + b"\x00" * 16
    refused(write(tmp_path / "gazette.txt", data), "binary file")


def test_control_character_soup_is_refused(tmp_path):
    refused(write(tmp_path / "noise.txt", "\x01\x02\x03\x04\x05\x06\x07\x08ab" * 50), "binary file")


def test_missing_file_is_refused(tmp_path):
    refused(tmp_path / "no-such-gazette.txt", "no such file")


def test_directory_is_refused(tmp_path):
    (tmp_path / "gazettes.txt").mkdir()
    refused(tmp_path / "gazettes.txt", "cannot read")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_refused(tmp_path):
    path = write(tmp_path / "secret.txt", EXCERPT)
    path.chmod(0)
    try:
        refused(path, "permission denied")
    finally:
        path.chmod(0o644)


def test_corrupt_pdf_is_refused(tmp_path):
    refused(write(tmp_path / "corrupt.pdf", os.urandom(4096)), "unreadable PDF")


def test_truncated_pdf_is_refused(tmp_path):
    whole = build_pdf(tmp_path / "whole.pdf", PARAGRAPHS, PDF_TABLE).read_bytes()
    refused(write(tmp_path / "truncated.pdf", whole[: len(whole) // 2]), "unreadable PDF")


@pytest.mark.parametrize("make", [image_only_pdf, blank_pdf])
def test_pdf_without_text_is_refused(tmp_path, make):
    refused(make(tmp_path / f"{make.__name__}.pdf"), "no extractable text")


def test_password_protected_pdf_is_refused(tmp_path):
    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret"))
    c.setFont("Helvetica", 14)
    c.drawString(72, 760, "Appointment notice")
    c.save()
    refused(path, "encrypted")


def test_copy_protected_pdf_that_opens_without_password_is_read(tmp_path):
    path = tmp_path / "restricted.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("", "owner", canCopy=0))
    c.setFont("Helvetica", 14)
    c.drawString(72, 760, "Appointment notice")
    c.save()
    assert read(path).lines == ("Appointment notice",)


# --- property --------------------------------------------------------------

# No control characters or U+FFFD (they are what binary looks like) except
# the white space and line breaks a text file really holds; no surrogates.
_TEXT_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffd") | st.sampled_from(
    "\n\r\t\x0c "
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.text(_TEXT_CHARS, min_size=1, max_size=200))
def test_any_utf8_text_reads_back_as_its_lines(tmp_path, content):
    assume(content.strip())
    assume(not content.startswith("\ufeff"))  # a leading BOM is dropped, on purpose
    assume(not any(line.lstrip().startswith("|") for line in content.splitlines()))
    path = write(tmp_path / "random.txt", content)
    assert read(path).lines == tuple(content.splitlines())
