"""The catalogue's record formats: heritage, OCOP products, narrative pages (events: events.py).

These models are the single schema: they validate, they produce the JSON
Schemas that editors' tools read, the `heritage new` templates and the field
reference in docs/record-format.md.
"""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, BaseModel, Field, WithJsonSchema, field_validator

from .fields import (
    MARKDOWN_LIMIT,
    SLUG,
    SLUG_LIMIT,
    STRICT,
    Coordinates,
    Email,
    LocalizedMarkdown,
    LocalizedName,
    LocalizedText,
    Paragraph,
    Phone,
    Slug,
    Text,
    UniqueList,
    Url,
    describe,
    error,
)
from .vocabulary import CATEGORIES, KINDS, LEVELS, highest_level, kinds_of

# The allowed values come from the vocabularies (vocabulary.py), in their order.
HeritageKind = Literal[kinds_of("heritage")]
ProductKind = Literal[kinds_of("products")]
RecordKind = Literal[tuple(kind.name for kind in KINDS)]
DesignationLevel = Literal[tuple(level.name for level in LEVELS)]
Precision = Literal["exact", "approximate", "area"]
ProductCategory = Literal[tuple(category.name for category in CATEGORIES)]

FIRST_YEAR = 1900  # no designation or rating in the catalogue predates this

# Each collection's folder and the tags/ folder of a site hold a listing page,
# <folder>/index.md (generator/site/plan.py): a record or a tag with that name
# would replace it. `heritage check` and `heritage new` both refuse these.
RESERVED_NAMES = frozenset({"index"})

# First path parts of a site's pages that the site itself uses (the output
# contract of DESIGN.md): a narrative page may not take one of them.
RESERVED_PATHS = ("assets", "data", "events", "heritage", "kinds", "levels", "map", "products", "search", "tags")

# How many of each a record may list: far above real records (6 tags, 12
# sources), low enough that a runaway list cannot make thousands of pages.
MAX_TAGS = 30
MAX_RELATED = 50
MAX_IMAGES = 100
MAX_SOURCES = 100
MAX_DESIGNATIONS = 20


def _tag(tag: str) -> str:
    if tag in RESERVED_NAMES:
        raise error("reserved_tag", value=tag)
    return tag


Tag = Annotated[
    Slug,
    AfterValidator(_tag),
    WithJsonSchema({"type": "string", "pattern": SLUG.pattern, "maxLength": SLUG_LIMIT, "not": {"enum": sorted(RESERVED_NAMES)}}),
]


def _plausible_year(year: int | None) -> int | None:
    if year is not None and year < FIRST_YEAR:
        raise error("implausible_year", year=year, low=FIRST_YEAR)
    return year


class Designation(BaseModel):
    model_config = STRICT
    level: DesignationLevel = Field(
        **describe(
            "Level of recognition: UNESCO lists, ASEAN Heritage Park, National Treasure, special national, national or provincial relic.",
            "Cấp xếp hạng hoặc công nhận: danh sách UNESCO, Vườn di sản ASEAN, bảo vật quốc gia, di tích quốc gia đặc biệt, quốc gia hoặc cấp tỉnh.",
            examples=["national"],
        )
    )
    year: Optional[int] = Field(
        None,
        **describe("Year of the decision; leave it out when no source gives it (never guess).",
                   "Năm ra quyết định; bỏ trống khi không có nguồn nào ghi (đừng đoán).", examples=[2020]),
    )
    reference: Optional[Text] = Field(
        None,
        **describe("Decision number, e.g. 3227/QĐ-BVHTTDL.", "Số quyết định, ví dụ 3227/QĐ-BVHTTDL.", examples=["3227/QĐ-BVHTTDL"]),
    )
    kept_at: Optional[LocalizedText] = Field(
        None,
        **describe(
            "Where the object or collection is kept, when it is not at this place (a National Treasure in a museum).",
            "Nơi lưu giữ hiện vật, sưu tập, khi không ở tại địa điểm này (ví dụ bảo vật quốc gia trong bảo tàng).",
        ),
    )

    @field_validator("year")
    @classmethod
    def _year(cls, year: int | None) -> int | None:
        return _plausible_year(year)


class Location(BaseModel):
    model_config = STRICT
    coordinates: Optional[Coordinates] = Field(
        None,
        **describe(
            "[latitude, longitude] in WGS 84 (as a phone's map shows them). Required except for intangible heritage.",
            "[vĩ độ, kinh độ] theo WGS 84 (như bản đồ trên điện thoại). Bắt buộc, trừ di sản phi vật thể.",
            examples=[[13.972, 108.6514]],
        ),
    )
    precision: Precision = Field(
        "exact",
        **describe(
            "How exact the coordinates are: exact, approximate, or area (a reference point of a wider area).",
            "Độ chính xác của tọa độ: exact (chính xác), approximate (gần đúng), area (điểm đại diện của một vùng).",
            examples=["exact"],
        ),
    )
    coordinates_source: Optional[Paragraph] = Field(
        None,
        **describe(
            "Where the coordinates come from: a survey or excavation report, an official page, or a commune's reference point.",
            "Nguồn của tọa độ: báo cáo khảo sát, khai quật, trang chính thức, hoặc điểm đại diện của xã/phường.",
        ),
    )
    commune: Optional[Text] = Field(
        None,
        **describe(
            "Current ward or commune (since 1 July 2025), its official name, e.g. 'Phường An Bình'.",
            "Xã/phường hiện nay (từ 1/7/2025), đúng tên chính thức, ví dụ 'Phường An Bình'.",
            examples=["Phường An Bình"],
        ),
    )
    province: Text = Field(
        **describe(
            "Current province (since 1 July 2025), e.g. 'Gia Lai'.",
            "Tỉnh/thành phố hiện nay (từ 1/7/2025), ví dụ 'Gia Lai'.",
            examples=["Gia Lai"],
        ),
    )
    former_address: Optional[Paragraph] = Field(
        None,
        **describe(
            "Address before 1 July 2025, as sources and signs give it. Without 'commune', the current unit is derived from it.",
            "Địa chỉ trước 1/7/2025, như nguồn tư liệu và biển báo ghi. Nếu không có 'commune', đơn vị mới được suy ra từ địa chỉ này.",
            examples=["Phường An Bình, thị xã An Khê, tỉnh Gia Lai"],
        ),
    )
    directions: Optional[LocalizedText] = Field(
        None,
        **describe("Village, road, how to get there.", "Thôn làng, đường đi, cách đến.", examples=[{"vi": "", "en": ""}]),
    )


class Contact(BaseModel):
    model_config = STRICT
    phone: Optional[Phone] = Field(None, **describe("Phone number.", "Số điện thoại."))
    email: Optional[Email] = Field(None, **describe("E-mail address.", "Địa chỉ thư điện tử."))
    website: Optional[Url] = Field(None, **describe("Web address (https://...).", "Địa chỉ web (https://...)."))


class Visiting(BaseModel):
    model_config = STRICT
    opening_hours: Optional[LocalizedText] = Field(None, **describe("Opening hours.", "Giờ mở cửa."))
    fee: Optional[LocalizedText] = Field(None, **describe("Entrance fee.", "Phí tham quan."))
    access: Optional[LocalizedText] = Field(None, **describe("Access, permits, accessibility.", "Cách tiếp cận, giấy phép, lối đi."))
    contact: Optional[Contact] = Field(None, **describe("Who to contact.", "Liên hệ."))


class Image(BaseModel):
    model_config = STRICT
    file: Text = Field(
        **describe(
            "Path under assets/images/, e.g. roc-tung-go-da/excavation-pit.jpg.",
            "Đường dẫn trong assets/images/, ví dụ roc-tung-go-da/ho-khai-quat.jpg.",
        )
    )
    alt: LocalizedText = Field(
        **describe("What the photo shows, for people who cannot see it.", "Mô tả nội dung ảnh cho người không nhìn thấy ảnh.")
    )
    caption: Optional[LocalizedText] = Field(None, **describe("Caption under the photo.", "Chú thích dưới ảnh."))
    credit: Text = Field(**describe("Photographer or owner.", "Tác giả hoặc chủ sở hữu ảnh."))
    licence: Text = Field(**describe("Licence, e.g. CC BY-SA 4.0.", "Giấy phép, ví dụ CC BY-SA 4.0."))


class Source(BaseModel):
    model_config = STRICT
    title: Paragraph = Field(**describe("Title of the source.", "Tên nguồn tư liệu."))
    url: Url = Field(**describe("Web address of the source.", "Địa chỉ web của nguồn."))


class _RecordBase(BaseModel):
    model_config = STRICT
    name: LocalizedName = Field(**describe("Name, per language.", "Tên, theo từng ngôn ngữ.", examples=[{"vi": "", "en": ""}]))
    summary: LocalizedText = Field(
        **describe(
            "One or two sentences: cards, search results, brochures.",
            "Một hai câu tóm tắt: dùng cho thẻ, kết quả tìm kiếm, tờ gấp.",
            examples=[{"vi": "", "en": ""}],
        )
    )
    description: LocalizedMarkdown = Field(
        **describe(
            f"Full text, in Markdown (at most {MARKDOWN_LIMIT:,} characters per language).",
            f"Nội dung đầy đủ, viết bằng Markdown (tối đa {MARKDOWN_LIMIT:_} ký tự mỗi ngôn ngữ).".replace("_", "."),
            examples=[{"vi": "", "en": ""}],
        )
    )
    location: Optional[Location] = Field(None, **describe("Where it is.", "Vị trí."))
    images: list[Image] = Field(
        default_factory=list,
        max_length=MAX_IMAGES,
        **describe(f"Photos, the first one leads (at most {MAX_IMAGES}).", f"Ảnh, ảnh đầu tiên là ảnh chính (tối đa {MAX_IMAGES})."),
    )
    tags: UniqueList(Tag, max_length=MAX_TAGS) = Field(
        default_factory=list,
        **describe(
            f"Topics, as lower-case slugs (at most {MAX_TAGS}); each topic gets a page.",
            f"Chủ đề, viết thường không dấu (tối đa {MAX_TAGS}); mỗi chủ đề có một trang.",
            examples=[["an-khe"]],
        ),
    )
    related: UniqueList(Slug, max_length=MAX_RELATED) = Field(
        default_factory=list,
        **describe(
            f"Ids of related records (at most {MAX_RELATED}).",
            f"Mã của các bản ghi liên quan (tối đa {MAX_RELATED}).",
            examples=[[]],
        ),
    )
    sources: list[Source] = Field(
        default_factory=list,
        max_length=MAX_SOURCES,
        **describe(
            f"Where the facts come from (at most {MAX_SOURCES}).",
            f"Nguồn của các thông tin (tối đa {MAX_SOURCES}).",
            examples=[[{"title": "", "url": "https://"}]],
        ),
    )


class HeritageRecord(_RecordBase):
    """A heritage item: content/heritage/<id>.yml"""

    kind: HeritageKind = Field(**describe("What kind of heritage this is.", "Loại di sản."))
    designations: list[Designation] = Field(
        default_factory=list,
        max_length=MAX_DESIGNATIONS,
        **describe(
            f"Recognitions, oldest first (at most {MAX_DESIGNATIONS}).",
            f"Các lần xếp hạng, công nhận, cũ trước mới sau (tối đa {MAX_DESIGNATIONS}).",
            examples=[[{"level": "provincial", "year": 2018}]],
        ),
    )
    visiting: Optional[Visiting] = Field(None, **describe("Practical information for visitors.", "Thông tin tham quan."))


class Producer(BaseModel):
    model_config = STRICT
    name: Text = Field(**describe("Producer's name (company, cooperative, household).", "Tên chủ thể sản xuất (công ty, hợp tác xã, hộ)."))
    commune: Optional[Text] = Field(None, **describe("Producer's current commune or ward.", "Xã/phường hiện nay của chủ thể."))
    phone: Optional[Phone] = Field(None, **describe("Phone number.", "Số điện thoại."))
    email: Optional[Email] = Field(None, **describe("E-mail address.", "Địa chỉ thư điện tử."))
    website: Optional[Url] = Field(None, **describe("Web address.", "Địa chỉ web."))


class ProductRecord(_RecordBase):
    """An OCOP product: content/products/<id>.yml"""

    kind: ProductKind = Field(**describe("Always ocop-product.", "Luôn là ocop-product."))
    category: ProductCategory = Field(
        **describe("One of the six OCOP groups.", "Một trong sáu nhóm sản phẩm OCOP.", examples=["food"])
    )
    stars: int = Field(**describe("OCOP rating, 3 to 5 stars.", "Hạng sao OCOP, từ 3 đến 5.", examples=[4]))
    rated_year: Optional[int] = Field(None, **describe("Year of the rating.", "Năm được công nhận hạng sao.", examples=[2024]))
    producer: Producer = Field(**describe("Who makes it.", "Chủ thể sản xuất."))

    @field_validator("stars")
    @classmethod
    def _stars(cls, stars: int) -> int:
        if not 3 <= stars <= 5:
            raise error("stars_range", value=stars)
        return stars

    @field_validator("rated_year")
    @classmethod
    def _rated_year(cls, year: int | None) -> int | None:
        return _plausible_year(year)


class PageFrontMatter(BaseModel):
    """The block at the top of content/pages/<slug>.<lang>.md"""

    model_config = STRICT
    title: Text = Field(**describe("Page title.", "Tiêu đề trang."))
    summary: Optional[Paragraph] = Field(None, **describe("One-sentence description of the page.", "Mô tả trang trong một câu."))
    order: int = Field(0, **describe("Position among the pages in the menu (smaller first).", "Thứ tự trong trình đơn (nhỏ đứng trước)."))


def place_level(record: _RecordBase) -> str | None:
    """The highest title the place itself holds, for lists, badges and the map.

    A designation with `kept_at` belongs to an object kept elsewhere (Rộc Tưng's
    National Treasure is a tool collection in the provincial museum): it is shown
    on the record's page, but it does not rank the place.
    """
    return highest_level(d.level for d in getattr(record, "designations", []) if not d.kept_at)
