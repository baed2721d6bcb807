"""The yearly report's words, in Vietnamese: the same sections for the Word document and the Markdown file.

Every figure comes from the report's data; a section with nothing to report
says so. The office's own part (its proposals) is a dotted blank.
"""

from __future__ import annotations

from dataclasses import dataclass

from .collect import ActivityReport

BLANK = "……"  # for the office to fill in


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] | None = None  # header, rows
    weights: tuple[int, ...] = ()  # the columns' relative widths on paper (Word); equal when not given


def title_lines(report: ActivityReport) -> list[tuple[str, bool]]:
    """(line, bold): the title, its subject and the addressee."""
    province = report.province or BLANK
    return [
        ("BÁO CÁO", True),
        (f"Kết quả công tác ngoại giao văn hóa năm {report.year}", True),
        (f"Kính gửi: Ủy ban nhân dân tỉnh {province} (qua Sở Ngoại vụ)", False),
    ]


def sections(report: ActivityReport) -> list[Section]:
    visits, year = report.visits, report.year
    countries = ", ".join(f"{name} ({count} đoàn)" for name, count in report.countries) or "chưa ghi nước"
    totals = ", ".join(f"{name}: {count}" for name, count in report.totals)
    out = [Section("I. TÌNH HÌNH CHUNG", (
        "Báo cáo được lập từ dữ liệu của cơ quan (danh mục di sản, hồ sơ các chuyến thăm, lịch sự kiện) "
        "bằng công cụ heritage; các nội dung để trống do cơ quan bổ sung.",
        f"Năm {year}, theo hồ sơ, cơ quan đón {len(visits)} đoàn khách quốc tế"
        + (f" của {len(report.countries)} nước: {countries}" if report.countries else "")
        + f"; tặng {report.gifts} phần quà là sản phẩm OCOP; chuẩn bị {len(visits)} tập giới thiệu và chương trình đón đoàn; "
        f"lịch có {len(report.events)} lần tổ chức sự kiện, lễ hội, ngày kỷ niệm trong năm. Số bản ghi hiện có trong danh mục: {totals}.",
    ))]

    out.append(Section("II. KẾT QUẢ THỰC HIỆN"))
    out.append(Section("1. Đón tiếp các đoàn khách quốc tế",
                       () if visits else (f"Hồ sơ không có chuyến thăm nào trong năm {year}.",),
                       (("STT", "Đoàn", "Nước", "Thời gian", "Các điểm giới thiệu"),
                        tuple((str(n), v.name, v.country or BLANK, v.dates, "; ".join(v.places) or "-")
                              for n, v in enumerate(visits, 1))) if visits else None, (3, 7, 5, 5, 9)))
    gifted = [v for v in visits if v.gifts]
    out.append(Section("2. Quà tặng đối ngoại (sản phẩm OCOP)",
                       () if gifted else ("Hồ sơ không ghi quà tặng nào trong năm.",),
                       (("STT", "Đoàn", "Quà tặng"), tuple((str(n), v.name, "; ".join(v.gifts)) for n, v in enumerate(gifted, 1)))
                       if gifted else None, (3, 10, 13)))
    out.append(Section("3. Ấn phẩm giới thiệu cho các đoàn",
                       tuple(f"Tập giới thiệu in (brochures/{v.visit}.pdf) và chương trình đón đoàn (brochures/{v.visit}.docx) "
                             f"cho {v.name}, bằng {', '.join(language[:1].lower() + language[1:] for language in v.languages)}." for v in visits)
                       or ("Không có ấn phẩm cho chuyến thăm nào trong năm.",)))
    events = report.events
    out.append(Section("4. Sự kiện, lễ hội và ngày kỷ niệm trong năm",
                       () if events else ("Lịch không có sự kiện nào trong năm.",),
                       (("Thời gian", "Sự kiện", "Loại", "Ghi chú"), tuple((e.when, e.name, e.kind, e.note or "-") for e in events))
                       if events else None, (5, 9, 3, 4)))
    if report.history:
        lines = (f"Trong năm có {len(report.added)} bản ghi được thêm mới và {len(report.updated)} bản ghi được cập nhật "
                 f"(theo lịch sử tệp của kho dữ liệu).",)
        rows = tuple(("Thêm mới", r.name, r.path) for r in report.added) + tuple(("Cập nhật", r.name, r.path) for r in report.updated)
        table = (("Thay đổi", "Bản ghi", "Tệp"), rows) if rows else None
    else:
        lines, table = ("Không có lịch sử tệp (dữ liệu không nằm trong kho Git), nên không thống kê được bản ghi thêm mới, cập nhật.",), None
    out.append(Section("5. Cập nhật danh mục di sản, sản phẩm và sự kiện", lines, table, (3, 7, 8)))
    out.append(Section("6. Bản dịch", ("Số bản ghi có đủ văn bản ở từng ngôn ngữ mà các trang web sử dụng:",),
                       (("Ngôn ngữ", "Đủ bản dịch", "Tổng số bản ghi", "Bản dịch cần cập nhật"),
                        tuple((c.language, str(c.complete), str(c.total), str(c.outdated)) for c in report.coverage))))
    out.append(Section("III. ĐỀ XUẤT, KIẾN NGHỊ", (BLANK * 15, BLANK * 15)))
    return out
