"""Plain-words messages for editors, in English and Vietnamese.

Every problem that a check can report has a code here. A test makes sure that
each code has both languages and the same placeholders in each.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

LANGUAGES = ("en", "vi")

# code: (English, Vietnamese). Placeholders are str.format fields; a `found`
# parameter holds a raw value that `describe` puts into words.
CATALOGUE: dict[str, tuple[str, str]] = {
    # files
    "not_utf8": (
        "the file is not UTF-8 text (byte {byte} cannot be read); save it again as UTF-8",
        "tệp không phải văn bản UTF-8 (không đọc được byte {byte}); hãy lưu lại tệp với mã hóa UTF-8",
    ),
    "file_too_large": (
        "the file is {size}, more than the {limit} a content file may have; it probably holds pasted data by mistake",
        "tệp có dung lượng {size}, vượt quá mức {limit} cho phép của một tệp nội dung; có lẽ đã dán nhầm dữ liệu vào tệp",
    ),
    "empty_file": (
        "the file is empty; fill it in from `heritage new`",
        "tệp trống; hãy điền nội dung theo mẫu của `heritage new`",
    ),
    "not_mapping": (
        "the file must hold fields written as 'name: value', but it holds {found}",
        "tệp phải chứa các trường dạng 'tên: giá trị', nhưng lại chứa {found}",
    ),
    "tab_indent": (
        "a tab character is used here; YAML allows only spaces for indentation",
        "có ký tự tab ở đây; YAML chỉ cho phép thụt lề bằng dấu cách",
    ),
    "yaml_colon": (
        "a ':' stands where it is not allowed; put a value that contains ': ' in quotes",
        "dấu ':' đứng ở chỗ không được phép; hãy đặt giá trị có chứa ': ' trong dấu ngoặc kép",
    ),
    "yaml_missing_colon": (
        "this line is not a 'name: value' pair (a ':' is missing, or the indentation is off)",
        "dòng này không phải cặp 'tên: giá trị' (thiếu dấu ':' hoặc thụt lề sai)",
    ),
    "yaml_flow": (
        "a list [...] or a group {{...}} is not closed properly; a value with a comma inside {{...}} must be in quotes",
        "một danh sách [...] hoặc nhóm {{...}} không được đóng đúng; giá trị có dấu phẩy bên trong {{...}} phải đặt trong dấu ngoặc kép",
    ),
    "yaml_quote": (
        "a quotation mark opened here is never closed",
        "dấu ngoặc kép mở ở đây không được đóng lại",
    ),
    "yaml_alias": (
        "'*{name}' refers to an anchor '&{name}' that does not exist",
        "'*{name}' tham chiếu tới mốc '&{name}' không tồn tại",
    ),
    "yaml_escape": (
        "inside double quotes a backslash '\\' starts a code such as \\n; write '\\\\' for a backslash, "
        "or put the value in single quotes '...' instead",
        "trong dấu ngoặc kép, dấu gạch chéo ngược '\\' mở đầu một mã như \\n; hãy viết '\\\\' cho một dấu gạch chéo ngược, "
        "hoặc đặt giá trị trong dấu nháy đơn '...'",
    ),
    "yaml_bad_start": (
        "a value cannot start with '{char}'; put the whole value in quotes",
        "giá trị không thể bắt đầu bằng '{char}'; hãy đặt cả giá trị trong dấu ngoặc kép",
    ),
    "yaml_tag": (
        "'!' starts a YAML tag, which records do not use; put a value that starts with '!' in quotes",
        "'!' mở đầu một thẻ YAML, bản ghi không dùng thẻ; hãy đặt giá trị bắt đầu bằng '!' trong dấu ngoặc kép",
    ),
    "yaml_directive": (
        "a line that starts with '%' is a YAML directive, which records do not use; delete the line, or put the value in quotes",
        "dòng bắt đầu bằng '%' là chỉ thị YAML, bản ghi không dùng; hãy xóa dòng đó, hoặc đặt giá trị trong dấu ngoặc kép",
    ),
    "yaml_anchor": (
        "'&' and '*' must be followed by a name (they mark a value used again); "
        "put a value that starts with '&' or '*' in quotes",
        "sau '&' và '*' phải có một tên (chúng đánh dấu một giá trị được dùng lại); "
        "hãy đặt giá trị bắt đầu bằng '&' hoặc '*' trong dấu ngoặc kép",
    ),
    "yaml_duplicate_anchor": (
        "the same anchor name ('&name') is given twice; give each anchor its own name",
        "cùng một tên mốc ('&tên') được đặt hai lần; hãy đặt cho mỗi mốc một tên riêng",
    ),
    "yaml_block_scalar": (
        "after '|' or '>' only a comment may follow on the same line; start the text on the next line, indented",
        "sau '|' hoặc '>' chỉ được có chú thích trên cùng dòng; hãy bắt đầu văn bản ở dòng dưới, thụt lề",
    ),
    "yaml_document_end": (
        "text follows the end-of-file marker '...'; remove the marker or the text after it",
        "có văn bản sau dấu kết thúc tệp '...'; hãy xóa dấu này hoặc phần văn bản phía sau",
    ),
    "yaml_missing_value": (
        "a value is missing here, or starts with a sign that cannot start one (such as ']', '}}' or '-'); "
        "put the value in quotes",
        "thiếu giá trị ở đây, hoặc giá trị bắt đầu bằng một ký hiệu không được phép (như ']', '}}' hay '-'); "
        "hãy đặt giá trị trong dấu ngoặc kép",
    ),
    "yaml_control_char": (
        "the file holds an invisible control character ({char}) that YAML does not allow; delete it "
        "(it often comes with text copied from a PDF or a word processor)",
        "tệp chứa một ký tự điều khiển vô hình ({char}) mà YAML không cho phép; hãy xóa ký tự đó "
        "(ký tự này thường lẫn vào khi sao chép văn bản từ PDF hay trình soạn thảo)",
    ),
    "yaml_syntax": (
        "the YAML cannot be read here; check the quotes, colons and indentation of this line and the one above{detail}",
        "không đọc được YAML ở đây; hãy kiểm tra dấu ngoặc kép, dấu hai chấm và thụt lề của dòng này và dòng trên{detail}",
    ),
    "multiple_documents": (
        "the file holds more than one document ('---'); keep one record per file",
        "tệp chứa nhiều hơn một tài liệu ('---'); mỗi tệp chỉ chứa một bản ghi",
    ),
    "unsafe_tag": (
        "the tag '{tag}' is not allowed; records hold only text, numbers, dates, lists and fields",
        "không được dùng thẻ '{tag}'; bản ghi chỉ chứa văn bản, số, ngày, danh sách và trường",
    ),
    "alias_bomb": (
        "the file expands to too many values (anchors '&' and aliases '*' nested too deep); write the values out",
        "tệp bung ra quá nhiều giá trị (mốc '&' và tham chiếu '*' lồng nhau quá sâu); hãy viết thẳng các giá trị",
    ),
    "duplicate_key": (
        "'{key}' is given twice here (first on line {first}); keep only one",
        "'{key}' được khai báo hai lần (lần đầu ở dòng {first}); chỉ giữ một",
    ),
    "not_yml": (
        "record files must end in .yml (rename it to {suggestion})",
        "tệp bản ghi phải có đuôi .yml (đổi tên thành {suggestion})",
    ),
    "unknown_collection": (
        "'{name}' is not a collection; use one of: {choices} (folders starting with '_' are ignored)",
        "'{name}' không phải bộ sưu tập; dùng một trong: {choices} (thư mục bắt đầu bằng '_' được bỏ qua)",
    ),
    "page_name": (
        "page files are named <slug>.<language>.md, for example about.en.md",
        "tệp trang phải có tên dạng <tên>.<ngôn ngữ>.md, ví dụ about.vi.md",
    ),
    "page_front_matter": (
        "a page starts with a block between two '---' lines that gives at least 'title:'",
        "trang phải bắt đầu bằng một khối giữa hai dòng '---' có ít nhất 'title:'",
    ),
    # fields
    "unknown_field": (
        "unknown field '{key}'",
        "trường '{key}' không được biết",
    ),
    "unknown_field_suggest": (
        "unknown field '{key}'; did you mean '{suggestion}'?",
        "trường '{key}' không được biết; có phải ý bạn là '{suggestion}'?",
    ),
    "missing_field": (
        "this field is required but missing",
        "trường bắt buộc này còn thiếu",
    ),
    "fill_in": (
        "this field is still empty; fill it in",
        "trường này còn trống; hãy điền vào",
    ),
    "missing_language": (
        "the '{lang}' text is missing; site '{site}' is published in {languages}",
        "thiếu văn bản '{lang}'; trang '{site}' xuất bản bằng {languages}",
    ),
    "missing_page_language": (
        "this page has no '{lang}' version ({expected}); site '{site}' is published in {languages}",
        "trang này chưa có bản '{lang}' ({expected}); trang '{site}' xuất bản bằng {languages}",
    ),
    "missing_default_language": (
        "the '{lang}' text is missing; site '{site}' shows untranslated records in '{lang}', its first language",
        "thiếu văn bản '{lang}'; trang '{site}' hiển thị bản ghi chưa dịch bằng '{lang}', ngôn ngữ đầu tiên của trang",
    ),
    "expected_localized": (
        "expected one text per language, such as {{vi: ..., en: ...}}, but found {found}",
        "cần mỗi ngôn ngữ một văn bản, dạng {{vi: ..., en: ...}}, nhưng lại có {found}",
    ),
    "expected_text": ("expected text, but found {found}", "cần văn bản, nhưng lại có {found}"),
    "expected_integer": (
        "expected a whole number, but found {found}",
        "cần một số nguyên, nhưng lại có {found}",
    ),
    "expected_number": ("expected a number, but found {found}", "cần một số, nhưng lại có {found}"),
    "expected_list": (
        "expected a list such as [a, b] or lines starting with '- ', but found {found}",
        "cần một danh sách dạng [a, b] hoặc các dòng bắt đầu bằng '- ', nhưng lại có {found}",
    ),
    "expected_mapping": (
        "expected fields written as 'name: value', but found {found}",
        "cần các trường dạng 'tên: giá trị', nhưng lại có {found}",
    ),
    "expected_bool": ("expected true or false, but found {found}", "cần true hoặc false, nhưng lại có {found}"),
    "expected_date": (
        "expected a date written YYYY-MM-DD, such as 2026-12-10, but found {found}",
        "cần một ngày dạng YYYY-MM-DD, ví dụ 2026-12-10, nhưng lại có {found}",
    ),
    "empty_text": ("the text is empty", "văn bản đang để trống"),
    "empty_list": ("the list is empty; give at least one entry", "danh sách đang trống; cần ít nhất một mục"),
    "text_too_long": (
        "the text has {length} characters, more than the {limit} allowed here",
        "văn bản có {length} ký tự, vượt quá {limit} ký tự cho phép ở đây",
    ),
    "too_many_items": (
        "the list has {count} entries, more than the {limit} allowed here",
        "danh sách có {count} mục, vượt quá {limit} mục cho phép ở đây",
    ),
    "duplicate_in_list": ("'{value}' is listed twice", "'{value}' được liệt kê hai lần"),
    "bad_language_code": (
        "'{code}' is not a language code; use two or three lower-case letters such as vi, en, km, lo",
        "'{code}' không phải mã ngôn ngữ; dùng hai hoặc ba chữ thường như vi, en, km, lo",
    ),
    "unknown_choice": (
        "'{value}' is not allowed here; use one of: {choices}",
        "không được dùng '{value}' ở đây; hãy dùng một trong: {choices}",
    ),
    "unknown_choice_suggest": (
        "'{value}' is not allowed here; did you mean '{suggestion}'? (one of: {choices})",
        "không được dùng '{value}' ở đây; có phải ý bạn là '{suggestion}'? (một trong: {choices})",
    ),
    "bad_slug": (
        "'{value}' is not a valid name: use lower-case ASCII letters and digits joined by '-', such as '{suggestion}'",
        "'{value}' không hợp lệ: dùng chữ thường không dấu và chữ số nối bằng '-', ví dụ '{suggestion}'",
    ),
    "bad_id": (
        "the file name '{value}' is not a valid id: use lower-case ASCII letters and digits joined by '-', such as '{suggestion}'",
        "tên tệp '{value}' không phải mã hợp lệ: dùng chữ thường không dấu và chữ số nối bằng '-', ví dụ '{suggestion}'",
    ),
    "id_clash": (
        "the id '{id}' is also used by {other}; ids must be unique across all collections",
        "mã '{id}' đã được dùng bởi {other}; mã phải là duy nhất trong mọi bộ sưu tập",
    ),
    "id_taken": (
        "{other} already has the id '{id}'; ids must be unique across all collections, so choose another",
        "{other} đã dùng mã '{id}'; mã phải là duy nhất trong mọi bộ sưu tập, hãy chọn mã khác",
    ),
    "reserved_id": (
        "'{id}' cannot be a record's id (its file name): the website uses that name for its own pages; choose another",
        "'{id}' không thể làm mã bản ghi (tên tệp): trang web dùng tên này cho các trang của chính nó; hãy chọn tên khác",
    ),
    "reserved_tag": (
        "'{value}' cannot be a tag: the website uses that name for its own pages; choose another",
        "'{value}' không thể làm thẻ: trang web dùng tên này cho các trang của chính nó; hãy chọn tên khác",
    ),
    "coords_shape": (
        "coordinates must be two numbers, [latitude, longitude], but found {found}",
        "tọa độ phải gồm hai số, [vĩ độ, kinh độ], nhưng lại có {found}",
    ),
    "latitude_range": ("latitude {value} is outside -90..90", "vĩ độ {value} nằm ngoài khoảng -90..90"),
    "longitude_range": ("longitude {value} is outside -180..180", "kinh độ {value} nằm ngoài khoảng -180..180"),
    "outside_vietnam": (
        "the point [{lat}, {lon}] lies outside Vietnam",
        "điểm [{lat}, {lon}] nằm ngoài lãnh thổ Việt Nam",
    ),
    "latitude_range_swapped": (
        "latitude {value} is outside -90..90; latitude and longitude look swapped (write [latitude, longitude])",
        "vĩ độ {value} nằm ngoài khoảng -90..90; vĩ độ và kinh độ có vẻ bị đảo (viết [vĩ độ, kinh độ])",
    ),
    "coordinates_required": (
        "coordinates are required for {kind} records (only intangible heritage may leave them out)",
        "bản ghi loại {kind} bắt buộc có tọa độ (chỉ di sản phi vật thể được bỏ trống)",
    ),
    "location_required": (
        "a location with coordinates is required for {kind} records",
        "bản ghi loại {kind} bắt buộc có vị trí kèm tọa độ",
    ),
    "address_required": (
        "give the current 'commune' or the 'former_address' of this place",
        "hãy ghi 'commune' (xã/phường hiện nay) hoặc 'former_address' (địa chỉ cũ) của địa điểm",
    ),
    "future_year": ("the year {year} is in the future", "năm {year} ở tương lai"),
    "implausible_year": (
        "the year {year} is not plausible; expected {low} or later",
        "năm {year} không hợp lý; cần từ năm {low} trở về sau",
    ),
    "no_sources": (
        "no sources are given; add where the facts come from (title and url)",
        "chưa có nguồn tư liệu; hãy ghi nguồn của các thông tin (title và url)",
    ),
    "not_on_site": (
        "'{ref}' is not on site '{site}', so its QR code would lead nowhere; add it to the site's include",
        "'{ref}' không có trên trang '{site}', nên mã QR sẽ không dẫn tới đâu; hãy thêm vào mục include của trang",
    ),
    "missing_visit_language": (
        "the '{lang}' text is missing; this brochure is in {languages}",
        "thiếu văn bản '{lang}'; tờ giới thiệu này dùng {languages}",
    ),
    "designations_order": (
        "list designations oldest first; {later} comes before {earlier}",
        "hãy liệt kê các cấp xếp hạng từ cũ đến mới; {later} đang đứng trước {earlier}",
    ),
    "stars_range": (
        "OCOP stars must be 3, 4 or 5, but found {value}",
        "số sao OCOP phải là 3, 4 hoặc 5, nhưng lại là {value}",
    ),
    "bad_url": (
        "'{value}' is not a web address; it must start with https:// or http:// and name a host",
        "'{value}' không phải địa chỉ web; phải bắt đầu bằng https:// hoặc http:// và có tên miền",
    ),
    "site_url_slash": (
        "the site address must end with '/', as in '{suggestion}'",
        "địa chỉ trang phải kết thúc bằng '/', ví dụ '{suggestion}'",
    ),
    "unsafe_link": (
        "the link '{link}' cannot be published: a link's address must start with https://, http://, mailto: or tel:",
        "không thể xuất bản liên kết '{link}': địa chỉ liên kết phải bắt đầu bằng https://, http://, mailto: hoặc tel:",
    ),
    "bad_email": ("'{value}' is not an e-mail address", "'{value}' không phải địa chỉ thư điện tử"),
    "bad_phone": (
        "'{value}' is not a phone number; use digits, spaces and an optional leading +",
        "'{value}' không phải số điện thoại; dùng chữ số, dấu cách và có thể có dấu + ở đầu",
    ),
    "unknown_record": (
        "'{ref}' is not a record in content/",
        "'{ref}' không phải bản ghi nào trong content/",
    ),
    "unknown_record_suggest": (
        "'{ref}' is not a record in content/; did you mean '{suggestion}'?",
        "'{ref}' không phải bản ghi nào trong content/; có phải ý bạn là '{suggestion}'?",
    ),
    "related_self": ("a record cannot be related to itself", "bản ghi không thể liên quan đến chính nó"),
    "not_a_product": (
        "'{ref}' is not an OCOP product (gifts come from content/products/)",
        "'{ref}' không phải sản phẩm OCOP (quà tặng lấy từ content/products/)",
    ),
    "unknown_site": (
        "'{ref}' is not a site; sites are the files in sites/: {choices}",
        "'{ref}' không phải trang web nào; các trang là các tệp trong sites/: {choices}",
    ),
    "unknown_tag": ("no record has the tag '{tag}'", "không bản ghi nào có thẻ '{tag}'"),
    "dates_backwards": (
        "the visit ends ({end}) before it starts ({start})",
        "chuyến thăm kết thúc ({end}) trước khi bắt đầu ({start})",
    ),
    "day_outside_visit": (
        "the day {day} is outside the visit, {start} to {end}",
        "ngày {day} nằm ngoài thời gian chuyến thăm, từ {start} đến {end}",
    ),
    "kind_wrong_collection": (
        "a record of kind '{kind}' belongs in content/{collection}/, not here",
        "bản ghi loại '{kind}' phải nằm trong content/{collection}/, không phải ở đây",
    ),
    "unknown_commune": (
        "'{value}' is not an official commune or ward of {province} since 1 July 2025",
        "'{value}' không phải xã/phường chính thức của {province} kể từ 1/7/2025",
    ),
    "unknown_commune_suggest": (
        "'{value}' is not an official commune or ward of {province} since 1 July 2025; did you mean '{suggestion}'?",
        "'{value}' không phải xã/phường chính thức của {province} kể từ 1/7/2025; có phải ý bạn là '{suggestion}'?",
    ),
    "former_commune": (
        "'{value}' is a name from before 1 July 2025; that place is now part of '{current}'",
        "'{value}' là tên gọi trước ngày 1/7/2025; địa bàn này nay thuộc '{current}'",
    ),
    "former_commune_choices": (
        "'{value}' is a name from before 1 July 2025; that place is now part of one of {current}; write the one it lies in",
        "'{value}' là tên gọi trước ngày 1/7/2025; địa bàn này nay thuộc một trong các đơn vị {current}; "
        "hãy ghi đơn vị nơi có địa điểm",
    ),
    "unknown_province": (
        "'{value}' is not one of the 34 provinces and cities since 1 July 2025",
        "'{value}' không thuộc 34 tỉnh, thành phố kể từ 1/7/2025",
    ),
    "unknown_province_suggest": (
        "'{value}' is not one of the 34 provinces and cities since 1 July 2025; did you mean '{suggestion}'?",
        "'{value}' không thuộc 34 tỉnh, thành phố kể từ 1/7/2025; có phải ý bạn là '{suggestion}'?",
    ),
    "far_from_commune": (
        "the point lies {km} km from the centre of {commune}; check the coordinates or the commune",
        "điểm này cách trung tâm {commune} {km} km; hãy kiểm tra lại tọa độ hoặc xã/phường",
    ),
    "former_address_unmatched": (
        "the former address could not be matched to a current commune; add 'commune' by hand",
        "không đối chiếu được địa chỉ cũ sang xã/phường hiện nay; hãy tự ghi 'commune'",
    ),
    "image_missing": (
        "the image file '{file}' does not exist in assets/images/",
        "không có tệp ảnh '{file}' trong assets/images/",
    ),
    "image_outside": (
        "the image path '{file}' must stay inside assets/images/ (no '..', no absolute path)",
        "đường dẫn ảnh '{file}' phải nằm trong assets/images/ (không dùng '..' hay đường dẫn tuyệt đối)",
    ),
    "image_not_an_image": (
        "'{file}' is not an image that can be published; use a JPEG, PNG or WebP photo",
        "'{file}' không phải ảnh có thể xuất bản; hãy dùng ảnh JPEG, PNG hoặc WebP",
    ),
    "image_broken": (
        "'{file}' is damaged or cut short and cannot be read ({detail}); export it again",
        "'{file}' bị hỏng hoặc không trọn vẹn nên không đọc được ({detail}); hãy xuất lại ảnh",
    ),
    "image_too_large": (
        "'{file}' has {megapixels} megapixels, more than the {limit} that can be processed; make it smaller",
        "'{file}' có {megapixels} megapixel, vượt quá {limit} có thể xử lý; hãy thu nhỏ ảnh",
    ),
    "image_animated": (
        "'{file}' is an animation; use a still photo",
        "'{file}' là ảnh động; hãy dùng ảnh tĩnh",
    ),
    "image_link_outside": (
        "the image '{file}' is a link to a file outside assets/; put the photo itself in assets/images/",
        "ảnh '{file}' là liên kết tới một tệp nằm ngoài thư mục assets/; hãy đặt chính tệp ảnh vào assets/images/",
    ),
    "image_file_too_big": (
        "'{file}' is {size} MB, more than the {limit} MB a photo may have; export it smaller",
        "'{file}' nặng {size} MB, vượt quá {limit} MB cho phép với một ảnh; hãy xuất lại ảnh với dung lượng nhỏ hơn",
    ),
    "file_links_outside": (
        "this file is a link to a place outside the project (or lies in a linked folder), so it is not read; put the file itself here",
        "tệp này là liên kết tới một nơi nằm ngoài dự án (hoặc nằm trong một thư mục liên kết) nên không được đọc; hãy đặt chính tệp đó vào đây",
    ),
    "too_small": ("must be at least {limit}, but is {value}", "phải ít nhất là {limit}, nhưng đang là {value}"),
    "too_large": ("must be at most {limit}, but is {value}", "phải nhiều nhất là {limit}, nhưng đang là {value}"),
    "invalid_value": ("this value is not valid{detail}", "giá trị này không hợp lệ{detail}"),
    # heritage build
    "mkdocs_failed": (
        "the '{lang}' website could not be built: {detail}",
        "không dựng được trang web '{lang}': {detail}",
    ),
    "reserved_slug": (
        "the page name '{slug}' is taken by the site itself; choose another (taken: {taken})",
        "tên trang '{slug}' đã được trang web dùng; hãy chọn tên khác (đã dùng: {taken})",
    ),
    "build_failed": (
        "{errors} error(s), {warnings} warning(s); nothing was published",
        "{errors} lỗi, {warnings} cảnh báo; chưa xuất bản gì",
    ),
    "port_in_use": (
        "cannot serve on 127.0.0.1:{port} ({detail}); choose another with --port",
        "không thể phục vụ trên 127.0.0.1:{port} ({detail}); hãy chọn cổng khác bằng --port",
    ),
    "reserved_site_name": (
        "a site cannot be called '{name}': the brochures are published under that name; rename the file",
        "trang web không thể tên là '{name}': tờ giới thiệu được xuất bản dưới tên này; hãy đổi tên tệp",
    ),
    "brochure_usage": (
        "name a visit (heritage brochure VISIT) or a site (heritage brochure --site NAME --lang LANG), not both",
        "hãy nêu một chuyến thăm (heritage brochure VISIT) hoặc một trang (heritage brochure --site NAME --lang LANG), không cả hai",
    ),
    "brochure_written": ("wrote {path}", "đã ghi {path}"),
    "unknown_visit": (
        "'{ref}' is not a visit; visits are the files in sites/delegations/: {choices}",
        "'{ref}' không phải chuyến thăm nào; các chuyến thăm là các tệp trong sites/delegations/: {choices}",
    ),
    "built_sites": ("built {sites} into {path}", "đã dựng {sites} vào {path}"),
    # where outputs may go (heritage build --out, heritage brochure --out)
    "out_contains_project": (
        "cannot build into {path}: it is the project folder or a folder that holds it, and building there could replace the project's own files; use public/ or a new folder",
        "không thể dựng vào {path}: đây là thư mục dự án hoặc thư mục chứa dự án, dựng vào đó có thể ghi đè các tệp của dự án; hãy dùng public/ hoặc một thư mục mới",
    ),
    "out_in_sources": (
        "cannot build into {path}: it is inside {folder}, where the project's own files are kept; use public/ or a new folder",
        "không thể dựng vào {path}: thư mục này nằm trong {folder}, nơi lưu các tệp của dự án; hãy dùng public/ hoặc một thư mục mới",
    ),
    "out_home": (
        "cannot build into {path}: it is the home folder or a folder that holds it; use public/ or a new folder",
        "không thể dựng vào {path}: đây là thư mục cá nhân hoặc thư mục chứa nó; hãy dùng public/ hoặc một thư mục mới",
    ),
    "out_not_ours": (
        "cannot build into {path}: this folder of the project already holds files that heritage did not make; use public/ or a new folder",
        "không thể dựng vào {path}: thư mục này của dự án đã chứa những tệp không do heritage tạo ra; hãy dùng public/ hoặc một thư mục mới",
    ),
    "out_not_a_folder": (
        "cannot build into {path}: it is a file, not a folder",
        "không thể dựng vào {path}: đây là một tệp, không phải thư mục",
    ),
    "output_not_ours": (
        "{path} was not made by heritage (it has no {marker} file), so it is not replaced; move it elsewhere, or build into another folder with --out",
        "{path} không do heritage tạo ra (không có tệp {marker}) nên sẽ không bị thay thế; hãy chuyển nó đi nơi khác, hoặc dựng vào thư mục khác bằng --out",
    ),
    "output_in_the_way": (
        "{path} was not made by heritage, but the new build writes there; move or rename it, then build again",
        "{path} không do heritage tạo ra nhưng bản dựng mới cần ghi vào đúng chỗ đó; hãy chuyển đi hoặc đổi tên rồi dựng lại",
    ),
    "output_busy": (
        "another heritage build is writing into {path}; wait until it ends, then try again",
        "một lần dựng heritage khác đang ghi vào {path}; hãy đợi nó xong rồi thử lại",
    ),
    "brochure_out_in_sources": (
        "cannot write the brochure to {path}: it is inside {folder}, where the project's own files are kept; choose a file under public/ or outside the project",
        "không thể ghi tờ giới thiệu vào {path}: tệp này nằm trong {folder}, nơi lưu các tệp của dự án; hãy chọn một tệp trong public/ hoặc ngoài dự án",
    ),
    "brochure_out_folder": (
        "cannot write the brochure to {path}: it is a folder; give a file name ending in .pdf",
        "không thể ghi tờ giới thiệu vào {path}: đây là một thư mục; hãy cho một tên tệp có đuôi .pdf",
    ),
    "brochure_out_not_pdf": (
        "cannot write the brochure to {path}: the file name must end in .pdf",
        "không thể ghi tờ giới thiệu vào {path}: tên tệp phải có đuôi .pdf",
    ),
    "brochure_out_not_ours": (
        "cannot write the brochure to {path}: that file exists and is not a brochure made by heritage; choose another name, or move the file away",
        "không thể ghi tờ giới thiệu vào {path}: tệp này đã có và không phải tờ giới thiệu do heritage tạo ra; hãy chọn tên khác hoặc chuyển tệp đó đi",
    ),
    "stopped": (
        "stopped ({signal}); nothing half-made was left behind",
        "đã dừng ({signal}); không để lại gì làm dở",
    ),
    # heritage report
    "report_col_record": ("record", "bản ghi"),
    "report_col_language": ("language", "ngôn ngữ"),
    "report_col_missing_texts": ("missing texts", "văn bản còn thiếu"),
    "report_col_photos": ("photos", "ảnh"),
    "report_col_coordinates": ("coordinates", "tọa độ"),
    "report_col_visiting": ("visiting info", "thông tin tham quan"),
    "report_col_commune": ("current commune", "xã/phường hiện nay"),
    "report_missing": ("MISSING", "THIẾU"),
    "report_present": ("yes", "có"),
    "report_not_needed": ("n/a", "không cần"),
    "report_precision": ("yes ({precision})", "có ({precision})"),
    "report_area": ("not given (the point marks an area)", "không ghi (tọa độ chỉ một vùng)"),
    "report_derived": (
        "{commune} (derived from the former address: please confirm)",
        "{commune} (suy ra từ địa chỉ cũ: cần xác nhận)",
    ),
    # command line
    "no_project": (
        "'{path}' is not a project folder (it has no content/ or sites/ folder)",
        "'{path}' không phải thư mục dự án (không có thư mục content/ hay sites/)",
    ),
    "record_exists": ("{path} already exists; choose another id", "{path} đã tồn tại; hãy chọn mã khác"),
    "record_written": ("wrote {path}; fill it in, then run `heritage check`", "đã tạo {path}; hãy điền nội dung rồi chạy `heritage check`"),
    "schemas_written": ("wrote {count} JSON Schemas to {path}", "đã ghi {count} JSON Schema vào {path}"),
    "report_has_errors": (
        "{errors} error(s) left some records out of this report; run `heritage check`",
        "{errors} lỗi khiến một số bản ghi không có trong báo cáo; hãy chạy `heritage check`",
    ),
    "internal_error": (
        "internal error: {detail}. This is a bug in the tool, not in your content; please report it",
        "lỗi nội bộ: {detail}. Đây là lỗi của công cụ, không phải của nội dung; hãy báo lại",
    ),
    # summary lines printed by the CLI
    "warning_label": ("warning", "cảnh báo"),
    "summary_clean": ("no problems found in {files} files", "không có lỗi nào trong {files} tệp"),
    "summary_counts": (
        "{errors} error(s), {warnings} warning(s) in {files} files",
        "{errors} lỗi, {warnings} cảnh báo trong {files} tệp",
    ),
}

# What a value is, in words, for "expected X but found Y".
_FOUND: dict[str, tuple[str, str]] = {
    "nothing": ("nothing", "giá trị trống"),
    "text": ("the text '{v}'", "văn bản '{v}'"),
    "number": ("the number {v}", "số {v}"),
    "bool": ("{v}", "{v}"),
    "date": ("the date {v}", "ngày {v}"),
    "list": ("a list", "một danh sách"),
    "mapping": ("fields", "các trường"),
    "other": ("{v}", "{v}"),
}


class Found:
    """A raw value to be described in the reader's language."""

    def __init__(self, value: Any):
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Found) and repr(other.value) == repr(self.value)

    def __hash__(self) -> int:
        return hash(repr(self.value))

    def describe(self, lang: str) -> str:
        value = self.value
        if value is None:
            kind, shown = "nothing", ""
        elif isinstance(value, bool):
            kind, shown = "bool", str(value).lower()
        elif isinstance(value, (int, float)):
            kind, shown = "number", str(value)
        elif isinstance(value, (dt.date, dt.datetime)):
            kind, shown = "date", value.isoformat()
        elif isinstance(value, str):
            shown = value if len(value) <= 40 else value[:37] + "..."
            kind = "text"
        elif isinstance(value, (list, tuple)):
            kind, shown = "list", ""
        elif isinstance(value, dict):
            kind, shown = "mapping", ""
        else:
            kind, shown = "other", str(value)
        return _FOUND[kind][LANGUAGES.index(lang)].format(v=shown)


class Number(Found):
    """A count or a file size, written the reader's way: 100,000 in English, 100.000 in Vietnamese."""

    def __init__(self, value: int, unit: str = ""):
        super().__init__(value)
        self.unit = unit  # "" for a count, "bytes" for a size shown in KB or MB

    def describe(self, lang: str) -> str:
        if self.unit == "bytes":
            megabytes = self.value / 1024 / 1024
            shown = f"{megabytes:.1f}".removesuffix(".0") + " MB" if megabytes >= 1 else f"{self.value // 1024:,} KB"
        else:
            shown = f"{self.value:,}"
        return shown.translate(str.maketrans(",.", ".,")) if lang == "vi" else shown


class EnglishOnly(Found):
    """A tool's own English text (a parser's words), shown in brackets to English readers only."""

    def describe(self, lang: str) -> str:
        return f" ({self.value})" if lang == "en" and self.value else ""


def render_message(code: str, params: dict[str, Any], lang: str = "en") -> str:
    index = LANGUAGES.index(lang) if lang in LANGUAGES else 0
    template = CATALOGUE[code][index]
    shown = {k: (v.describe(LANGUAGES[index]) if isinstance(v, Found) else v) for k, v in params.items()}
    return template.format(**shown)


def text(code: str, lang: str = "en", /, **params: Any) -> str:
    return render_message(code, params, lang)
