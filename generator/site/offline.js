/* The offline edition of a site (`heritage bundle`), opened from disk, a USB stick or a kiosk.
   Loaded first by every page of the edition; it gives heritage-map.js window.heritageOffline:
   - pageLink(href): pages are folders online; from disk a link must name the folder's index.html;
   - draw(map): the province's outline and towns, as vectors, where the site would load tiles.
   From file://, Chromium allows no web worker: Material's search worker then runs in a hidden frame
   (FrameWorker below). Material's worker looks for window.IFrameWorker and finds its language
   scripts from its own script tag then, so the frame keeps Material's conventions.
   The data (outline, towns, attribution) is written by generator/site/offline.py as JSON. */
(function () {
  "use strict";
  var DATA = /*DATA*/null;

  function pageLink(href) {
    href = String(href);
    if (/^([a-z][a-z0-9+.\-]*:|\/\/|#)/i.test(href)) return href;
    var parts = /^([^?#]*)(.*)$/.exec(href), path = parts[1];
    if (!path) return href;
    if (/(^|\/)\.\.?$/.test(path)) path += "/";
    return /\/$/.test(path) ? path + "index.html" + parts[2] : href;
  }

  /* Towns lie under the markers (a pane between the outline and the markers); a smaller town's name
     shows only once the map is close enough for it not to crowd the others (ranks: towns.yml). */
  var NAMED_FROM_ZOOM = {1: 0, 2: 9, 3: 10};

  function draw(map) {
    var box = map.getContainer();
    box.classList.add("hs-map--offline");
    if (DATA.attribution) map.attributionControl.addAttribution(DATA.attribution);  /* escaped by the generator */
    map.createPane("hs-towns").style.zIndex = 450;
    function nameTowns() {
      [2, 3].forEach(function (rank) { box.classList.toggle("hs-map--hide-" + rank, map.getZoom() < NAMED_FROM_ZOOM[rank]); });
    }
    map.whenReady(function () {  /* a record map gets its view after its background */
      if (DATA.outline) {
        L.geoJSON(DATA.outline, {interactive: false, style: {className: "hs-outline"}}).addTo(map).bringToBack();
      }
      DATA.towns.forEach(function (town) {
        var dot = L.circleMarker([town[1], town[2]], {
          radius: town[3] === 1 ? 4 : 3, className: "hs-town", interactive: false, pane: "hs-towns"
        }).addTo(map);
        var label = document.createElement("span");
        label.textContent = town[0];
        dot.bindTooltip(label, {permanent: true, direction: "right", offset: [4, 0], interactive: false, pane: "hs-towns",
                                className: "hs-town-label hs-town-label--" + town[3]});
      });
      nameTowns();
      map.on("zoomend", nameTowns);
    });
  }

  window.heritageOffline = {pageLink: pageLink, draw: draw};

  if (location.protocol !== "file:") return;

  /* A stand-in for Worker: the script runs in a hidden same-origin frame, messages are dispatched
     to and from it as events, and importScripts loads scripts in order and returns a promise (the
     search wrapper waits for it, and Material's worker awaits it). */
  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      var script = new URL(url, location.href).href, worker = this;
      var frame = document.createElement("iframe");
      frame.hidden = true;
      frame.setAttribute("aria-hidden", "true");
      document.body.appendChild(frame);
      this.frame = frame;
      var scope = frame.contentWindow, loaded = Promise.resolve();
      scope.document.open();
      scope.document.write("<!doctype html><title></title><body></body>");
      scope.document.close();
      function load(src) {
        return new Promise(function (resolve, reject) {
          var tag = scope.document.createElement("script");
          tag.src = new URL(src, script).href;
          tag.onload = resolve;
          tag.onerror = reject;
          scope.document.body.appendChild(tag);
        });
      }
      scope.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        loaded = urls.reduce(function (chain, src) { return chain.then(function () { return load(src); }); }, loaded);
        return loaded;
      };
      scope.postMessage = function (data) {
        var event = new MessageEvent("message", {data: data});
        worker.dispatchEvent(event);
        if (typeof worker.onmessage === "function") worker.onmessage(event);
      };
      this.ready = load(script).then(function () { return loaded; });
    }

    postMessage(data) {
      var scope = this.frame.contentWindow;
      this.ready.then(function () { scope.dispatchEvent(new scope.MessageEvent("message", {data: data})); });
    }

    terminate() {
      this.frame.remove();
    }
  }

  window.IFrameWorker = FrameWorker;
  window.Worker = FrameWorker;
})();
