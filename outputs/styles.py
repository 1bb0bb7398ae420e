"""The look of the output workbooks: colours, named cell styles, column widths, printing.

Every look is a named style registered once per workbook, so writing a cell
costs a name lookup rather than a new Font or Fill that openpyxl must hash and
deduplicate; a 600-officer month has tens of thousands of coloured cells.
Colours are soft so that a roster pinned up in black and white stays readable;
red is kept for broken hard rules and amber for targets missed.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.header_footer import HeaderFooterItem
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from inputs.problem import ShiftKind

DATE_HEADER_FORMAT = "ddd dd mmm"
DATE_FORMAT = "dd mmm yyyy"
TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm:ss"
HOURS_FORMAT = "0.0"
SECONDS_FORMAT = "0.00"
SHARE_FORMAT = "0.0%"

HEADER = "roster header"
DATE_HEADER = "roster date"
WEEKEND_HEADER = "roster weekend"
CELL = "roster cell"
REST = "roster rest day"
ABSENCE = "roster absence"
BREACH = "roster breach"
BROKEN = "roster broken rule"
SHORT = "roster short of target"
TITLE = "roster title"
KIND_STYLES: dict[ShiftKind, str] = {
    ShiftKind.EARLY: "roster early",
    ShiftKind.LATE: "roster late",
    ShiftKind.NIGHT: "roster night",
    ShiftKind.DAY: "roster day",
}

BREACH_FILL = "FF0000"
"""The Roster cell of a broken hard rule: the one colour nobody can miss on the wall."""
KIND_FILLS: dict[ShiftKind, str] = {
    ShiftKind.EARLY: "FFF2CC",
    ShiftKind.LATE: "FCE4D6",
    ShiftKind.NIGHT: "D9E1F2",
    ShiftKind.DAY: "E2EFDA",
}
REST_FILL = "EDEDED"
ABSENCE_FILL = "E4DFEC"
HEADER_FILL = "305496"
WEEKEND_FILL = "F4B084"
BROKEN_FILL, BROKEN_FONT = "FFC7CE", "9C0006"
SHORT_FILL, SHORT_FONT = "FFEB9C", "9C5700"

ID_WIDTHS = {"officer_id": 12, "name": 22, "rank": 6, "team": 9, "ward": 14, "team_id": 12}
DAY_WIDTH = 5.5
"""Date headers are turned upright, so a day column only needs room for a code like 'E+N'."""
DATE_HEADER_HEIGHT = 66
TEXT_WIDTH = 60
DEFAULT_WIDTH = 12

_GRID = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_GRID, right=_GRID, top=_GRID, bottom=_GRID)
_CENTRE = Alignment(horizontal="center", vertical="center")
LEFT = Alignment(horizontal="left")
WRAP = Alignment(vertical="top", wrap_text=True)


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def _named_styles() -> list[NamedStyle]:
    """Fresh objects for each workbook: openpyxl binds a named style to the workbook it joins."""
    header_font = Font(bold=True, color="FFFFFF")
    upright = Alignment(horizontal="center", vertical="bottom", text_rotation=90)
    styles = [
        NamedStyle(
            HEADER,
            font=header_font,
            fill=_fill(HEADER_FILL),
            border=_BORDER,
            alignment=Alignment(vertical="bottom", wrap_text=True),
        ),
        NamedStyle(
            DATE_HEADER,
            font=header_font,
            fill=_fill(HEADER_FILL),
            border=_BORDER,
            alignment=upright,
            number_format=DATE_HEADER_FORMAT,
        ),
        NamedStyle(
            WEEKEND_HEADER,
            font=Font(bold=True),
            fill=_fill(WEEKEND_FILL),
            border=_BORDER,
            alignment=upright,
            number_format=DATE_HEADER_FORMAT,
        ),
        NamedStyle(CELL, border=_BORDER),
        NamedStyle(
            REST,
            font=Font(color="7F7F7F"),
            fill=_fill(REST_FILL),
            border=_BORDER,
            alignment=_CENTRE,
        ),
        NamedStyle(
            ABSENCE,
            font=Font(italic=True),
            fill=_fill(ABSENCE_FILL),
            border=_BORDER,
            alignment=_CENTRE,
        ),
        NamedStyle(
            BREACH,
            font=Font(bold=True, color="FFFFFF"),
            fill=_fill(BREACH_FILL),
            border=_BORDER,
            alignment=_CENTRE,
        ),
        NamedStyle(BROKEN, font=Font(bold=True, color=BROKEN_FONT), fill=_fill(BROKEN_FILL)),
        NamedStyle(SHORT, font=Font(color=SHORT_FONT), fill=_fill(SHORT_FILL)),
        NamedStyle(TITLE, font=Font(bold=True, size=12)),
    ]
    styles.extend(
        NamedStyle(KIND_STYLES[kind], fill=_fill(colour), border=_BORDER, alignment=_CENTRE)
        for kind, colour in KIND_FILLS.items()
    )
    return styles


def add_styles(book: Workbook) -> None:
    """Register every named style with the workbook before any cell uses it."""
    for style in _named_styles():
        book.add_named_style(style)


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def make_printable(ws: Worksheet, title: str, footer: str = "") -> None:
    """Landscape A4, one page wide, the header row on every page, title and page numbers."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    header, footer_item = HeaderFooterItem(), HeaderFooterItem()
    header.center.text = _escaped(title)
    header.center.font = "Calibri,Bold"
    footer_item.left.text = _escaped(footer)
    footer_item.right.text = "Page &P of &N"
    ws.oddHeader, ws.oddFooter = header, footer_item


def _escaped(text: str) -> str:
    """'&' starts a code in Excel's header/footer language; a literal one is written '&&'."""
    return text.replace("&", "&&")
