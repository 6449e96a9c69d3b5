// kg.js: what kg adds to Cayley's web console. It runs before the console's own bundle
// and leaves that bundle as Cayley ships it:
// - Visualize draws the answer of any query with cytoscape.js: entity names as labels,
//   verbs on the edges, a colour per type with a legend, zoom, pan and drag, and at most
//   a set number of nodes, the best-connected, saying how many were left out;
// - Query Shape and Write say plainly what they do not do on this server;
// - errors read as sentences, without positions in the script;
// - a canned question opened from /ask shows its own lines, with kg's library folded.
(function () {
  "use strict";

  var COLORS = { Person: "#4e79a7", Organization: "#f28e2b", Place: "#59a14f", Event: "#e15759" };
  var OTHER = "#9c9c9c";
  var LIMITS = [25, 50, 100, 200];
  var limit = 50;
  var server = { writable: false };
  var last = null; // the last query's {text, data}
  var page = "";
  var cy = null;

  fetch("/api/kg/info").then(function (r) { return r.json(); }).then(function (d) { server = d; update(); }).catch(function () {});

  // sentence is an error message without its script positions: `nothing in the graph is
  // known as "Putn"`, not `… at kgFind (<eval>:72:28(61))`.
  function sentence(msg) {
    return String(msg)
      .replace(/\s+at (?:\S+ )?\(?<eval>:\d+:\d+(?:\(\d+\))?\)?/g, "")
      .replace(/^(query failed: )?(Error: )?/, "")
      .trim();
  }
  window.kgSentence = sentence;

  function jsonResponse(data, status) {
    return new Response(JSON.stringify(data), { status: status || 200, headers: { "Content-Type": "application/json" } });
  }

  // ---- the API calls of the console's pages
  var realFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = typeof input == "string" ? input : input.url;
    var path = new URL(url, location.href).pathname;
    if (path.indexOf("/api/v1/shape") == 0) {
      // Cayley's Query Shape page throws on the 501 kg answers, uncaught: answer it
      return Promise.resolve(jsonResponse({ unsupported: SHAPE_NOTE }));
    }
    var p = realFetch(input, init);
    if (path == "/api/v2/query") {
      var text = init && typeof init.body == "string" ? init.body : "";
      return p.then(function (res) {
        return res.clone().json().then(function (data) {
          if (data && data.error) data.error = sentence(data.error);
          last = { text: text, data: data };
          if (page == "Visualize") draw(data);
          return jsonResponse(data, res.status);
        }, function () { return res; });
      });
    }
    if (path == "/api/v2/write" || path == "/api/v2/delete") {
      return p.then(function (res) {
        res.clone().json().then(function (d) {
          toast(d.error ? sentence(d.error) : d.result || "done", !!d.error);
        }, function () { toast(res.ok ? "done" : "the server answered " + res.status, !res.ok); });
        return res;
      }, function (e) { toast("the server did not answer: " + e.message, true); throw e; });
    }
    return p;
  };

  var SHAPE_NOTE = "kg serve does not support Query Shape: Cayley's shape API is not served here. " +
    "Run the query on the Query page, or draw what it returns on Visualize.";

  // ---- which page of the console is open
  function currentPage() {
    var a = document.querySelector(".mdc-drawer .mdc-list-item--activated");
    return a ? a.textContent.trim() : "";
  }

  var pending = false;
  new MutationObserver(function () {
    if (!pending) { pending = true; requestAnimationFrame(function () { pending = false; update(); }); }
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
  window.addEventListener("resize", function () { place(); });
  window.addEventListener("scroll", function () { place(); });

  function update() {
    var p = currentPage();
    var changed = p != page;
    page = p;
    banner();
    var pane = document.getElementById("kg-graph");
    if (page == "Visualize") {
      if (!pane) pane = makePane();
      pane.style.display = "";
      place();
      if (changed && last) draw(last.data);
    } else if (pane) {
      pane.style.display = "none";
    }
  }

  // banner puts a line above the page saying what it does here.
  function banner() {
    var main = document.querySelector(".App main");
    var text = "", cls = "kg-banner";
    if (page == "Query Shape") {
      text = SHAPE_NOTE;
      cls += " kg-warn";
    } else if (page == "Write") {
      if (server.writable) {
        text = "Writes and deletes go into the store as raw N-Quads: kg does not check them against its data model, " +
          "and kg ask top counts them only after the next kg build.";
      } else {
        text = "This console is read-only: Write, Delete and Upload are refused. Add articles with kg build (the console " +
          "sees them at once), or restart with kg serve --writable to write raw quads here.";
        cls += " kg-warn";
      }
    } else if (page == "Visualize") {
      text = "Draws the nodes any query returns; a row with a subject and an object (or a source and a target) is an edge " +
        "labelled with its predicate. Scroll to zoom, drag the background to pan, drag a node to move it.";
    }
    var b = document.getElementById("kg-banner");
    if (!text || !main) {
      if (b) b.remove();
      return;
    }
    if (!b || b.parentNode != main) {
      if (b) b.remove();
      b = document.createElement("div");
      b.id = "kg-banner";
      main.insertBefore(b, main.firstChild);
    }
    b.className = cls;
    if (b.textContent != text) b.textContent = text;
  }

  function toast(msg, bad) {
    var t = document.getElementById("kg-toast");
    if (!t) {
      t = document.createElement("div");
      t.id = "kg-toast";
      document.body.appendChild(t);
    }
    t.textContent = msg;
    t.className = bad ? "kg-bad" : "";
    t.style.display = "block";
    clearTimeout(t.timer);
    t.timer = setTimeout(function () { t.style.display = "none"; }, 8000);
  }

  // ---- the graph pane of Visualize
  function makePane() {
    var pane = document.createElement("div");
    pane.id = "kg-graph";
    pane.innerHTML =
      '<div class="kg-bar">' +
      '<span class="kg-message" id="kg-message">Run a query to draw what it returns.</span>' +
      '<span class="kg-tools">nodes at most <select id="kg-limit"></select>' +
      '<button type="button" id="kg-zoom-in" title="zoom in">+</button>' +
      '<button type="button" id="kg-zoom-out" title="zoom out">−</button>' +
      '<button type="button" id="kg-fit" title="fit the graph">fit</button></span></div>' +
      '<div id="kg-cy"></div><div id="kg-legend"></div><div id="kg-node"></div>';
    document.body.appendChild(pane);
    var sel = pane.querySelector("#kg-limit");
    LIMITS.forEach(function (n) {
      var o = document.createElement("option");
      o.value = n;
      o.textContent = n;
      if (n == limit) o.selected = true;
      sel.appendChild(o);
    });
    sel.addEventListener("change", function () { limit = +sel.value; if (last) draw(last.data); });
    pane.querySelector("#kg-zoom-in").addEventListener("click", function () { zoomBy(1.4); });
    pane.querySelector("#kg-zoom-out").addEventListener("click", function () { zoomBy(1 / 1.4); });
    pane.querySelector("#kg-fit").addEventListener("click", function () { if (cy) cy.fit(undefined, 30); });
    return pane;
  }

  function zoomBy(f) {
    if (!cy) return;
    cy.zoom({ level: cy.zoom() * f, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  // place puts the pane under the query editor of the Visualize page.
  function place() {
    var pane = document.getElementById("kg-graph");
    var ed = document.querySelector(".App main .QueryEditor");
    if (!pane || !ed || pane.style.display == "none") return;
    var r = ed.getBoundingClientRect();
    var top = r.bottom + window.scrollY + 8;
    pane.style.top = top + "px";
    pane.style.left = r.left + window.scrollX + "px";
    pane.style.width = Math.max(300, r.width) + "px";
    var h = Math.max(560, window.innerHeight - r.bottom - 16) + "px";
    var w = pane.style.width;
    if (pane.style.height != h || pane.kgWidth != w) {
      pane.style.height = h;
      pane.kgWidth = w;
      if (cy) { cy.resize(); cy.fit(undefined, 30); }
    }
  }

  function message(text, bad) {
    var m = document.getElementById("kg-message");
    if (!m) return;
    m.textContent = text;
    m.className = "kg-message" + (bad ? " kg-bad" : "");
  }

  function strip(iri) { return String(iri).replace(/^<|>$/g, ""); }

  // refOf reads a node out of a value of a result: {"id": "ent:…", "name": …} as kg's
  // questions give it, {"@id": …} as Cayley's JSON-LD does, a row {"id": {"@id": …}} of
  // .All(), or an "<iri>" string.
  function refOf(v) {
    if (v && typeof v == "object" && !Array.isArray(v)) {
      if (typeof v["@id"] == "string") return { id: v["@id"] };
      if (typeof v.id == "string") {
        // an entity {id, name}, or a node id; not an article {id, headline, date, source}
        if (typeof v.name == "string") return { id: strip(v.id), name: v.name };
        if (v.headline === undefined && strip(v.id).indexOf(":") > 0) return { id: strip(v.id) };
        return null;
      }
      if (v.id && typeof v.id["@id"] == "string") return { id: v.id["@id"] };
      return null;
    }
    if (typeof v == "string" && /^<[^<>\s]+>$/.test(v)) return { id: strip(v) };
    return null;
  }

  function labelOf(v) {
    if (v == null) return "";
    if (typeof v == "object") {
      if (v["@id"]) return strip(v["@id"]).replace(/_/g, " ");
      if (v["@value"] != null) return String(v["@value"]);
      if (v.id) return strip(v.id).replace(/_/g, " ");
    }
    return String(v).replace(/^<|>$/g, "").replace(/_/g, " ");
  }

  // shape turns the rows of a result into nodes and edges.
  function shape(rows) {
    var nodes = {}, order = [], edges = [], seenEdge = {};
    function node(r) {
      if (!nodes[r.id]) { nodes[r.id] = { id: r.id, name: r.name }; order.push(r.id); }
      else if (!nodes[r.id].name && r.name) nodes[r.id].name = r.name;
    }
    rows.forEach(function (row) {
      if (!row || typeof row != "object") {
        var r0 = refOf(row);
        if (r0) node(r0);
        return;
      }
      var s = refOf(row.subject) || refOf(row.source) || refOf(row.from);
      var o = refOf(row.object) || refOf(row.target) || refOf(row.to);
      if (s && o) {
        node(s);
        node(o);
        var label = labelOf(row.predicate !== undefined ? row.predicate : row.label !== undefined ? row.label : row.verb);
        var k = s.id + " " + label + " " + o.id;
        if (!seenEdge[k]) {
          seenEdge[k] = true;
          var w = row.articles_total || (Array.isArray(row.articles) ? row.articles.length : 1); // a long list comes cut, with its count
          edges.push({ source: s.id, target: o.id, label: label, weight: w });
        }
      }
      var self = refOf(row);
      if (self) node(self);
      for (var key in row) {
        var v = row[key];
        (Array.isArray(v) ? v : [v]).forEach(function (x) {
          var r = refOf(x);
          if (r) node(r);
        });
      }
    });
    return { nodes: nodes, order: order, edges: edges };
  }

  var drawn = 0; // which draw is the latest

  function draw(data) {
    var my = ++drawn;
    if (!data) return;
    if (data.error) {
      clear();
      message(sentence(data.error), true);
      return;
    }
    var rows = Array.isArray(data.result) ? data.result : data.result ? [data.result] : [];
    var g = shape(rows);
    if (g.order.length == 0) {
      clear();
      message(rows.length == 0 ? "The query returned nothing." :
        "Nothing to draw: the query returned " + rows.length + " rows but no nodes. Visualize draws the nodes a query " +
        "returns ({\"@id\": …} values, or kg's {\"id\": \"ent:…\"}) and, as edges, rows with a subject and an object " +
        "(or a source and a target).", rows.length > 0);
      return;
    }
    message("Reading names and types of " + g.order.length + " nodes…");
    var ids = g.order.slice(0, 2000);
    realFetch("/api/kg/nodes", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ids: ids }) })
      .then(function (r) { return r.json(); })
      .then(function (info) {
        if (my != drawn) return;
        if (info.error) throw new Error(info.error);
        render(g, info, rows.length);
      })
      .catch(function (e) {
        if (my != drawn) return;
        render(g, { nodes: [], edges: [] }, rows.length);
        message("Drawn without names and types: " + sentence(e.message), true);
      });
  }

  function clear() {
    if (cy) { cy.destroy(); cy = null; }
    var l = document.getElementById("kg-legend");
    if (l) l.innerHTML = "";
    var n = document.getElementById("kg-node");
    if (n) n.textContent = "";
  }

  function render(g, info, rowCount) {
    var byId = {};
    (info.nodes || []).forEach(function (n) { byId[n.id] = n; });
    var edges = g.edges;
    if (edges.length == 0) {
      // a query that returns nodes only: draw the relations among them
      edges = (info.edges || []).map(function (e) {
        return { source: e.source, target: e.target, label: e.label, weight: e.weight, symmetric: e.symmetric };
      });
    }
    var degree = {};
    edges.forEach(function (e) {
      degree[e.source] = (degree[e.source] || 0) + 1;
      degree[e.target] = (degree[e.target] || 0) + 1;
    });
    var ids = g.order.slice();
    var total = ids.length;
    if (ids.length > limit) {
      ids.sort(function (a, b) {
        return (degree[b] || 0) - (degree[a] || 0) ||
          ((byId[b] || {}).articles || 0) - ((byId[a] || {}).articles || 0) || (a < b ? -1 : 1);
      });
      ids = ids.slice(0, limit);
    }
    var keep = {};
    ids.forEach(function (id) { keep[id] = true; });
    var maxW = 1;
    edges.forEach(function (e) { if (keep[e.source] && keep[e.target]) maxW = Math.max(maxW, e.weight || 1); });
    var types = {};
    var els = [];
    ids.forEach(function (id) {
      var n = byId[id] || {};
      var type = n.type || "";
      types[type] = true;
      els.push({
        group: "nodes",
        data: {
          id: id, name: g.nodes[id].name || n.name || id, type: type || "other",
          color: COLORS[type] || OTHER, articles: n.articles || 0, degree: degree[id] || 0
        }
      });
    });
    var shown = 0;
    edges.forEach(function (e, i) {
      if (!keep[e.source] || !keep[e.target]) return;
      shown++;
      var w = e.weight || 1;
      els.push({
        group: "edges",
        data: {
          id: "e" + i, source: e.source, target: e.target, label: e.label, weight: w,
          width: 1 + 5 * Math.sqrt((w - 1) / Math.max(1, maxW - 1)), arrow: e.symmetric ? "none" : "triangle"
        }
      });
    });
    clear();
    var container = document.getElementById("kg-cy");
    cy = window.kgCy = cytoscape({
      container: container,
      elements: els,
      minZoom: 0.05,
      maxZoom: 6,
      style: [
        {
          selector: "node", style: {
            "label": "data(name)", "background-color": "data(color)", "color": "#222", "font-size": 13,
            "text-valign": "bottom", "text-margin-y": 3, "text-outline-color": "#fff", "text-outline-width": 2,
            "width": "mapData(degree, 0, 20, 18, 46)", "height": "mapData(degree, 0, 20, 18, 46)",
            "min-zoomed-font-size": 6
          }
        },
        {
          selector: "edge", style: {
            "label": "data(label)", "width": "data(width)", "line-color": "#a0a0a0", "target-arrow-color": "#a0a0a0",
            "target-arrow-shape": "data(arrow)", "curve-style": "bezier", "font-size": 10, "color": "#444",
            "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.85,
            "text-background-padding": 1, "min-zoomed-font-size": 7
          }
        },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#222" } }
      ],
      layout: {
        name: "cose", animate: false, randomize: true, nodeDimensionsIncludeLabels: true,
        idealEdgeLength: function () { return 110; }, nodeRepulsion: function () { return 9000; }, padding: 30
      }
    });
    cy.resize();
    cy.fit(undefined, 30);
    cy.on("tap", "node", function (ev) {
      var d = ev.target.data();
      var n = document.getElementById("kg-node");
      n.textContent = d.name + " — " + d.type + (d.articles ? ", named in " + d.articles + " articles" : "") + " (" + d.id + ")";
    });
    var legend = document.getElementById("kg-legend");
    legend.innerHTML = "";
    Object.keys(types).sort().forEach(function (t) {
      var item = document.createElement("span");
      item.className = "kg-legend-item";
      var sw = document.createElement("i");
      sw.style.background = COLORS[t] || OTHER;
      item.appendChild(sw);
      item.appendChild(document.createTextNode(t || "other"));
      legend.appendChild(item);
    });
    var w = document.createElement("span");
    w.className = "kg-legend-item";
    w.textContent = "edge width: articles" + (maxW > 1 ? " (1 to " + maxW + ")" : "");
    legend.appendChild(w);
    var what = ids.length + " nodes and " + shown + " edges from " + rowCount + " rows";
    if (total > ids.length) {
      message("showing the " + ids.length + " best-connected of " + total + "; narrow the query (" + what + ")", false);
      document.getElementById("kg-message").classList.add("kg-limit");
    } else {
      message(what, false);
    }
  }

  // ---- the editor: fold kg's library in a canned question
  var monacoValue;
  try {
    Object.defineProperty(window, "monaco", {
      configurable: true, enumerable: true,
      get: function () { return monacoValue; },
      set: function (v) { monacoValue = v; hookMonaco(v); }
    });
  } catch (e) { /* an older browser: the library stays unfolded */ }

  function hookMonaco(m) {
    if (!m || !m.editor || m.__kg) return;
    m.__kg = true;
    m.editor.onDidCreateEditor(function (ed) {
      // the folding ranges are computed a moment after the text is set: fold until the
      // library's region is folded, for a second at most
      var fold = function () {
        var model = ed.getModel();
        if (!model || model.getValue().indexOf("//#region kg library") < 0) return;
        var tries = 0;
        var attempt = function () {
          if (disposed) return;
          try {
            var a = ed.getAction("editor.foldAllMarkerRegions");
            if (a) a.run();
          } catch (e) { return; }
          var folded = ed.getVisibleRanges().length > 1;
          if (!folded && ++tries < 15) setTimeout(attempt, 100);
        };
        setTimeout(attempt, 50);
      };
      var disposed = false;
      ed.onDidDispose(function () { disposed = true; });
      ed.onDidChangeModelContent(function (e) { if (e.isFlush) fold(); });
      ed.onDidChangeModel(fold);
      setTimeout(fold, 0);
    });
  }
})();
