"""Deadlines: a table of Vietnamese time expressions in task clauses, resolved against the meeting date.

Meeting dates used below: A = Tue 2023-02-28, B = Fri 2024-11-15, C = Thu 2025-07-10, D = Mon 2026-01-05.
Each row: (clause, meeting date, expected ISO date or None, granularity or None, recurring).
A granularity of None means the clause has no deadline at all (find_deadline -> None).
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutes_nlp import timex
from minutes_nlp.timex import find_dates, find_deadline, find_time_expressions, lunar_new_year_after, resolve

A = dt.date(2023, 2, 28)
B = dt.date(2024, 11, 15)
C = dt.date(2025, 7, 10)
D = dt.date(2026, 1, 5)

ROWS = [
    # --- explicit dates in every common writing, with their cues
    ("Sở Tài chính hoàn thành dự thảo trước ngày 15/4/2024", A, "2024-04-15", "day", False),
    ("báo cáo UBND tỉnh chậm nhất ngày 20/11", A, "2023-11-20", "day", False),
    ("gửi hồ sơ về Sở Nội vụ, hạn chót 15/12", A, "2023-12-15", "day", False),
    ("lắp đặt thiết bị xong trước 30.6", A, "2023-06-30", "day", False),
    ("nộp báo cáo trước 17 giờ ngày 5/3", A, "2023-03-05", "day", False),
    ("trình phương án trước 16h30 ngày 10/3/2023", A, "2023-03-10", "day", False),
    ("hoàn thành việc rà soát đến hết ngày 31/3", A, "2023-03-31", "day", False),
    ("tổ chức nghiệm thu ngày 15 tháng 3 năm 2024", A, "2024-03-15", "day", False),
    ("bàn giao mặt bằng trước ngày 15-3-2024", A, "2024-03-15", "day", False),
    ("bàn giao mặt bằng trước ngày 15.3.2024", A, "2024-03-15", "day", False),
    ("cập nhật dữ liệu dân cư trước ngày 05/01/2025", B, "2025-01-05", "day", False),
    ("gửi kế hoạch chậm nhất là ngày 02/12", B, "2024-12-02", "day", False),
    ("hoàn thành cấp giấy chứng nhận trước ngày 10/01", B, "2025-01-10", "day", False),
    ("nộp tờ trình trước ngày 20 tháng 2", A, "2024-02-20", "day", False),
    ("báo cáo xong trước ngày 28/02", A, "2023-02-28", "day", False),
    ("kiểm tra hiện trường xong trước ngày 1/3", A, "2023-03-01", "day", False),
    ("dọn dẹp vệ sinh xong trước 27.9", C, "2025-09-27", "day", False),
    ("ban hành quy chế phối hợp trước ngày 30/6/2025", B, "2025-06-30", "day", False),
    ("gửi Văn phòng UBND tỉnh, hạn chót là ngày 25/7", C, "2025-07-25", "day", False),
    ("lập hồ sơ thiết kế, thời hạn hoàn thành 31/8/2025", C, "2025-08-31", "day", False),
    ("hoàn thành trước ngày 5 tháng 8", C, "2025-08-05", "day", False),
    ("trình UBND tỉnh trước ngày 15/01/2026", D, "2026-01-15", "day", False),
    ("báo cáo tình hình trước ngày 03/01", D, "2027-01-03", "day", False),
    ("hoàn thành thủ tục đến ngày 30/4/2023", A, "2023-04-30", "day", False),
    ("tổ chức hội nghị sơ kết vào ngày 10/3/2023", A, "2023-03-10", "day", False),
    ("kiểm tra thực tế trước ngày 31/7/2025 để tổng hợp", C, "2025-07-31", "day", False),
    ("cấp phát sách giáo khoa trước ngày 25 tháng 8 năm 2025", C, "2025-08-25", "day", False),
    ("gửi dự thảo chậm nhất vào ngày 12/3", A, "2023-03-12", "day", False),
    ("gửi ý kiến góp ý trước 10 giờ ngày 2/3/2023", A, "2023-03-02", "day", False),
    ("trả lời cử tri muộn nhất ngày 30/9/2025", C, "2025-09-30", "day", False),
    ("TRƯỚC NGÀY 15/4/2024 phải có báo cáo", A, "2024-04-15", "day", False),
    ("sửa chữa trường học, xong trước ngày 5/9", C, "2025-09-05", "day", False),
    ("đưa vào khai thác trước 31.12.2025", C, "2025-12-31", "day", False),
    # --- months
    ("triển khai phần mềm trong tháng 11", A, "2023-11-30", "month", False),
    ("hoàn thành kiểm kê trong tháng 3/2023", A, "2023-03-31", "month", False),
    ("hoàn thành trong tháng 01/2024", A, "2024-01-31", "month", False),
    ("đưa công trình vào sử dụng tháng 4", A, "2023-04-30", "month", False),
    ("xong trong tháng 1", A, "2024-01-31", "month", False),
    ("hoàn thành việc di dời trong tháng 2", A, "2023-02-28", "month", False),
    ("trình đề án đến hết tháng 3/2024", A, "2024-03-31", "month", False),
    ("báo cáo kết quả trong tháng tới", A, "2023-03-31", "month", False),
    ("báo cáo kết quả trong tháng sau", B, "2024-12-31", "month", False),
    ("xử lý dứt điểm trước cuối tháng này", B, "2024-11-30", "month", False),
    ("khởi công vào đầu tháng 10", A, "2023-10-10", "month", False),
    ("thông xe kỹ thuật giữa tháng 11", A, "2023-11-15", "month", False),
    ("trình HĐND trong trung tuần tháng 11", A, "2023-11-20", "month", False),
    ("hoàn thành thượng tuần tháng 4", A, "2023-04-10", "month", False),
    ("bàn giao hạ tuần tháng 11", A, "2023-11-30", "month", False),
    ("nghiệm thu cuối tháng 11", A, "2023-11-30", "month", False),
    ("thanh toán trong tháng 12/2024", B, "2024-12-31", "month", False),
    ("hoàn thành tháng 2/2024", A, "2024-02-29", "month", False),
    ("giải ngân hết vốn trong tháng này", C, "2025-07-31", "month", False),
    ("tổ chức ngay trong tháng 8", C, "2025-08-31", "month", False),
    ("khai trương đầu tháng sau", C, "2025-08-10", "month", False),
    ("hoàn thành trước cuối tháng", C, "2025-07-31", "month", False),
    # weeks of a month, not "trong tuần" (this week)
    ("báo cáo vào tuần cuối tháng 4/2026", C, "2026-04-30", "month", False),
    ("tiêm vét trong tuần đầu tháng 1/2026", C, "2026-01-07", "month", False),
    ("hoàn thành chậm nhất trong tuần thứ hai của tháng 9", C, "2025-09-14", "month", False),
    # days of the first lunar month, counted from Tết (2026: 17 February)
    ("dọn dẹp xong trước Rằm tháng Giêng", D, "2026-03-03", "day", False),
    ("ra quân vào ngày mùng 6 tháng Giêng", D, "2026-02-22", "day", False),
    ("tổng hợp, báo cáo UBND tỉnh chậm nhất ngày mùng 6 Tết", D, "2026-02-22", "day", False),
    ("tổ chức giải đua thuyền vào mồng 4 Tết Nguyên đán", D, "2026-02-20", "day", False),
    # a part of the day or a weekday introduces a day/month as "ngày" does; a bare "3/4" does not
    ("tổ chức tổng duyệt chương trình khai mạc vào tối 27/4", C, "2026-04-27", "day", False),
    ("ra quân thu gom rác thải vào sáng Chủ nhật 17/8", C, "2025-08-17", "day", False),
    ("tổ chức kiểm tra vào thứ Bảy, 19/7", C, "2025-07-19", "day", False),
    ("phấn đấu hoàn thành 3/4 khối lượng đào đắp", C, None, None, False),
    # due before a named period begins: the day before it
    ("bổ sung giáo viên trước tháng 10/2025", C, "2025-09-30", "month", False),
    ("hoàn thành trước quý IV", C, "2025-09-30", "quarter", False),
    ("hoàn thành trước năm 2026", C, "2025-12-31", "year", False),
    ("xong trước cuối tháng 10", C, "2025-10-31", "month", False),  # not a whole period
    # "báo cáo" with an addressee is the action; without one it names the report
    ("khảo sát các cống, báo cáo UBND tỉnh giữa tháng 11", C, "2025-11-15", "month", False),
    ("tổng hợp báo cáo kết quả tháng 11", C, None, None, False),
    # a year that names a season, a "Tháng" that is part of a street's name: no due date
    ("sửa chữa đường, hoàn thành trước mùa mưa năm 2025", C, None, None, False),
    ("lập lại trật tự vỉa hè trên các tuyến Mậu Thân, 30 Tháng 4", C, None, None, False),
    ("tổ chức lễ ra quân trong tháng Giêng", D, "2026-01-31", "month", False),
    ("đấu giá quyền sử dụng đất trong tháng 5 năm 2025", B, "2025-05-31", "month", False),
    ("thẩm định tháng 12 năm nay", C, "2025-12-31", "month", False),
    ("đưa vào khai thác trong tháng 3 năm sau", C, "2026-03-31", "month", False),
    ("hoàn thành lắp đặt tháng 6", C, "2026-06-30", "month", False),
    ("báo cáo tại phiên họp thường kỳ tháng 8/2025", C, "2025-08-31", "month", False),
    ("trình tại hội nghị tháng 6/2021", dt.date(2021, 3, 10), "2021-06-30", "month", False),
    ("báo cáo tại phiên họp UBND tỉnh tháng tới", A, "2023-03-31", "month", False),
    ("hoàn thành trong tháng 10 năm 2024", A, "2024-10-31", "month", False),
    ("trình trong tháng 9-2025", C, "2025-09-30", "month", False),
    # --- quarters (Roman or Arabic numerals)
    ("hoàn thành trong quý I", A, "2023-03-31", "quarter", False),
    ("hoàn thành giải phóng mặt bằng quý 3/2022", dt.date(2022, 5, 4), "2022-09-30", "quarter", False),
    ("đưa vào vận hành trong quý IV năm 2025", B, "2025-12-31", "quarter", False),
    ("khởi công trong quý II/2024", A, "2024-06-30", "quarter", False),
    ("thí điểm trong quý I", C, "2026-03-31", "quarter", False),
    ("ban hành quy định quý 2", C, "2026-06-30", "quarter", False),
    ("hoàn thành trong quý III", C, "2025-09-30", "quarter", False),
    ("thanh lý hợp đồng trong quý này", B, "2024-12-31", "quarter", False),
    ("triển khai quý tới", B, "2025-03-31", "quarter", False),
    ("quyết toán trước cuối quý", A, "2023-03-31", "quarter", False),
    ("hoàn thành trong quý", C, "2025-09-30", "quarter", False),
    ("đưa vào sử dụng quý IV/2023", A, "2023-12-31", "quarter", False),
    ("khánh thành trong quý 1 năm 2024", A, "2024-03-31", "quarter", False),
    ("hoàn thành quý II năm nay", A, "2023-06-30", "quarter", False),
    ("phê duyệt trong quý iii", A, "2023-09-30", "quarter", False),
    ("chuyển đổi xong trong quý IV", B, "2024-12-31", "quarter", False),
    # --- halves
    ("hoàn thành trong 6 tháng đầu năm", A, "2023-06-30", "half", False),
    ("đưa vào khai thác 6 tháng cuối năm", A, "2023-12-31", "half", False),
    ("hoàn thành trong 6 tháng đầu năm 2024", A, "2024-06-30", "half", False),
    ("xây xong sáu tháng cuối năm 2025", C, "2025-12-31", "half", False),
    ("hoàn thiện hồ sơ trong nửa đầu năm", C, "2026-06-30", "half", False),
    ("triển khai 6 tháng đầu năm nay", A, "2023-06-30", "half", False),
    # --- years
    ("phấn đấu hoàn thành trong năm 2025", B, "2025-12-31", "year", False),
    ("xóa nhà tạm trong năm nay", A, "2023-12-31", "year", False),
    ("triển khai thí điểm vào năm sau", A, "2024-12-31", "year", False),
    ("mở rộng mô hình trong năm tới", B, "2025-12-31", "year", False),
    ("hoàn thành trước cuối năm", A, "2023-12-31", "year", False),
    ("giải ngân từ nay đến hết năm", C, "2025-12-31", "year", False),
    ("tập trung thu nợ thuế từ nay đến cuối năm", C, "2025-12-31", "year", False),
    ("phấn đấu giải ngân cả năm đạt 95%", A, "2023-12-31", "year", False),
    ("trình HĐND tỉnh tại kỳ họp cuối năm", A, "2023-12-31", "year", False),
    ("đưa nhà máy vào vận hành cuối năm 2024", A, "2024-12-31", "year", False),
    ("phấn đấu năm 2024 đạt tăng trưởng 7%", A, "2024-12-31", "year", False),
    ("hoàn thành mục tiêu tăng trưởng năm 2023", A, "2023-12-31", "year", False),
    ("hoàn thành các chỉ tiêu kế hoạch năm 2024", A, "2024-12-31", "year", False),
    ("bảo đảm thu ngân sách năm 2024 đạt trên 11.400 tỷ đồng", A, "2024-12-31", "year", False),
    ("tập trung cao độ trong những tháng cuối năm", B, "2024-12-31", "year", False),
    ("hoàn thành trong năm", C, "2025-12-31", "year", False),
    ("xây dựng xong đến hết năm 2025", B, "2025-12-31", "year", False),
    ("hoàn thành năm 2026", D, "2026-12-31", "year", False),
    # --- spans counted from the meeting
    ("trong 15 ngày phải có báo cáo", A, "2023-03-15", "day", False),
    ("khắc phục trong vòng 30 ngày kể từ ngày họp", A, "2023-03-30", "day", False),
    ("trả lời bằng văn bản trong 10 ngày làm việc", A, "2023-03-14", "day", False),
    ("trả lời trong 10 ngày làm việc", dt.date(2024, 4, 25), "2024-05-14", "day", False),
    ("giải quyết trong 5 ngày làm việc", dt.date(2023, 8, 30), "2023-09-08", "day", False),
    ("hoàn thiện hồ sơ trong 2 tuần", A, "2023-03-14", "week", False),
    ("báo cáo trong 3 ngày kể từ ngày người bệnh ra viện", A, None, "day", False),
    ("sửa chữa trong thời hạn 07 ngày", C, "2025-07-17", "day", False),
    ("rà soát trong hai tuần tới", A, "2023-03-14", "week", False),
    ("hoàn tất trong 3 tháng", A, "2023-05-28", "month", False),
    ("khắc phục trong vòng 45 ngày kể từ ngày ký", C, "2025-08-24", "day", False),
    ("bổ sung trong vòng 20 ngày kể từ ngày 01/3/2023", A, "2023-03-21", "day", False),
    ("giải quyết trong thời gian không quá 30 ngày", C, "2025-08-09", "day", False),
    ("kiểm tra trong 15 ngày tới", B, "2024-11-30", "day", False),
    ("thống kê trong mười ngày", B, "2024-11-25", "day", False),
    ("hoàn thành trong 07 ngày làm việc kể từ ngày ký", C, "2025-07-21", "day", False),
    # --- weeks
    ("hoàn thành trong tuần này", A, "2023-03-05", "week", False),
    ("gửi danh sách tuần sau", A, "2023-03-12", "week", False),
    ("báo cáo Chủ tịch trong tuần tới", B, "2024-11-24", "week", False),
    ("báo cáo vào thứ Sáu tuần sau", A, "2023-03-10", "day", False),
    ("làm việc với nhà đầu tư thứ Hai tuần tới", B, "2024-11-18", "day", False),
    ("hoàn thành trong tuần", D, "2026-01-11", "week", False),
    ("gửi tài liệu trước thứ Sáu", D, "2026-01-09", "day", False),
    ("nộp hồ sơ chậm nhất thứ Năm tuần này", C, "2025-07-10", "day", False),
    ("tổng vệ sinh cuối tuần này", C, "2025-07-13", "week", False),
    # --- lunar and fixed events
    ("chi trả tiền hỗ trợ trước Tết Nguyên đán", A, "2024-02-09", "day", False),
    ("hoàn thành trước Tết Giáp Thìn", A, "2024-02-09", "day", False),
    ("thông xe trước Tết", B, "2025-01-28", "day", False),
    # "dịp Tết" is the holiday's stretch of days (supplies, patrols, prices while it lasts) ...
    ("bảo đảm hàng hóa dịp Tết Nguyên đán Ất Tỵ 2025", B, None, None, False),
    ("tăng cường tuần tra, kiểm soát nồng độ cồn dịp Tết", B, None, None, False),
    ("kiểm soát giá các mặt hàng thiết yếu dịp cuối năm", B, None, None, False),
    ("xử lý vi phạm nồng độ cồn, nhất là vào dịp cuối năm", A, None, None, False),
    # ... but gifts and visits are due by it, and "trước dịp Tết" is before it
    ("tặng quà cho hộ nghèo, gia đình chính sách dịp Tết Nguyên đán", B, "2025-01-28", "day", False),
    ("hoàn thành xóa nhà tạm, bàn giao trước dịp Tết Nguyên đán", B, "2025-01-28", "day", False),
    # other festivals called "Tết" are not the Lunar New Year (Mid-Autumn 2024: 17 September)
    ("sản xuất bánh, xong trước Tết Trung thu", dt.date(2024, 8, 20), "2024-09-16", "day", False),
    ("thăm, tặng quà cho trẻ em nhân dịp Tết Trung thu", dt.date(2024, 8, 20), "2024-09-17", "day", False),
    ("phát động Tết trồng cây", A, None, None, False),
    # a relative year followed by a figure ("năm sau 80% tiểu thương ..."), not by a year
    ("phấn đấu năm sau 80% tiểu thương thanh toán không dùng tiền mặt", B, "2025-12-31", "year", False),
    # a day and month written without "ngày", after a due cue; "trong 15 tháng" stays a span
    ("tổ chức sơ tuyển nghĩa vụ quân sự, xong trước 15 tháng 10", C, "2025-10-15", "day", False),
    ("thi công hoàn thành trong 15 tháng 10 ngày", C, "2026-10-10", "month", False),
    # commemorative days: a date with a cue, the event without one
    ("tặng quà cho trẻ em dịp Ngày Quốc tế Thiếu nhi 1/6", A, "2023-06-01", "day", False),
    ("thăm hỏi gia đình chính sách trước Ngày Thương binh - Liệt sĩ", A, "2023-07-27", "day", False),
    ("tuyên truyền kỷ niệm 76 năm Ngày Thương binh - Liệt sĩ", A, None, None, False),
    # the weekend is not this week's end; a named week is not this week
    ("kiểm tra nồng độ cồn vào các ngày cuối tuần", C, None, None, False),
    ("tăng chuyến xe buýt vào buổi tối và dịp cuối tuần", C, None, None, False),
    ("gửi báo cáo trước cuối tuần", C, "2025-07-13", "week", False),
    ("phân luồng giao thông trước cổng trường trong tuần đầu năm học", C, None, None, False),
    ("bố trí lực lượng trong tuần lễ khai giảng", C, None, None, False),
    # a season names the year ("hè năm 2025", "mùa mưa năm nay"): no day
    ("mở lớp dạy bơi cho học sinh trong hè năm 2025", A, None, None, False),
    ("hoàn trả mặt đường trước mùa mưa năm nay", A, None, None, False),
    # a year that names what is budgeted or called up, not when it is due
    ("Sở Tài chính bố trí kinh phí huấn luyện dân quân tự vệ năm 2024 đúng định mức", A, None, None, False),
    ("Ban Chỉ huy Quân sự xã lập danh sách gọi công dân nhập ngũ năm 2024", A, None, None, False),
    # the start or middle of a year is no day to be due, but a start is
    ("báo cáo Ban Thường vụ tại hội nghị đầu năm 2024", A, None, "year", False),
    ("triển khai thu tiền nước qua ứng dụng từ đầu năm 2024", A, "2023-12-31", "year", False),
    ("trả lương cho người lao động trước Tết Nguyên đán", dt.date(2025, 12, 20), "2026-02-16", "day", False),
    ("hoàn thành trước Tết Bính Ngọ", C, "2026-02-16", "day", False),
    ("quyết toán trước Tết Dương lịch", B, "2024-12-31", "day", False),
    ("trang trí đường phố dịp Quốc khánh 2/9", C, "2025-09-02", "day", False),
    ("sửa chữa phòng học trước ngày khai giảng 05/9", C, "2025-09-05", "day", False),
    ("tặng quà trước Tết Nguyên đán", dt.date(2024, 2, 1), "2024-02-09", "day", False),
    ("Trước Tết Nguyên Đán phải thông xe", A, "2024-02-09", "day", False),
    ("thăm hỏi gia đình chính sách vào dịp Tết Nguyên đán", dt.date(2024, 12, 1), "2025-01-28", "day", False),
    ("bảo đảm hàng hóa trước và trong dịp Tết", dt.date(2024, 12, 1), "2025-01-28", "day", False),
    # --- go-live: due the day before
    ("hệ thống vận hành chính thức từ ngày 01/01/2026", C, "2025-12-31", "day", False),
    ("phần mềm đưa vào sử dụng từ ngày 1/7/2025", dt.date(2025, 3, 1), "2025-06-30", "day", False),
    # --- no deadline
    ("thường xuyên kiểm tra, giám sát", A, None, None, False),
    ("kịp thời báo cáo UBND tỉnh", A, None, None, False),
    ("sớm hoàn thành việc sửa chữa", A, None, None, False),
    ("khẩn trương triển khai ngay", A, None, None, False),
    ("tăng cường công tác tuyên truyền", A, None, None, False),
    ("từ ngày 15/6, tạm dừng tiếp nhận hồ sơ giấy", dt.date(2023, 7, 1), None, None, False),
    ("tiếp nhận 8/10 hồ sơ", A, None, None, False),
    ("mời đồng chí Tuấn tới dự và phát biểu", A, None, None, False),
    ("báo cáo kết quả tháng qua", A, None, None, False),
    # --- recurring
    ("báo cáo UBND tỉnh hằng tháng", A, None, "month", True),
    ("báo cáo tiến độ trước ngày 25 hằng tháng", A, "2023-03-25", "day", True),
    ("gửi số liệu trước ngày 20 hàng tháng", B, "2024-11-20", "day", True),
    ("tổng hợp trước ngày 10 hằng tháng", B, "2024-12-10", "day", True),
    ("báo cáo định kỳ hằng quý", A, None, "quarter", True),
    ("rà soát danh mục hằng năm", A, None, "year", True),
    ("kiểm kê tài sản trước ngày 15/12 hằng năm", A, "2023-12-15", "day", True),
    ("họp giao ban vào thứ Hai hằng tuần", C, "2025-07-14", "day", True),
    ("chốt số liệu trước ngày 31 hằng tháng", dt.date(2023, 4, 5), "2023-04-30", "day", True),
    # --- topic-only periods are not deadlines
    ("xây dựng kế hoạch năm 2025", B, None, None, False),
    ("chuẩn bị báo cáo quý I", A, None, None, False),
    ("tuyển sinh năm học 2024 - 2025", A, None, None, False),
    ("tổng kết giai đoạn 2021 - 2025", C, None, None, False),
    ("triển khai Quyết định số 35/QĐ-UBND ngày 06/01/2026", D, None, None, False),
    ("đánh giá kết quả tháng 02/2023", A, None, None, False),
    ("tổ chức diễn tập khu vực phòng thủ năm 2023", A, None, None, False),
    ("năm 2022 tỉnh đã thu vượt dự toán", A, None, None, False),
    ("chăm lo cho hộ nghèo Tết Nguyên đán Bính Ngọ 2026", C, None, None, False),
    ("quán triệt nghị quyết nhiệm kỳ 2021 - 2026", C, None, None, False),
    ("phân tích số liệu so với cùng kỳ năm 2022", A, None, None, False),
    # --- text typed without diacritics
    ("Phong Tai chinh bao cao truoc ngay 15/4/2024", A, "2024-04-15", "day", False),
    ("hoan thanh trong quy 3/2023", A, "2023-09-30", "quarter", False),
    ("tra loi trong 5 ngay lam viec", A, "2023-03-07", "day", False),
    ("xong truoc 30.6", A, "2023-06-30", "day", False),
    ("phan dau den cuoi nam 2023 dat 93%", A, "2023-12-31", "year", False),
    ("trinh UBND tinh truoc ngay 15 thang 8 nam 2023", A, "2023-08-15", "day", False),
    ("bao cao ket qua cuoi thang nay", B, "2024-11-30", "month", False),
    ("hoan thanh trong tuan toi", C, "2025-07-20", "week", False),
    # --- counted from the meeting even after a topic noun
    ("báo cáo kết quả thứ Sáu tuần sau", A, "2023-03-10", "day", False),
    ("gửi báo cáo kết quả cuối tháng này", C, "2025-07-31", "month", False),
    ("sơ tán dân xong trước 22 giờ tối nay", C, "2025-07-10", "day", False),
    ("gửi danh sách trong ngày mai", C, "2025-07-11", "day", False),
    ("chuyển bệnh nhân trong vòng 48 giờ", C, "2025-07-12", "day", False),
    ("báo cáo thiệt hại trong 2 ngày sau khi nước rút", C, None, "day", False),
    ("ôn tập cho học sinh trong 2 tuần đầu năm học", C, None, None, False),
    ("kiểm tra vệ sinh trong tháng 6 và tháng 7", dt.date(2025, 5, 20), "2025-07-31", "month", False),
    # --- starts: a go-live ahead of the meeting is due the day before; a past start or a range is not
    ("áp dụng biểu phí mới từ ngày 01/9/2025", C, "2025-08-31", "day", False),
    ("cấp học bạ số cho học sinh từ tháng 9/2025", C, "2025-08-31", "month", False),
    ("thu phí từ ngày 01/3/2025", C, None, None, False),
    ("trực 24/24 giờ từ ngày 20/7/2025 đến ngày 30/7/2025", C, "2025-07-30", "day", False),
    # --- a holiday as a period of conditions, and service times, are not deadlines
    ("không để xảy ra đốt pháo trong dịp Tết", C, None, None, False),
    ("rút ngắn thời gian cấp phép xuống còn không quá 10 ngày", C, None, None, False),
    ("giảm thời gian giải quyết hồ sơ xuống 5 ngày làm việc", C, None, None, False),
    ("thu gom rác trong ngày, không để tồn đọng", C, None, None, False),
    # --- the deadline of the clause is the cued one, not the topic period
    ("triển khai kế hoạch năm 2025, hoàn thành trước ngày 30/6/2025", B, "2025-06-30", "day", False),
    ("tổng hợp báo cáo quý I, gửi Sở Tài chính trước ngày 10/4", A, "2023-04-10", "day", False),
    ("diễn tập khu vực phòng thủ năm 2023 xong trong quý III", A, "2023-09-30", "quarter", False),
    (
        "thực hiện Thông báo số 12/TB-UBND ngày 20/02/2023, hoàn thành trong tháng 3",
        A,
        "2023-03-31",
        "month",
        False,
    ),
    ("hoàn thành trước ngày 15/3/2024 và báo cáo trong quý I", A, "2024-03-15", "day", False),
    ("tổng kết năm học 2024 - 2025 trước ngày 31/5/2025", B, "2025-05-31", "day", False),
]


def test_table_is_big_enough() -> None:
    assert len(ROWS) >= 150


@pytest.mark.parametrize(("clause", "ref", "expected", "granularity", "recurring"), ROWS)
def test_find_deadline_table(clause: str, ref: dt.date, expected: str | None, granularity, recurring) -> None:
    match = find_deadline(clause, ref)
    if granularity is None:
        assert match is None, match
        return
    assert match is not None, clause
    assert (match.date.isoformat() if match.date else None) == expected
    assert match.granularity == granularity
    assert match.recurring is recurring
    assert match.kind == "deadline"
    assert clause[match.start : match.end] == match.text


@pytest.mark.parametrize(
    ("clause", "ref", "text"),
    [
        ("Sở Tài chính hoàn thành dự thảo trước ngày 15/4/2024.", A, "trước ngày 15/4/2024"),
        ("hoàn thành trong quý II/2024", A, "trong quý II/2024"),
        ("báo cáo UBND tỉnh hằng tháng", A, "hằng tháng"),
        ("nộp báo cáo trước 17 giờ ngày 5/3", A, "trước 17 giờ ngày 5/3"),
        ("khắc phục trong vòng 30 ngày kể từ ngày họp", A, "trong vòng 30 ngày kể từ ngày họp"),
    ],
)
def test_source_words_include_the_cue(clause: str, ref: dt.date, text: str) -> None:
    match = find_deadline(clause, ref)
    assert match is not None and match.text == text


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("kế hoạch năm 2025", "topic"),
        ("báo cáo quý I", "topic"),
        ("năm học 2024 - 2025", "year_range"),
        ("Quyết định số 35/QĐ-UBND ngày 06/01/2026", "cited_document"),
        ("từ ngày 15/6 đến nay", "range_start"),
    ],
)
def test_periods_are_found_but_marked(text: str, rule: str) -> None:
    found = find_time_expressions(text, A)
    assert [m.kind for m in found] == ["period"]
    assert found[0].rule == rule


def test_expressions_in_text_order_without_overlap() -> None:
    text = "Từ ngày 01/3/2023 đến ngày 15/3/2023, rà soát kế hoạch năm 2023 và báo cáo trước ngày 20/3."
    found = find_time_expressions(text, A)
    assert [(m.kind, m.date.isoformat()) for m in found] == [
        ("period", "2023-03-01"),
        ("deadline", "2023-03-15"),
        ("period", "2023-12-31"),
        ("deadline", "2023-03-20"),
    ]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


@pytest.mark.parametrize(
    ("expression", "ref", "expected"),
    [
        ("trước ngày 20/11", A, "2023-11-20"),
        ("20/11/2024", A, "2024-11-20"),
        ("2024-11-20", A, "2024-11-20"),
        ("20/11", A, "2023-11-20"),
        ("quý I", C, "2026-03-31"),
        ("tuần sau", A, "2023-03-12"),
        ("kế hoạch năm 2025", A, "2025-12-31"),
        ("báo cáo quý I", A, "2023-03-31"),
        ("ngày 3 tháng 8 năm 2023", A, "2023-08-03"),
        ("trước Tết", A, "2024-02-09"),
        ("tháng 4/2024", A, "2024-04-30"),
    ],
)
def test_resolve_what_a_reviewer_types(expression: str, ref: dt.date, expected: str) -> None:
    match = resolve(expression, ref)
    assert match is not None and match.date is not None
    assert match.date.isoformat() == expected
    assert match.kind == "deadline"
    assert expression[match.start : match.end] == match.text


@pytest.mark.parametrize("expression", ["thường xuyên", "kịp thời", "sớm", "ngay", "", "không rõ"])
def test_resolve_no_deadline(expression: str) -> None:
    match = resolve(expression, A)
    assert match is None or match.date is None


def test_find_dates_only_full_dates() -> None:
    text = "Ngày 28/02/2023, UBND tỉnh họp; ngày 03 tháng 8 năm 2023 ký; hạn 15/3; bản in 15.3.2024."
    found = find_dates(text)
    assert [d.isoformat() for _, _, d in found] == ["2023-02-28", "2023-08-03", "2024-03-15"]
    assert [text[s:e] for s, e, _ in found] == ["28/02/2023", "ngày 03 tháng 8 năm 2023", "15.3.2024"]


def test_find_dates_without_diacritics() -> None:
    found = find_dates("Hom nay, ngay 03 thang 8 nam 2023, UBND huyen hop")
    assert [d.isoformat() for _, _, d in found] == ["2023-08-03"]


def test_find_dates_skips_impossible_dates() -> None:
    assert find_dates("ngày 31/02/2023 và 29/2/2023") == []
    assert [d for _, _, d in find_dates("29/2/2024")] == [dt.date(2024, 2, 29)]


@pytest.mark.parametrize(
    ("day", "tet"),
    [
        (dt.date(2023, 2, 28), dt.date(2024, 2, 10)),
        (dt.date(2024, 2, 9), dt.date(2024, 2, 10)),
        (dt.date(2024, 2, 10), dt.date(2025, 1, 29)),
        (dt.date(2025, 12, 31), dt.date(2026, 2, 17)),
    ],
)
def test_lunar_new_year_after(day: dt.date, tet: dt.date) -> None:
    assert lunar_new_year_after(day) == tet


def test_offsets_map_back_to_decomposed_input() -> None:
    clause = unicodedata.normalize("NFD", "Sở Y tế báo cáo trước ngày 15/4/2024 và trong tháng 5")
    match = find_deadline(clause, A)
    assert match is not None and match.date == dt.date(2024, 4, 15)
    assert clause[match.start : match.end] == match.text
    assert unicodedata.normalize("NFC", match.text) == "trước ngày 15/4/2024"


def test_never_uses_today() -> None:
    assert find_deadline("hoàn thành trong quý I", dt.date(1999, 5, 1)).date == dt.date(2000, 3, 31)


# --------------------------------------------------------------------------- properties


def _writings(day: dt.date) -> list[str]:
    d, m, y = day.day, day.month, day.year
    forms = []
    for dd, mm in ((f"{d}", f"{m}"), (f"{d:02d}", f"{m:02d}"), (f"{d:02d}", f"{m}")):
        forms += [f"{dd}/{mm}/{y}", f"{dd}-{mm}-{y}", f"{dd}.{mm}.{y}", f"ngày {dd} tháng {mm} năm {y}"]
    return forms + [f"{y}-{m:02d}-{d:02d}"]


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)),
    ref=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)),
)
def test_every_writing_resolves_to_the_same_day(day: dt.date, ref: dt.date) -> None:
    for form in _writings(day):
        for cue in ("", "trước ngày ", "chậm nhất ngày ", "hạn chót "):
            expression = cue + form.removeprefix("ngày ") if cue.endswith("ngày ") else cue + form
            match = resolve(expression, ref)
            assert match is not None and match.date == day, expression
            if cue:  # a bare date before the meeting is a report, not a deadline
                clause = f"Sở Xây dựng hoàn thành hồ sơ {expression}."
                found = find_deadline(clause, ref)
                assert found is not None and found.date == day, clause


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200), ref=st.dates())
def test_never_raises_and_offsets_round_trip(text: str, ref: dt.date) -> None:
    timex._scan(text, ref)  # the internals themselves, not only the guarded public functions
    for match in find_time_expressions(text, ref):
        assert text[match.start : match.end] == match.text
    for match in (find_deadline(text, ref), resolve(text, ref)):
        if match is not None:
            assert text[match.start : match.end] == match.text
    for start, end, _ in find_dates(text):
        assert 0 <= start < end <= len(text)


_PIECES = st.sampled_from(
    [
        "trước",
        "ngày",
        "tháng",
        "quý",
        "năm",
        "IV",
        "15/3",
        "2024",
        " ",
        "/",
        ".",
        "-",
        "hằng",
        "Tết",
        "tuần",
        "sau",
        "thứ Sáu",
        "kể từ",
        "trong",
        "10",
        "ngày làm việc",
        "\u0301",
        "e\u0302",
        ",",
        "đến hết",
    ]
)


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(_PIECES, max_size=14), ref=st.dates())
def test_never_raises_on_time_like_noise(parts: list[str], ref: dt.date) -> None:
    text = " ".join(parts)
    timex._scan(text, ref)
    for match in find_time_expressions(text, ref):
        assert text[match.start : match.end] == match.text
    match = find_deadline(text, ref)
    assert match is None or text[match.start : match.end] == match.text
