/* Markers, popups, the overview map's tiles and layer control, and record maps
   (Leaflet, no other library). Every text comes as JSON data: popups are built
   with textContent, and what Leaflet shows as HTML (the attribution, escaped by
   the generator; layer names, escaped here) never becomes markup.
   A marker row is [lat, lon, name, kind label, detail, href, thumbnail, approximate, kind].
   In the offline edition (heritage bundle), window.heritageOffline draws the background instead
   of tiles and turns links to folders into links to their index.html. */
(function () {
  "use strict";
  var labels = {};
  var offline = window.heritageOffline || null;

  function icon(kind, approximate, secondary) {
    var name = "hs-marker hs-marker--" + kind + (approximate ? " hs-marker--area" : "") + (secondary ? " hs-marker--near" : "");
    var size = secondary ? 24 : 28;  /* touch targets of at least 24 px */
    return L.divIcon({className: name, iconSize: [size, size], html: ""});
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function popup(row) {
    var box = element("div", "hs-popup");
    if (row[6]) {
      var picture = element("img", "hs-popup__thumb");
      picture.src = row[6];
      picture.alt = "";
      box.appendChild(picture);
    }
    box.appendChild(element("p", "hs-popup__kind", row[3]));
    box.appendChild(element("p", "hs-popup__name", row[2]));
    if (row[4]) box.appendChild(element("p", "hs-popup__detail", row[4]));
    if (row[7]) box.appendChild(element("p", "hs-popup__approximate", labels.approximate));
    if (row[5]) {
      var link = element("a", "hs-popup__link", labels.open);
      link.href = offline ? offline.pageLink(row[5]) : row[5];
      box.appendChild(link);
    }
    return box;
  }

  function marker(row, secondary) {
    var point = L.marker([row[0], row[1]], {
      icon: icon(row[8], row[7], secondary), title: row[2], alt: row[2], keyboard: true, riseOnHover: true
    });
    point.bindPopup(function () { return popup(row); });
    return point;
  }

  /* When tiles cannot load, the markers still work on a plain background: say why it is plain. */
  function noteWhenOffline(map, tiles) {
    var shown = false;
    tiles.on("tileerror", function () {
      if (shown) return;
      shown = true;
      var note = L.control({position: "bottomleft"});
      note.onAdd = function () { return element("p", "hs-map-offline", labels.offline); };
      note.addTo(map);
    });
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  function tileLayer(map, data) {
    if (offline) return offline.draw(map);
    var tiles = L.tileLayer(data.tiles, {attribution: data.attribution, maxZoom: 18});
    noteWhenOffline(map, tiles);
    return tiles.addTo(map);
  }

  /* The overview map's data block, read once. */
  var overview = null;
  function overviewData() {
    if (!overview) overview = JSON.parse(document.getElementById("hs-map-data").textContent);
    return overview;
  }

  /* One kind's markers in the shared cluster group: switching the layer off takes them out. */
  var KindLayer = L.Layer.extend({
    initialize: function (cluster, rows) {
      this.cluster = cluster;
      this.markers = rows.map(function (row) { return marker(row, false); });
    },
    onAdd: function () { this.cluster.addLayers(this.markers); },
    onRemove: function () { this.cluster.removeLayers(this.markers); }
  });

  window.heritageKindLayer = function (cluster, index) { return new KindLayer(cluster, overviewData().layers[index].rows); };

  /* The tiles and a layer control naming each kind layer, with its dot and count. */
  window.heritageOverview = function (map, kindLayers) {
    var data = overviewData(), overlays = {};
    labels = data.labels;
    tileLayer(map, data);
    kindLayers.forEach(function (layer, index) {
      var kind = data.layers[index];
      var name = '<span class="hs-dot hs-dot--' + escapeHtml(kind.kind) + '"></span> ' +
        escapeHtml(kind.label) + " (" + kind.rows.length + ")";
      overlays[name] = layer;
    });
    return L.control.layers(null, overlays, {collapsed: false}).addTo(map);
  };

  window.heritageRecordMap = function (box) {
    var data = JSON.parse(box.getAttribute("data-map"));
    labels = data.labels;
    var map = L.map(box, {scrollWheelZoom: false});
    tileLayer(map, data);
    var here = marker(data.point, false).addTo(map);
    here.bindTooltip(labels.here);
    var points = [[data.point[0], data.point[1]]];
    data.neighbours.forEach(function (row) {
      marker(row, true).addTo(map);
      points.push([row[0], row[1]]);
    });
    if (points.length > 1) map.fitBounds(points, {padding: [24, 24], maxZoom: 13});
    else map.setView(points[0], 12);
  };
})();
