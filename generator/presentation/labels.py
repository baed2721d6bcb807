"""The words of the websites' own interface, per language.

Record texts come from the catalogue; these are the labels around them
(kinds, levels, facts, navigation). Vietnamese and English are complete; a
site in another language (Khmer, Lao, Korean...) gets the English labels until
someone adds its column here.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "language_name": "Tiếng Việt",
        "home": "Trang chủ",
        "heritage": "Di sản",
        "products": "Sản phẩm OCOP",
        "topics": "Chủ đề",
        "message": "Việt Nam – hòa bình, thân thiện, an toàn và đáng sống",
        "message_lead": "Khám phá di sản văn hóa, lịch sử và thiên nhiên, cùng những sản phẩm OCOP làm quà tặng.",
        "featured_heritage": "Di sản tiêu biểu",
        "featured_products": "Sản phẩm OCOP tiêu biểu",
        "by_kind": "Khám phá theo loại hình",
        "by_level": "Theo cấp xếp hạng",
        "all_heritage": "Tất cả di sản",
        "all_products": "Tất cả sản phẩm OCOP",
        "all_topics": "Tất cả chủ đề",
        "records_count": "{n} mục",
        "facts": "Thông tin chính",
        "kind": "Loại hình",
        "recognition": "Xếp hạng, công nhận",
        "current_address": "Địa chỉ hiện nay",
        "former_address": "Địa chỉ trước 1/7/2025",
        "derived_address": "suy ra từ địa chỉ cũ",
        "directions": "Đường đến",
        "opening_hours": "Giờ mở cửa",
        "fee": "Phí tham quan",
        "access": "Tiếp cận",
        "contact": "Liên hệ",
        "location": "Vị trí",
        "coordinates": "Tọa độ",
        "precision_exact": "vị trí chính xác",
        "precision_approximate": "vị trí gần đúng",
        "precision_area": "điểm đại diện của cả khu vực",
        "open_in_map": "Mở trong ứng dụng bản đồ",
        "province_wide": "Trên phạm vi toàn tỉnh",
        "photos": "Hình ảnh",
        "related": "Liên quan",
        "sources": "Nguồn tư liệu",
        "ocop_rating": "Hạng OCOP",
        "stars": "{n} sao",
        "rated_in": "năm {year}",
        "producer": "Chủ thể sản xuất",
        "category": "Nhóm sản phẩm",
        "not_translated": "Nội dung này chưa được dịch sang {language}; đang hiển thị bằng {fallback}.",
        "reference": "Quyết định",
        "not_found_title": "Không tìm thấy trang",
        "not_found_text": "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.",
        "back_home": "Về trang chủ",
        "open_data": "Dữ liệu mở",
        "open_data_text": "Toàn bộ danh mục của trang này có ở dạng GeoJSON, CSV và JSON.",
        "choose_language": "Chọn ngôn ngữ",
        "brochure_welcome": "Lời chào mừng",
        "brochure_itinerary": "Lịch trình",
        "brochure_route": "Bản đồ hành trình",
        "brochure_day": "Ngày {n}",
        "brochure_stops": "Các điểm đến",
        "brochure_gifts": "Quà tặng: sản phẩm OCOP",
        "brochure_gifts_lead": "OCOP (Mỗi xã một sản phẩm) là chương trình quốc gia đánh giá, xếp hạng sản phẩm địa phương từ 3 đến 5 sao.",
        "brochure_contacts": "Liên hệ",
        "brochure_website": "Trang web",
        "brochure_credits": "Nguồn ảnh",
        "brochure_no_photos": "Tập sách này không dùng ảnh chụp; hình minh họa được tạo từ nội dung danh mục.",
        "brochure_scan": "Quét mã để xem trang",
        "brochure_page": "Trang",
        "brochure_catalogue": "Danh mục di sản",
        "map": "Bản đồ",
        "map_lead": "Di sản và sản phẩm OCOP trên bản đồ. Bật hoặc tắt từng loại trong ô ở góc bản đồ; chạm vào một điểm để xem tên và mở trang.",
        "map_offline": "Bản đồ nền cần kết nối Internet; các điểm vẫn dùng được.",
        "map_approximate": "Vị trí gần đúng: điểm đại diện của khu vực",
        "map_open": "Xem trang",
        "map_here": "Vị trí này",
        "map_list": "Danh sách các địa điểm có ở trang",
        "map_record": "Bản đồ vị trí",
        "kind.archaeological-site": "Di tích khảo cổ",
        "kind.historical-relic": "Di tích lịch sử",
        "kind.intangible-heritage": "Di sản văn hóa phi vật thể",
        "kind.natural-heritage": "Di sản thiên nhiên",
        "kind.ocop-product": "Sản phẩm OCOP",
        "kinds.archaeological-site": "Di tích khảo cổ",
        "kinds.historical-relic": "Di tích lịch sử",
        "kinds.intangible-heritage": "Di sản phi vật thể",
        "kinds.natural-heritage": "Di sản thiên nhiên",
        "kinds.ocop-product": "Sản phẩm OCOP",
        "level.unesco-world-heritage": "Di sản thế giới (UNESCO)",
        "level.unesco-intangible": "Di sản văn hóa phi vật thể đại diện của nhân loại (UNESCO)",
        "level.unesco-biosphere": "Khu dự trữ sinh quyển thế giới (UNESCO)",
        "level.special-national": "Di tích quốc gia đặc biệt",
        "level.national": "Di tích cấp quốc gia",
        "level.provincial": "Di tích cấp tỉnh",
        "levels.unesco": "Di sản được UNESCO ghi danh",
        "levels.special-national": "Di tích quốc gia đặc biệt",
        "levels.national": "Di tích cấp quốc gia",
        "levels.provincial": "Di tích cấp tỉnh",
        "category.food": "Thực phẩm",
        "category.beverage": "Đồ uống",
        "category.herbal": "Thảo dược",
        "category.handicraft": "Thủ công mỹ nghệ",
        "category.ornamental": "Sinh vật cảnh",
        "category.rural-tourism": "Du lịch cộng đồng, nông thôn",
    },
    "en": {
        "language_name": "English",
        "home": "Home",
        "heritage": "Heritage",
        "products": "OCOP products",
        "topics": "Topics",
        "message": "Việt Nam: peaceful, friendly, safe and livable",
        "message_lead": "Discover cultural, historical and natural heritage, and the OCOP products that make the province's gifts.",
        "featured_heritage": "Featured heritage",
        "featured_products": "Featured OCOP products",
        "by_kind": "Explore by kind",
        "by_level": "By recognition",
        "all_heritage": "All heritage",
        "all_products": "All OCOP products",
        "all_topics": "All topics",
        "records_count": "{n} entries",
        "facts": "Key facts",
        "kind": "Kind",
        "recognition": "Recognition",
        "current_address": "Address today",
        "former_address": "Address before 1 July 2025",
        "derived_address": "derived from the former address",
        "directions": "Getting there",
        "opening_hours": "Opening hours",
        "fee": "Entrance fee",
        "access": "Access",
        "contact": "Contact",
        "location": "Location",
        "coordinates": "Coordinates",
        "precision_exact": "exact position",
        "precision_approximate": "approximate position",
        "precision_area": "reference point of the whole area",
        "open_in_map": "Open in a map app",
        "province_wide": "Across the province",
        "photos": "Photos",
        "related": "Related",
        "sources": "Sources",
        "ocop_rating": "OCOP rating",
        "stars": "{n} stars",
        "rated_in": "rated {year}",
        "producer": "Producer",
        "category": "Product group",
        "not_translated": "This text is not yet translated into {language}; it is shown in {fallback}.",
        "reference": "Decision",
        "not_found_title": "Page not found",
        "not_found_text": "The page you are looking for does not exist or has moved.",
        "back_home": "Back to the home page",
        "open_data": "Open data",
        "open_data_text": "The whole catalogue of this site is available as GeoJSON, CSV and JSON.",
        "choose_language": "Choose a language",
        "brochure_welcome": "Welcome",
        "brochure_itinerary": "Itinerary",
        "brochure_route": "Route map",
        "brochure_day": "Day {n}",
        "brochure_stops": "The places",
        "brochure_gifts": "Gifts: OCOP products",
        "brochure_gifts_lead": "OCOP (One Commune, One Product) is Việt Nam's national programme that rates local products from 3 to 5 stars.",
        "brochure_contacts": "Contacts",
        "brochure_website": "Website",
        "brochure_credits": "Picture credits",
        "brochure_no_photos": "This booklet uses no photographs; its illustrations are drawn from the catalogue itself.",
        "brochure_scan": "Scan to open the page",
        "brochure_page": "Page",
        "brochure_catalogue": "Heritage catalogue",
        "map": "Map",
        "map_lead": "Heritage and OCOP products on the map. Switch each kind on or off in the box at the corner of the map; tap a marker to see its name and open its page.",
        "map_offline": "The background map needs an internet connection; the markers still work.",
        "map_approximate": "Approximate position: a reference point of the area",
        "map_open": "Open the page",
        "map_here": "This place",
        "map_list": "The same places are listed on the page",
        "map_record": "Map of the location",
        "kind.archaeological-site": "Archaeological site",
        "kind.historical-relic": "Historical relic",
        "kind.intangible-heritage": "Intangible cultural heritage",
        "kind.natural-heritage": "Natural heritage",
        "kind.ocop-product": "OCOP product",
        "kinds.archaeological-site": "Archaeological sites",
        "kinds.historical-relic": "Historical relics",
        "kinds.intangible-heritage": "Intangible heritage",
        "kinds.natural-heritage": "Natural heritage",
        "kinds.ocop-product": "OCOP products",
        "level.unesco-world-heritage": "UNESCO World Heritage",
        "level.unesco-intangible": "UNESCO Intangible Cultural Heritage of Humanity",
        "level.unesco-biosphere": "UNESCO World Biosphere Reserve",
        "level.special-national": "Special national relic",
        "level.national": "National relic",
        "level.provincial": "Provincial relic",
        "levels.unesco": "Inscribed by UNESCO",
        "levels.special-national": "Special national relics",
        "levels.national": "National relics",
        "levels.provincial": "Provincial relics",
        "category.food": "Food",
        "category.beverage": "Beverages",
        "category.herbal": "Herbal products",
        "category.handicraft": "Handicrafts",
        "category.ornamental": "Ornamental plants and animals",
        "category.rural-tourism": "Community and rural tourism",
    },
}

# The names of languages in themselves, for the language switch.
LANGUAGE_NAMES = {
    "vi": "Tiếng Việt", "en": "English", "km": "ខ្មែរ", "lo": "ລາວ", "ko": "한국어", "zh": "中文",
    "ja": "日本語", "fr": "Français", "ru": "Русский", "th": "ไทย", "de": "Deutsch",
}


class Labels:
    """The labels of one language, falling back to English."""

    def __init__(self, lang: str):
        self.lang = lang
        self._own = LABELS.get(lang, {})

    def __call__(self, key: str, **params: object) -> str:
        text = self._own.get(key) or LABELS["en"][key]
        return text.format(**params) if params else text

    def language_name(self, code: str) -> str:
        return LANGUAGE_NAMES.get(code, code)


def commune_name(commune: str, lang: str) -> str:
    """'Phường An Bình' in English is 'An Bình Ward'; 'Xã Krong' is 'Krong Commune'."""
    if lang == "vi":
        return commune
    for prefix, suffix in (("Phường ", "Ward"), ("Xã ", "Commune"), ("Thị trấn ", "Township"), ("Đặc khu ", "Special Zone")):
        if commune.startswith(prefix):
            return f"{commune[len(prefix):]} {suffix}"
    return commune


def province_name(province: str, lang: str) -> str:
    if lang == "vi":
        return province if province.startswith(("Thành phố", "Tỉnh")) else f"tỉnh {province}"
    return province if province.endswith(("City", "Province")) else f"{province} Province"
