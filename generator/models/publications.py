"""What is published from the catalogue: websites and delegation brochures."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, BeforeValidator, Field, ValidationInfo, WithJsonSchema, field_validator

from .fields import (
    MARKDOWN_LIMIT,
    STRICT,
    Coordinates,
    CountryCode,
    Email,
    LanguageCode,
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
    is_web_address,
)
from .records import RecordKind
from .vocabulary import CONTACT_KINDS, PROGRAMME_ITEMS

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"


class Include(BaseModel):
    """Which records a site shows. Empty: all. Otherwise a record is in when it matches any key."""

    model_config = STRICT
    ids: UniqueList(Slug) = Field(default_factory=list, **describe("Record ids to include.", "Mã các bản ghi được đưa vào."))
    kinds: UniqueList(RecordKind) = Field(
        default_factory=list, **describe("Kinds to include.", "Các loại được đưa vào.")
    )
    tags: UniqueList(Slug) = Field(default_factory=list, **describe("Tags to include.", "Các thẻ được đưa vào."))
    exclude: UniqueList(Slug) = Field(
        default_factory=list, **describe("Record ids to leave out, even when they match.", "Mã các bản ghi bị loại ra, kể cả khi khớp.")
    )

    @property
    def everything(self) -> bool:
        return not (self.ids or self.kinds or self.tags)


class MapSettings(BaseModel):
    model_config = STRICT
    tiles: Paragraph = Field(
        OSM_TILES,
        **describe(
            "Tile URL template with {z}, {x} and {y}.",
            "Mẫu địa chỉ ô bản đồ có {z}, {x} và {y}.",
        ),
    )
    attribution: Paragraph = Field(OSM_ATTRIBUTION, **describe("Credit shown on the map.", "Ghi công hiển thị trên bản đồ."))

    @field_validator("tiles")
    @classmethod
    def _template(cls, tiles: str) -> str:
        # Leaflet fills in {s}, {z}, {x}, {y} and {r}; any other brace stops the map in the browser.
        address = re.sub(r"\{[szxyr]\}", "0", tiles)
        if not all(p in tiles for p in ("{z}", "{x}", "{y}")) or not is_web_address(address):
            raise error("bad_url", value=tiles)
        return tiles


class PracticalNote(BaseModel):
    """Practical information that holds for every visit, written once for the site."""

    model_config = STRICT
    title: LocalizedName = Field(**describe("A short heading, per language.", "Tiêu đề ngắn, theo từng ngôn ngữ."))
    text: LocalizedMarkdown = Field(**describe("The note, per language (Markdown).", "Nội dung, theo từng ngôn ngữ (Markdown)."))


GIT_HOSTS = ("github", "gitlab", "gitea")
REPOSITORY = re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$")  # owner/name; GitLab allows group/subgroup/name


class GitHostEditing(BaseModel):
    """The site's editor on the office's Git host: Decap CMS at <site>/admin/, saving into the repository."""

    model_config = STRICT
    host: Literal[GIT_HOSTS] = Field(**describe(
        "The Git host that keeps the project: github, gitlab or gitea (Gitea and Forgejo).",
        "Máy chủ Git lưu dự án: github, gitlab hoặc gitea (Gitea và Forgejo)."))
    repo: Text = Field(**describe("The repository, as owner/name.", "Kho mã, dạng chủ-sở-hữu/tên.", pattern=REPOSITORY.pattern))
    branch: Text = Field("main", **describe("The branch that is published.", "Nhánh được xuất bản."))
    base_url: Optional[Url] = Field(None, validate_default=True, **describe(
        "Gitea or a GitLab of the office's own: the host's address. GitHub: the address of the office's sign-in (OAuth) server.",
        "Gitea hoặc GitLab riêng của cơ quan: địa chỉ máy chủ. GitHub: địa chỉ máy chủ đăng nhập (OAuth) của cơ quan."))
    api_root: Optional[Url] = Field(None, **describe(
        "The host's API address, when it is not the usual one (GitHub Enterprise: <address>/api/v3).",
        "Địa chỉ API của máy chủ, khi không phải địa chỉ thông thường (GitHub Enterprise: <địa chỉ>/api/v3)."))
    app_id: Optional[Text] = Field(None, validate_default=True, **describe(
        "GitLab and Gitea: the id of the OAuth application registered on the host for this editor.",
        "GitLab và Gitea: mã ứng dụng OAuth đã đăng ký trên máy chủ cho trình soạn thảo này."))
    interface: Literal["vi", "en"] = Field("vi", **describe("The editor's language.", "Ngôn ngữ giao diện trình soạn thảo."))

    @field_validator("repo")
    @classmethod
    def _repository(cls, repo: str) -> str:
        if not REPOSITORY.match(repo):
            raise error("bad_repo", value=repo)
        return repo

    @field_validator("base_url")
    @classmethod
    def _base_needed(cls, base_url: str | None, info: ValidationInfo) -> str | None:
        # Without it Decap would sign in through Netlify (GitHub) or guess no host at all (Gitea).
        if base_url is None and info.data.get("host") in ("github", "gitea"):
            raise error("editing_base_url", host=info.data["host"])
        return base_url

    @field_validator("app_id")
    @classmethod
    def _app_needed(cls, app_id: str | None, info: ValidationInfo) -> str | None:
        if app_id is None and info.data.get("host") in ("gitlab", "gitea"):
            raise error("editing_app_id", host=info.data["host"])
        return app_id


class Site(BaseModel):
    """A website: sites/<name>.yml"""

    model_config = STRICT
    title: LocalizedName = Field(**describe("Site title, per language.", "Tên trang web, theo từng ngôn ngữ."))
    url: Url = Field(
        **describe(
            "Absolute address where the site is published, ending in '/'. Used for canonical links, the sitemap and QR codes.",
            "Địa chỉ tuyệt đối nơi trang được xuất bản, kết thúc bằng '/'. Dùng cho liên kết chuẩn, sơ đồ trang và mã QR.",
        )
    )
    languages: UniqueList(LanguageCode, min_length=1) = Field(
        **describe("Languages of the site; the first is the default.", "Các ngôn ngữ của trang; ngôn ngữ đầu là mặc định.")
    )
    include: Include = Field(default_factory=Include, **describe("Which records the site shows.", "Các bản ghi trang hiển thị."))
    translation_fallback: bool = Field(
        False,
        **describe(
            "true: a record lacking a language is shown in the default one, marked as not yet translated.",
            "true: bản ghi thiếu một ngôn ngữ được hiển thị bằng ngôn ngữ mặc định, có ghi chú là chưa dịch.",
        ),
    )
    map: MapSettings = Field(default_factory=MapSettings, **describe("Background map tiles.", "Nền bản đồ."))
    featured: UniqueList(Slug, max_length=12) = Field(
        default_factory=list,
        **describe(
            "Heritage records shown first on the home page, in this order (ids of records the site shows); "
            "empty: those with the highest recognition.",
            "Các di sản giới thiệu đầu trang chủ, theo thứ tự này (mã bản ghi mà trang hiển thị); "
            "để trống: những di sản được công nhận ở cấp cao nhất.",
        ),
    )
    practical: list[PracticalNote] = Field(
        default_factory=list,
        **describe("What every visitor should know (time zone, currency, dress...), printed in each visit's brochure.",
                   "Điều mọi khách cần biết (múi giờ, tiền tệ, trang phục...), in trong tập giới thiệu của mỗi chuyến thăm."),
    )
    editing: Optional[GitHostEditing] = Field(None, **describe(
        "An editor in the browser for the office's Git host, published at <url>/admin/ (see the README).",
        "Trình soạn thảo trên trình duyệt cho máy chủ Git của cơ quan, xuất bản tại <url>/admin/ (xem README)."))

    @field_validator("url")
    @classmethod
    def _slash(cls, url: str) -> str:
        if not url.endswith("/"):
            raise error("site_url_slash", suggestion=url + "/")
        return url

    def title_in(self, lang: str) -> str:
        """The site's title in `lang`, or in its first language when it has none in `lang`."""
        return self.title.get(lang) or self.title[self.languages[0]]


class VisitDates(BaseModel):
    model_config = STRICT
    start: dt.date = Field(alias="from", **describe("First day of the visit.", "Ngày đầu chuyến thăm."))
    end: dt.date = Field(alias="to", **describe("Last day of the visit.", "Ngày cuối chuyến thăm."))


TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def _time(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        value = f"{value // 60:02d}:{value % 60:02d}"  # YAML 1.1 reads an unquoted 08:30 as 510 minutes
    if not isinstance(value, str) or not TIME.match(value):
        raise error("bad_time", value=value)
    return value


Time = Annotated[str, BeforeValidator(_time), WithJsonSchema({"type": "string", "pattern": TIME.pattern})]


class ProgrammeItem(BaseModel):
    """One timed item of a day's programme."""

    model_config = STRICT
    time: Time = Field(
        **describe("When it starts, HH:MM (24 hours).", "Giờ bắt đầu, HH:MM (24 giờ).", examples=["08:30"])
    )
    end: Optional[Time] = Field(
        None, **describe("When it ends, HH:MM, if it is known.", "Giờ kết thúc, HH:MM, nếu đã biết.")
    )
    kind: Literal[PROGRAMME_ITEMS] = Field(**describe("What it is.", "Loại hoạt động."))
    record: Optional[Slug] = Field(
        None, **describe("For a visit: the record visited (its id).", "Với hoạt động tham quan: mã bản ghi được đến thăm.")
    )
    what: Optional[LocalizedName] = Field(
        None, **describe("What happens, per language (a visit's defaults to the record's name).",
                         "Nội dung, theo từng ngôn ngữ (với tham quan, mặc định là tên bản ghi).")
    )
    venue: Optional[LocalizedName] = Field(None, **describe("Where, per language.", "Địa điểm, theo từng ngôn ngữ."))


class ItineraryDay(BaseModel):
    model_config = STRICT
    day: dt.date = Field(**describe("The date.", "Ngày."))
    stops: UniqueList(Slug) = Field(
        default_factory=list,
        **describe("Record ids visited that day, in order (or give a timed programme instead).",
                   "Mã các điểm đến trong ngày, theo thứ tự (hoặc thay bằng chương trình theo giờ)."),
    )
    programme: list[ProgrammeItem] = Field(
        default_factory=list,
        **describe("The day's timed programme; its visit items are the day's stops.",
                   "Chương trình theo giờ của ngày; các mục tham quan là điểm đến trong ngày."),
    )

    @property
    def places(self) -> list[str]:
        """The records of the day, in order: the stops, or those its programme's items name."""
        return self.stops or list(dict.fromkeys(item.record for item in self.programme if item.record))


class VisitContact(BaseModel):
    model_config = STRICT
    name: Text = Field(**describe("Person or office to contact during the visit.", "Người hoặc cơ quan liên hệ trong chuyến thăm."))
    kind: Optional[Literal[CONTACT_KINDS]] = Field(
        None, **describe("Who they are for the delegation.", "Vai trò đối với đoàn.", examples=["liaison"])
    )
    role: Optional[LocalizedName] = Field(None, **describe("Their role, per language.", "Chức vụ, vai trò, theo từng ngôn ngữ."))
    phone: Optional[Phone] = Field(None, **describe("Phone number.", "Số điện thoại."))
    email: Optional[Email] = Field(None, **describe("E-mail address.", "Địa chỉ thư điện tử."))
    coordinates: Optional[Coordinates] = Field(
        None,
        **describe("[latitude, longitude]: a hotel's is marked on the route map.",
                   "[vĩ độ, kinh độ]: vị trí khách sạn được đánh dấu trên bản đồ lộ trình.", examples=[[13.9833, 108.0]]),
    )


class Person(BaseModel):
    """Someone of the delegation or of the hosts, as a programme's 'who is who' lists them."""

    model_config = STRICT
    name: Text = Field(**describe("Full name, as the person writes it.", "Họ và tên, như người đó viết."))
    role: LocalizedName = Field(**describe("Title and office, per language.", "Chức vụ, cơ quan, theo từng ngôn ngữ."))


class People(BaseModel):
    model_config = STRICT
    delegation: list[Person] = Field(default_factory=list, **describe("The delegation's members, head first.", "Thành viên đoàn, trưởng đoàn trước."))
    host: list[Person] = Field(default_factory=list, **describe("The hosts who receive them, highest first.", "Đại diện phía chủ nhà, cấp cao nhất trước."))


class Delegation(BaseModel):
    """A delegation brochure: sites/delegations/<visit>.yml"""

    model_config = STRICT
    site: Slug = Field(**describe("The website its QR codes point to (a file name in sites/).", "Trang web mà mã QR trỏ tới (tên tệp trong sites/)."))
    languages: UniqueList(LanguageCode, min_length=1) = Field(
        **describe("The delegation's language first, then the others.", "Ngôn ngữ của đoàn trước, rồi các ngôn ngữ khác.")
    )
    delegation: LocalizedText = Field(**describe("The delegation's name, per language.", "Tên đoàn, theo từng ngôn ngữ."))
    country: Optional[CountryCode] = Field(None, **describe(
        "Where the delegation comes from, as an ISO code (KH Cambodia, LA Laos): for the yearly report and its anniversaries.",
        "Nước của đoàn, theo mã ISO (KH Campuchia, LA Lào): cho báo cáo năm và các ngày kỷ niệm."))
    dates: VisitDates = Field(**describe("{from: YYYY-MM-DD, to: YYYY-MM-DD}", "{from: YYYY-MM-DD, to: YYYY-MM-DD}"))
    itinerary: list[ItineraryDay] = Field(
        default_factory=list, **describe("The stops, day by day.", "Các điểm đến, theo từng ngày.")
    )
    gifts: UniqueList(Slug) = Field(default_factory=list, **describe("OCOP product ids given as gifts.", "Mã các sản phẩm OCOP làm quà tặng."))
    paper: Literal["A4", "A5"] = Field("A4", **describe("Paper size.", "Khổ giấy."))
    welcome: Optional[LocalizedMarkdown] = Field(
        None,
        **describe(
            f"The welcome page's text, per language (Markdown, at most {MARKDOWN_LIMIT:,} characters).",
            f"Lời chào mừng, theo từng ngôn ngữ (Markdown, tối đa {MARKDOWN_LIMIT:_} ký tự).".replace("_", "."),
        ),
    )
    host: Optional[LocalizedName] = Field(
        None, **describe("The host authority, per language.", "Cơ quan chủ nhà đón đoàn, theo từng ngôn ngữ.")
    )
    people: People = Field(default_factory=People, **describe("Who is who.", "Thành phần tham dự."))
    contacts: list[VisitContact] = Field(
        default_factory=list, **describe("Who the delegation can call during the visit.", "Người đoàn có thể liên hệ trong chuyến thăm.")
    )
