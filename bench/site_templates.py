"""Page chrome of the synthetic portal: three CMS skins modeled on the pages in tests/gold/corpus/.

The HTML lives in bench/corpus_templates/. Each skin is a whole article page (head.html +
skin_X.html + footer.html): top bar, breadcrumb 您当前的位置, date/source line, share widget, footer
with 版权所有/ICP备/网站标识码. Skin ``a`` follows the bundled demo portal, ``b`` the 三乡镇 page
(信息来源：… 发布日期：… 分享：), ``c`` the 横沥镇 page (来源：…发布日期：… 【浏览字号】).
"""

from __future__ import annotations

from pathlib import Path
from string import Template

TEMPLATES_DIR = Path(__file__).resolve().parent / "corpus_templates"
UTF8_META = '<meta charset="utf-8">'
# Real portals declare GB2312 while their CMS writes GBK: the charset is only in this meta.
GBK_META = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
ROBOTS_TXT = "User-agent: *\nDisallow: /admin/\nDisallow: /search.html\n"
SITE_NAME = "法治政府建设报告公开平台"


def _read(name: str) -> str:
    return (TEMPLATES_DIR / name).read_text(encoding="utf-8")


SKINS: dict[str, Template] = {
    skin: Template(_read("head.html") + _read(f"skin_{skin}.html") + _read("footer.html"))
    for skin in "abc"
}
COLUMN_PAGE = Template(_read("column.html"))
HOME_PAGE = Template(_read("home.html"))
