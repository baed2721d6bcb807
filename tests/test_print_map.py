"""The brochure's route map: markers grouped not shifted, a colour per day, towns from the project's list.

print_map is pure, so most tests give it a few stops and towns and read the
SVG back as XML; the last ones read a rendered brochure back with poppler.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from builders import catalogue, record, visit
from conftest import REPO, copy_bundled_project, run
from generator.brochure.plan import plan_visit
from generator.brochure.map_layout import overlaps, text_width
from generator.brochure.print_map import DAY_COLOURS, MapLabels, MapStop, MapTown, itinerary_svg
from generator.brochure.render import route_map
from generator.models.towns import Town
from generator.places import Gazetteer

SVG = "{http://www.w3.org/2000/svg}"
LABELS = MapLabels("Route map", ("Day 1", "Day 2", "Day 3"), "Start", "Dashed ring: an area's reference point")
PLEIKU, AN_KHE = (14.0074, 108.046), (13.9929, 108.672)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML, or this raises


def texts(svg: str) -> list[str]:
    return [el.text or "" for el in parse(svg).iter(f"{SVG}text")]


def drawn_texts(svg: str) -> list[ET.Element]:
    """Text elements as printed: each name is drawn twice, its halo (stroked) first."""
    return [el for el in parse(svg).iter(f"{SVG}text") if el.get("stroke") is None]


def day_lines(svg: str) -> dict[str, int]:
    """Stroke colour -> number of points, of each route drawn."""
    out = {}
    for line in parse(svg).iter(f"{SVG}polyline"):
        if line.get("stroke") in DAY_COLOURS:
            out[line.get("stroke")] = len(line.get("points").split())
    return out


def stop(number: int, day: int, lat: float, lon: float, approximate: bool = False) -> MapStop:
    return MapStop(number, day, lat, lon, approximate)


# ---------------------------------------------------------------- markers


def test_no_stops_no_map():
    assert itinerary_svg([], [MapTown("Pleiku", *PLEIKU, 1)], LABELS) == ""


def test_stops_at_one_point_share_one_marker_instead_of_moving_aside():
    stops = [stop(1, 0, 14.0, 108.0), stop(2, 0, 13.97, 108.65), stop(3, 0, 13.9701, 108.6501)]
    svg = itinerary_svg(stops, [], LABELS)
    numbers = [t for t in texts(svg) if re.fullmatch(r"[\d, –]+", t) and t.strip()]
    assert "2, 3" in numbers and "2" not in numbers and "3" not in numbers
    assert numbers.count("1") == 1
    # one route through two places: the shared marker is one point of the day's line
    assert day_lines(svg) == {DAY_COLOURS[0]: 2}


def test_a_run_of_three_or_more_is_written_as_a_range():
    stops = [stop(n, 0, 13.97 + n * 1e-4, 108.65) for n in (1, 2, 3, 4)] + [stop(5, 0, 14.3, 108.1), stop(6, 0, 13.97, 108.6501)]
    numbers = texts(itinerary_svg(stops, [], LABELS))
    assert "1–4, 6" in numbers and "5" in numbers


def test_a_shared_marker_of_two_days_is_split_in_their_colours():
    stops = [stop(1, 0, 14.0, 108.0), stop(2, 0, 13.97, 108.65), stop(3, 1, 13.97, 108.65), stop(4, 1, 14.2, 108.4)]
    svg = itinerary_svg(stops, [], LABELS)
    assert {"2", "3"} <= set(texts(svg))  # one segment per day, in its colour
    fills = [rect.get("fill") for rect in parse(svg).iter(f"{SVG}rect") if rect.get("rx") == "16"]
    assert fills.count(DAY_COLOURS[0]) >= 2 and fills.count(DAY_COLOURS[1]) >= 2  # the markers 1, 2|3 and 4
    assert day_lines(svg) == {DAY_COLOURS[0]: 2, DAY_COLOURS[1]: 2}


def test_each_day_has_its_colour_its_route_and_a_legend_entry():
    stops = [stop(1, 0, 14.0, 108.0), stop(2, 0, 13.9, 108.1), stop(3, 1, 14.2, 108.4), stop(4, 1, 14.1, 108.5),
             stop(5, 2, 13.8, 108.6), stop(6, 2, 13.7, 108.5), stop(7, 2, 13.75, 108.3)]
    svg = itinerary_svg(stops, [], LABELS)
    assert day_lines(svg) == {DAY_COLOURS[0]: 2, DAY_COLOURS[1]: 2, DAY_COLOURS[2]: 3}
    assert {"Day 1", "Day 2", "Day 3", "Start"} <= set(texts(svg))
    legend = {el.text: el for el in drawn_texts(svg)}
    swatches = {line.get("stroke") for line in parse(svg).iter(f"{SVG}line")}
    assert swatches == set(DAY_COLOURS[:3])
    assert float(legend["Day 1"].get("x")) < float(legend["Day 2"].get("x")) < float(legend["Day 3"].get("x"))


def test_a_day_without_a_located_stop_is_not_in_the_legend_and_colours_follow_the_day():
    svg = itinerary_svg([stop(1, 0, 14.0, 108.0), stop(2, 0, 13.9, 108.1), stop(3, 2, 14.2, 108.4)], [], LABELS)
    assert "Day 2" not in texts(svg) and {"Day 1", "Day 3"} <= set(texts(svg))
    assert DAY_COLOURS[2] in svg and DAY_COLOURS[1] not in svg


def test_the_start_is_named_beside_the_first_stop():
    svg = itinerary_svg([stop(1, 0, 14.0, 108.0), stop(2, 0, 13.9, 108.3)], [], LABELS)
    start = next(el for el in drawn_texts(svg) if el.text == "Start")
    assert start.get("fill") == DAY_COLOURS[0]


def test_area_reference_points_get_a_dashed_ring_and_a_legend_line():
    exact = [stop(1, 0, 14.0, 108.0), stop(2, 0, 13.9, 108.3)]
    svg = itinerary_svg(exact, [], LABELS)
    assert "stroke-dasharray" not in svg and LABELS.approximate not in texts(svg)
    svg = itinerary_svg([exact[0], stop(2, 0, 13.9, 108.3, approximate=True)], [], LABELS)
    rings = [el for el in parse(svg).iter() if el.get("stroke-dasharray")]
    assert len(rings) == 2  # round the marker, and in the legend
    assert LABELS.approximate in texts(svg)


def test_the_hotel_is_marked_inside_the_frame_and_named_in_the_legend():
    stops = [stop(1, 0, 14.0, 108.0), stop(2, 0, 13.9, 108.3)]
    labels = MapLabels("Map", ("Day 1",), "Start", "", hotel="Hotel")
    without = itinerary_svg(stops, [], labels)
    far = (13.6, 108.9)  # south-east of every stop: the frame grows to hold it
    svg = itinerary_svg(stops, [], labels, hotel=far)
    assert "Hotel" in texts(svg) and "Hotel" not in texts(without)
    squares = [el for el in parse(svg).iter(f"{SVG}rect") if el.get("fill") == "#2b1a14" and el.get("rx") == "3"]
    assert len(squares) == 2  # on the map, and in the legend
    frame = [float(v) for v in parse(svg).get("viewBox").split()]
    x, y = float(squares[0].get("x")), float(squares[0].get("y"))
    assert 0 < x < frame[2] and 0 < y < round(frame[2] * 0.6)


def test_a_map_for_a_script_svg_cannot_shape_carries_no_words_of_it():
    """WeasyPrint draws SVG text letter by letter: Khmer's legend goes to the page instead (render.py)."""
    stops = [stop(1, 0, 14.0, 108.0, True), stop(2, 1, 13.9, 108.3)]
    labels = MapLabels("ផែនទី", (), "", "", hotel="")
    svg = itinerary_svg(stops, [MapTown("Pleiku", *PLEIKU, 1)], labels, hotel=(13.95, 108.1))
    assert all(not any("\u1780" <= ch <= "\u17ff" for ch in text) for text in texts(svg))
    assert parse(svg).get("aria-label") == "ផែនទី"  # the accessible name is an attribute, not drawn


def test_a_long_legend_line_wraps():
    labels = MapLabels("Map", ("Day 1",), "Start", " ".join(["reference"] * 30))
    svg = itinerary_svg([stop(1, 0, 14.0, 108.0, True)], [], labels, width=720)
    lines = [t for t in texts(svg) if t.startswith("reference")]
    assert len(lines) > 1 and " ".join(lines) == labels.approximate
    for el in drawn_texts(svg):
        if el.text.startswith("reference"):
            assert float(el.get("x")) + text_width(el.text, 19) <= 720
    height = float(parse(svg).get("viewBox").split()[3])
    assert max(float(el.get("y")) for el in drawn_texts(svg)) < height


def test_a_single_stop_is_drawn_at_a_sensible_scale():
    svg = itinerary_svg([stop(1, 0, 14.0, 108.0)], [MapTown("Pleiku", *PLEIKU, 1)], LABELS)
    assert "polyline" not in svg
    assert "Pleiku" in texts(svg)  # 5 km away: inside the least span a map shows
    assert re.search(r">\d+ km<", svg)


# ---------------------------------------------------------------- towns


def test_only_towns_inside_the_frame_are_drawn():
    stops = [stop(1, 0, 13.93, 108.02), stop(2, 0, 14.27, 108.43)]
    towns = [MapTown("Pleiku", *PLEIKU, 1), MapTown("Quy Nhơn", 13.7843, 109.233, 1), MapTown("Kbang", 14.1851, 108.553, 3)]
    names = texts(itinerary_svg(stops, towns, LABELS))
    assert "Pleiku" in names and "Kbang" in names
    assert "Quy Nhơn" not in names  # 70 km east of the frame


def test_town_names_never_sit_under_a_marker_or_another_name():
    # many towns crowded round the stops: each is named clear of every marker and name, or left out
    stops = [stop(1, 0, 13.97, 108.65), stop(2, 0, 13.99, 108.67, True), stop(3, 1, 14.05, 108.5), stop(4, 1, 14.0, 108.55)]
    towns = [MapTown(f"Town {i}", 13.95 + (i % 6) * 0.02, 108.48 + (i // 6) * 0.04, 1 + i % 3) for i in range(30)]
    towns.append(MapTown("An Khê", *AN_KHE, 2))
    svg = itinerary_svg(stops, towns, LABELS)
    root = parse(svg)
    markers = []
    for el in root.iter(f"{SVG}rect"):
        if el.get("rx") and el.get("fill") in DAY_COLOURS:
            x, y, w, h = (float(el.get(k)) for k in ("x", "y", "width", "height"))
            markers.append((x, y, x + w, y + h))
    boxes = []
    for el in drawn_texts(svg):
        if not (el.text.startswith("Town") or el.text == "An Khê"):
            continue
        size, weight = float(el.get("font-size")), int(el.get("font-weight"))
        width, x = text_width(el.text, size, weight), float(el.get("x"))
        left = {"start": x, "end": x - width, "middle": x - width / 2}[el.get("text-anchor")]
        y = float(el.get("y"))
        boxes.append((left, y - 0.98 * size, left + width, y + 0.3 * size))
    assert boxes, "some towns are named"
    assert len(boxes) < len(towns), "and some left out for want of room"
    for box in boxes:
        assert not any(overlaps(box, marker) for marker in markers), box
    for i, a in enumerate(boxes):
        assert not any(overlaps(a, b) for b in boxes[i + 1:]), a


def test_a_name_goes_off_the_route_when_it_can():
    # a route runs north-south just east of the town: its name goes west of its dot, not across the route
    stops = [stop(1, 0, 14.2, 108.2), stop(2, 0, 13.8, 108.2)]
    svg = itinerary_svg(stops, [MapTown("Westside", 14.0, 108.19, 2)], LABELS)
    name = next(el for el in drawn_texts(svg) if el.text == "Westside")
    assert name.get("text-anchor") == "end"


def test_cities_are_named_before_smaller_towns_when_space_is_short():
    stops = [stop(1, 0, 14.0, 108.0), stop(2, 0, 14.01, 108.3)]
    towns = [MapTown("Smallplace", 14.06, 108.15, 3), MapTown("Bigcity", 14.06, 108.151, 1)]
    names = texts(itinerary_svg(stops, towns, LABELS))
    assert "Bigcity" in names and "Smallplace" not in names


def test_hostile_town_names_and_labels_are_text():
    hostile = '<script>alert(1)</script> & "quotes" \'x\' ]]> <!--'
    labels = MapLabels(hostile, (hostile,), hostile, hostile, fonts='Noto"><script>')
    stops = [stop(1, 0, 14.0, 108.0, True), stop(2, 0, 13.9, 108.3)]
    svg = itinerary_svg(stops, [MapTown(hostile, 13.95, 108.15, 1)], labels)
    assert "<script" not in svg and "<!--" not in svg
    root = parse(svg)
    assert root.get("aria-label") == hostile and root.get("font-family") == 'Noto"><script>'
    assert texts(svg).count(hostile) >= 2 * 2  # the town and the start (each with its halo), a day, the legend line
    assert all(el.tag.startswith(SVG) for el in root.iter())  # no element made of a name


def test_the_same_input_gives_the_same_bytes():
    stops = [stop(1, 0, 14.0, 108.0), stop(2, 0, 13.97, 108.65, True), stop(3, 1, 13.9701, 108.6501)]
    towns = [MapTown("Pleiku", *PLEIKU, 1), MapTown("An Khê", *AN_KHE, 2)]
    first = itinerary_svg(stops, towns, LABELS)
    assert itinerary_svg(list(stops), list(towns), LABELS) == first
    assert itinerary_svg(stops, towns, LABELS, width=720) != first  # A5's narrower map: larger names


# ---------------------------------------------------------------- from a plan, in the brochure's language


def test_the_plan_gives_days_precision_and_words_in_the_brochure_language():
    records = [record("hoi-phu", coordinates=(13.9341, 108.02), commune="Phường Hội Phú"),
               record("go-da", coordinates=(13.972, 108.6514)),
               record("tay-son", coordinates=(13.9564, 108.6564), location={
                   "coordinates": [13.9564, 108.6564], "precision": "area", "province": "Gia Lai"})]
    plan = plan_visit(catalogue(*records), visit([["hoi-phu"], ["go-da", "tay-son"]], languages=("vi", "en")), {})
    assert [s.approximate for s in plan.stops] == [False, False, True]
    towns = [Town(name="An Khê", names={"en": "An Khe"}, coordinates=AN_KHE, rank=2), Town(name="Pleiku", coordinates=PLEIKU, rank=1)]
    names = texts(route_map(plan, towns))
    assert {"Ngày 1", "Ngày 2", "Xuất phát", "Pleiku", "An Khê"} <= set(names)
    assert any(n.startswith("Vòng nét đứt") for n in names)
    assert "2, 3" in names
    english = plan_visit(catalogue(*records), visit([["hoi-phu"], ["go-da", "tay-son"]]), {})
    assert "An Khe" in texts(route_map(english, towns))


# ---------------------------------------------------------------- the project's list


def test_the_bundled_towns_are_the_reference_points_of_their_communes():
    data = yaml.safe_load((REPO / "content/_places/towns.yml").read_text(encoding="utf-8"))
    gazetteer = Gazetteer()
    assert len(data["towns"]) >= 10
    for town in data["towns"]:
        Town.model_validate(town)
        assert gazetteer.commune(town["province"], town["commune"]) == town["commune"], town["name"]
        assert tuple(town["coordinates"]) == gazetteer.reference_point(town["province"], town["commune"]), town["name"]


def test_a_mistake_in_the_towns_file_is_reported_at_its_line(project):
    places = project / "content/_places"
    places.mkdir()
    (places / "towns.yml").write_text(
        "towns:\n"
        "  - {name: Pleiku, coordinates: [14.0, 108.0]}\n"
        "  - {name: An Khê, coordinates: [108.6, 13.9], rank: 5}\n"
        "  - {name: Kbang, cordinates: [14.1, 108.5]}\n",
        encoding="utf-8",
    )
    result = run("--project", str(project), "--messages", "en", "check")
    assert result.status == 1
    lines = [line for line in result.problem_lines if line.startswith("content/_places/towns.yml:")]
    assert any(line.startswith("content/_places/towns.yml:3: towns[2].coordinates: ") for line in lines), lines
    assert any(line.startswith("content/_places/towns.yml:3: towns[2].rank: ") for line in lines), lines
    assert any(line.startswith("content/_places/towns.yml:4: towns[3].") and "coordinates" in line for line in lines), lines


def test_a_project_without_a_towns_file_has_no_towns(project):
    result = run("--project", str(project), "--messages", "en", "check")
    assert result.status == 0, result.err


# ---------------------------------------------------------------- the printed brochure


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _map_page(pdf: Path, caption: str) -> str:
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                               check=True, timeout=60).stdout).group(1))
    for n in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True,
                              check=True, timeout=60).stdout
        if caption in _flat(text):
            return _flat(text)
    raise AssertionError(f"no page with {caption!r}")


@pytest.fixture(scope="module")
def bundled_project(tmp_path_factory) -> Path:
    return copy_bundled_project(tmp_path_factory.mktemp("route-map") / "project")


def _visit_in(project: Path, languages: str, name: str) -> None:
    """A copy of the bundled visit (Khmer first) in other languages."""
    source = project / "sites/delegations/2026-12-ratanakiri.yml"
    text = source.read_text(encoding="utf-8").replace("languages: [km, vi, en]", f"languages: {languages}", 1)
    (project / "sites/delegations" / f"{name}.yml").write_text(text, encoding="utf-8")


def test_the_brochure_map_names_towns_and_days(bundled_project, tmp_path):
    pdf = tmp_path / "visit.pdf"
    _visit_in(bundled_project, "[en, vi]", "map-en")
    try:
        result = run("--project", str(bundled_project), "--messages", "en", "brochure", "map-en", "--out", str(pdf))
    finally:
        (bundled_project / "sites/delegations/map-en.yml").unlink()
    assert result.status == 0, result.err
    page = _map_page(pdf, "Dashed ring")
    for words in ("Pleiku", "An Khê", "Kbang", "Day 1", "Day 2", "Day 3", "Start", "km",
                  "Dashed ring: an area's reference point or an approximate position", "4, 5"):
        assert words in page, words
    assert "An Phú" not in page and "An Bình" not in page  # ward names, not towns
    assert "Quy Nhơn" not in page  # outside the frame


def test_the_vietnamese_a5_brochure_map_speaks_vietnamese(bundled_project, tmp_path):
    _visit_in(bundled_project, "[vi, en]", "map-vi")
    vi_visit = bundled_project / "sites/delegations/map-vi.yml"
    pdf = tmp_path / "vi.pdf"
    try:
        result = run("--project", str(bundled_project), "--messages", "en", "brochure", "map-vi", "--paper", "A5",
                     "--out", str(pdf))
    finally:
        vi_visit.unlink()  # the module's other brochure shares this project
    assert result.status == 0, result.err
    page = _map_page(pdf, "Vòng nét đứt")
    for words in ("Pleiku", "An Khê", "Ngày 1", "Ngày 2", "Ngày 3", "Xuất phát",
                  "Vòng nét đứt: điểm đại diện của một khu vực hoặc vị trí gần đúng"):
        assert words in page, words
    assert "Day 1" not in page and "Start" not in page
