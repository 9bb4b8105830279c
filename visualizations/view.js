/* paperkg view: draws the graph data of #graph-data with vis-network.
 * Every string from the data is put into the page with textContent or drawn on the canvas:
 * never innerHTML, never a vis-network "title" (its tooltip would use innerHTML). */
(function () {
  "use strict";
  performance.mark("app-start");
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  performance.mark("parsed");
  var meta = data.meta, LABELS = data.labels, RELS = data.rels, NODES = data.nodes, EDGES = data.edges;
  var BIG = NODES.length > 2000 || EDGES.length > 6000;
  var state = { selected: null, highlight: null, ringed: [], hiddenLabels: {}, hiddenRels: {}, ready: false };

  function byId(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function safeHref(url) {
    try {
      var u = new URL(url);
      return (u.protocol === "https:" || u.protocol === "http:") ? u.href : null;
    } catch (e) { return null; }
  }

  /* ---------- vis-network data ---------- */
  function visNode(n, i) {
    var node = { id: i, label: n.t, group: LABELS[n.l].name, size: n.s };
    if (n.x !== undefined) { node.x = n.x; node.y = n.y; }
    return node;
  }
  var EDGE_OPACITY = BIG ? 0.55 : 0.8;
  function visEdge(e, i) {
    /* a plain colour string is much cheaper for vis-network to take in than a colour object */
    var r = RELS[e[2]], edge = { id: i, from: e[0], to: e[1], color: r.color };
    if (r.dashes) edge.dashes = true;
    if (r.width !== 1) edge.width = r.width;
    return edge;
  }
  function edgeColor(e, opacity) {
    var c = RELS[e[2]].color;
    return { color: c, highlight: c, hover: c, opacity: opacity };
  }
  function groups() {
    var out = {};
    LABELS.forEach(function (s) {
      out[s.name] = { shape: s.shape, color: { background: s.color, border: s.border,
        highlight: { background: s.color, border: "#000000" }, hover: { background: s.color, border: "#000000" } } };
    });
    return out;
  }
  function options() {
    return {
      autoResize: true,
      groups: groups(),
      layout: { improvedLayout: false, randomSeed: meta.seed },
      nodes: { borderWidth: 1, font: { face: "system-ui, sans-serif", size: 13, color: "#222" },
               scaling: { label: { enabled: false, drawThreshold: NODES.length < 400 ? 5 : 7, maxVisible: 28 } } },
      edges: { color: { opacity: EDGE_OPACITY }, smooth: false, arrows: { to: { enabled: !BIG, scaleFactor: 0.35 } }, selectionWidth: 1.5,
               hoverWidth: 0.5 },
      interaction: { hover: !BIG, tooltipDelay: 150, hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG,
                     multiselect: false, navigationButtons: false, keyboard: false },
      physics: meta.physics ? {
        enabled: true, solver: "barnesHut",
        barnesHut: { gravitationalConstant: -3000, springLength: 110, springConstant: 0.04, damping: 0.4, avoidOverlap: 0 },
        stabilization: { enabled: true, iterations: 30, updateInterval: 10, fit: true },
        minVelocity: 1.5
      } : { enabled: false }
    };
  }

  var nodes = new vis.DataSet(NODES.map(visNode));
  var edges = new vis.DataSet(EDGES.map(visEdge));
  var container = byId("graph");
  performance.mark("datasets");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options());
  performance.mark("network");

  /* ---------- adjacency, search index ---------- */
  var adjacency = NODES.map(function () { return []; });
  EDGES.forEach(function (e, i) { adjacency[e[0]].push(i); adjacency[e[1]].push(i); });

  function nodeNames(n) {
    var p = n.p, names = [n.t, n.id];
    ["name", "title", "full_name", "hub_id", "key"].forEach(function (k) { if (typeof p[k] === "string") names.push(p[k]); });
    (p.aliases || []).forEach(function (a) { names.push(a); });
    return names.map(function (s) { return String(s).toLowerCase(); });
  }
  var searchIndex = NODES.map(nodeNames);

  function search(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    for (var i = 0; i < searchIndex.length; i++) {
      if (state.hiddenLabels[NODES[i].l]) continue;
      var best = 9, names = searchIndex[i];
      for (var j = 0; j < names.length; j++) {
        var at = names[j].indexOf(q);
        if (at < 0) continue;
        var rank = names[j] === q ? 0 : (at === 0 ? 1 : 2);
        if (rank < best) best = rank;
      }
      if (best < 9) hits.push([best, -NODES[i].d, i]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return hits.slice(0, 12).map(function (h) { return h[2]; });
  }

  /* ---------- selection and neighbourhood highlight ----------
   * Small graphs: everything outside the neighbourhood dims (touches every node and edge).
   * Big graphs: only the neighbours change (a thick border and a shadow), so a click costs
   * O(degree) instead of O(graph); vis-network's selection already widens the node's edges. */
  var DIM_NODE = { opacity: 0.1, font: { color: "rgba(34,34,34,0)", size: 13 } };
  /* highlighted labels are drawn larger, so they stay readable when zoomed out to the neighbourhood */
  var KEEP_FONT = { color: "#111", size: 20 }, NORMAL_FONT = { color: "#222", size: 13 };
  var RING = { borderWidth: 3, font: KEEP_FONT, shadow: { enabled: true, color: "rgba(0,0,0,0.55)", size: 10, x: 0, y: 0 } };
  var UNRING = { borderWidth: 1, font: NORMAL_FONT, shadow: { enabled: false } };
  function neighbourhood(centre) {
    var keep = {}, keepEdges = {};
    keep[centre] = true;
    adjacency[centre].forEach(function (ei) { keep[EDGES[ei][0]] = true; keep[EDGES[ei][1]] = true; keepEdges[ei] = true; });
    return { nodes: keep, edges: keepEdges };
  }
  function withId(i, props) {
    var out = { id: i };
    for (var k in props) out[k] = props[k];
    return out;
  }
  function dim(centre) {
    var hood = neighbourhood(centre);
    nodes.update(NODES.map(function (n, i) { return hood.nodes[i] ? { id: i, opacity: 1, font: KEEP_FONT } : withId(i, DIM_NODE); }));
    edges.update(EDGES.map(function (e, i) { return { id: i, color: edgeColor(e, hood.edges[i] ? 1 : 0.06) }; }));
    state.highlight = "dim";
  }
  function ring(centre) {
    /* one update for old and new neighbours: every DataSet update makes vis-network walk all nodes */
    var ids = Object.keys(neighbourhood(centre).nodes).map(Number), now = {}, changes = [];
    ids.forEach(function (i) { now[i] = true; changes.push(withId(i, RING)); });
    state.ringed.forEach(function (i) { if (!now[i]) changes.push(withId(i, UNRING)); });
    nodes.update(changes);
    state.ringed = ids;
    state.highlight = "ring";
  }
  function undim() {
    if (state.highlight === "dim") {
      nodes.update(NODES.map(function (n, i) { return { id: i, opacity: 1, font: NORMAL_FONT }; }));
      edges.update(EDGES.map(function (e, i) { return { id: i, color: edgeColor(e, EDGE_OPACITY) }; }));
    } else if (state.highlight === "ring") {
      nodes.update(state.ringed.map(function (i) { return withId(i, UNRING); }));
      state.ringed = [];
    }
    state.highlight = null;
  }
  function selectNode(i, move) {
    state.selected = i;  /* dim() and ring() both overwrite the previous highlight themselves */
    network.selectNodes([i]);
    if (BIG) ring(i); else dim(i);
    showNode(i);
    document.documentElement.setAttribute("data-selected", NODES[i].id);
    if (move) {
      /* show the node with its whole neighbourhood, zoomed in no further than labels need */
      var ids = Object.keys(neighbourhood(i).nodes).map(Number);
      network.fit({ nodes: ids, maxZoomLevel: 1.2, animation: BIG ? false : { duration: 300, easingFunction: "easeInOutQuad" } });
    }
  }
  function clearSelection() {
    state.selected = null;
    network.unselectAll();
    undim();
    document.documentElement.removeAttribute("data-selected");
    showHint();
  }

  /* ---------- details panel ---------- */
  var details = byId("details");
  function showHint() {
    details.replaceChildren(el("p", "Click a node or an edge to see its details and evidence. Search above to jump to an entity.", "hint"));
  }
  function badge(labelIndex) {
    var b = el("span", LABELS[labelIndex].name, "badge");
    b.style.background = LABELS[labelIndex].border;
    return b;
  }
  function nodeButton(i) {
    var b = el("button", NODES[i].t, "node-link");
    b.type = "button";
    b.title = NODES[i].id;
    b.addEventListener("click", function () { selectNode(i, true); });
    return b;
  }
  function field(dl, name, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    if (Array.isArray(value)) value = value.length > 12 ? value.slice(0, 12).join(", ") + " … (" + value.length + ")" : value.join(", ");
    dl.appendChild(el("dt", name));
    dl.appendChild(el("dd", typeof value === "boolean" ? (value ? "yes" : "no") : value));
  }
  var FIELDS = {
    Paper: [["id", "key"], ["published", "published"], ["authors", "authors"], ["keywords", "keywords"],
            ["categories", "categories"], ["code promised", "code_promised"], ["source", "source"]],
    Method: [["full name", "full_name"], ["aliases", "aliases"]],
    Dataset: [["full name", "full_name"], ["aliases", "aliases"], ["hub id", "hub_id"]],
    Repository: [["host", "host"], ["owner", "owner"], ["name", "name"], ["kind", "kind"]],
    Concept: [["kind", "kind"]],
    Author: []
  };
  function linkList(links) {
    var ul = el("ul", null, "links");
    links.forEach(function (pair) {
      var href = safeHref(pair[1]);
      if (!href) return;
      var a = el("a", pair[0] + " ↗");
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      var li = el("li");
      li.appendChild(a);
      ul.appendChild(li);
    });
    return ul;
  }
  function evidenceBlock(props) {
    if (props.ev === undefined) return null;
    var text = data.strings[props.ev], span = el("span", null, "evidence"), mk = props.mk;
    if (mk && mk[0] >= 0 && mk[1] <= text.length && mk[0] < mk[1]) {
      span.appendChild(document.createTextNode(text.slice(0, mk[0])));
      span.appendChild(el("mark", text.slice(mk[0], mk[1])));
      span.appendChild(document.createTextNode(text.slice(mk[1])));
    } else {
      span.textContent = text;
    }
    return span;
  }
  function edgeFacts(props) {
    var parts = [];
    if (props.metric !== undefined || props.value !== undefined) {
      parts.push("claimed: " + [props.metric, props.value, props.unit].filter(function (x) { return x !== undefined; }).join(" "));
    }
    if (props.result !== undefined) parts.push("result: " + props.result);
    if (props.field) parts.push("from " + props.field + (props.source ? " (" + props.source + ")" : ""));
    if (props.rule) parts.push("rule " + props.rule);
    if (props.confidence !== undefined) parts.push("confidence " + props.confidence);
    if (props.mentions > 1) parts.push(props.mentions + " mentions");
    return parts.join(" · ");
  }
  function showNode(i) {
    var n = NODES[i], p = n.p, label = LABELS[n.l].name;
    var box = document.createDocumentFragment();
    box.appendChild(badge(n.l));
    box.appendChild(el("h3", p.title || p.name || n.t));
    var dl = el("dl");
    (FIELDS[label] || []).forEach(function (f) { field(dl, f[0], p[f[1]]); });
    field(dl, "connections", adjacency[i].length);
    box.appendChild(dl);
    if (n.k) box.appendChild(linkList(n.k));
    if (p.abstract) {
      var d = el("details");
      d.appendChild(el("summary", "Abstract"));
      d.appendChild(el("p", p.abstract));
      box.appendChild(d);
    }
    box.appendChild(connections(i));
    details.replaceChildren(box);
    details.scrollTop = 0;
  }
  function connections(i) {
    var wrap = document.createDocumentFragment(), list = adjacency[i].slice();
    list.sort(function (a, b) { return EDGES[a][2] - EDGES[b][2] || a - b; });
    wrap.appendChild(el("h2", "Connections"));
    var ul = el("ul", null, "conns"), limit = 200;
    list.slice(0, limit).forEach(function (ei) {
      var e = EDGES[ei], out = e[0] === i, other = out ? e[1] : e[0];
      var li = el("li");
      li.appendChild(el("span", (out ? "→ " : "← ") + RELS[e[2]].name + " "));
      li.appendChild(nodeButton(other));
      var ev = evidenceBlock(data.eprops[e[3]]);
      if (ev) li.appendChild(ev);
      var facts = edgeFacts(data.eprops[e[3]]);
      if (facts) li.appendChild(el("div", facts, "meta"));
      ul.appendChild(li);
    });
    wrap.appendChild(ul);
    if (list.length > limit) wrap.appendChild(el("p", "… and " + (list.length - limit) + " more", "meta"));
    return wrap;
  }
  function showEdge(ei) {
    var e = EDGES[ei], r = RELS[e[2]];
    var box = document.createDocumentFragment();
    box.appendChild(el("h3", r.name));
    var p = el("p");
    p.appendChild(nodeButton(e[0]));
    p.appendChild(el("span", " → " + r.name + " → "));
    p.appendChild(nodeButton(e[1]));
    box.appendChild(p);
    var ev = evidenceBlock(data.eprops[e[3]]);
    if (ev) { box.appendChild(el("h2", "Evidence")); box.appendChild(ev); }
    var facts = edgeFacts(data.eprops[e[3]]);
    if (facts) box.appendChild(el("p", facts, "meta"));
    details.replaceChildren(box);
    document.documentElement.setAttribute("data-selected-edge", String(ei));
  }

  /* ---------- legend and toggles ---------- */
  function legendItem(style, count, isRel, onToggle) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-" + (isRel ? "rel" : "label"), style.name);
    box.addEventListener("change", function () { onToggle(!box.checked); });
    var mark = el("span", null, isRel ? "line" + (style.dashes ? " dashed" : "") : "swatch");
    if (isRel) mark.style.borderTopColor = style.color; else mark.style.background = style.color;
    label.appendChild(box);
    label.appendChild(mark);
    label.appendChild(el("span", style.name));
    label.appendChild(el("span", count, "count"));
    li.appendChild(label);
    return li;
  }
  function setLabelHidden(l, hidden) {
    state.hiddenLabels[l] = hidden;
    var changes = [];
    NODES.forEach(function (n, i) { if (n.l === l) changes.push({ id: i, hidden: hidden }); });
    nodes.update(changes);
  }
  function setRelHidden(r, hidden) {
    state.hiddenRels[r] = hidden;
    var changes = [];
    EDGES.forEach(function (e, i) { if (e[2] === r) changes.push({ id: i, hidden: hidden }); });
    edges.update(changes);
  }
  function buildLegend() {
    var ul = byId("legend-labels");
    LABELS.forEach(function (s, l) { ul.appendChild(legendItem(s, s.n, false, function (h) { setLabelHidden(l, h); })); });
    var ur = byId("legend-rels");
    RELS.forEach(function (s, r) { ur.appendChild(legendItem(s, s.n, true, function (h) { setRelHidden(r, h); })); });
    if (meta.view) { byId("view-note").hidden = false; byId("view-text").textContent = meta.view; }
  }

  /* ---------- search box ---------- */
  var input = byId("search"), results = byId("search-results"), active = -1, current = [];
  function renderResults(list) {
    current = list;
    active = list.length ? 0 : -1;
    results.replaceChildren();
    if (!list.length) {
      results.appendChild(el("li", "No match", "empty"));
    }
    list.forEach(function (i, k) {
      var li = el("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", k === 0 ? "true" : "false");
      li.setAttribute("data-node", NODES[i].id);
      var sw = el("span", null, "swatch");
      sw.style.background = LABELS[NODES[i].l].color;
      li.appendChild(sw);
      li.appendChild(el("span", NODES[i].p.title || NODES[i].p.name || NODES[i].t));
      li.appendChild(el("span", LABELS[NODES[i].l].name, "kind"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(i); });
      results.appendChild(li);
    });
    results.hidden = false;
  }
  function choose(i) {
    results.hidden = true;
    input.value = NODES[i].p.title || NODES[i].p.name || NODES[i].t;
    selectNode(i, true);
  }
  function moveActive(step) {
    if (!current.length) return;
    active = (active + step + current.length) % current.length;
    Array.prototype.forEach.call(results.children, function (li, k) { li.setAttribute("aria-selected", k === active ? "true" : "false"); });
  }
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (!input.value.trim()) { results.hidden = true; return; }
      renderResults(search(input.value));
    }, BIG ? 120 : 40);
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { moveActive(1); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { moveActive(-1); ev.preventDefault(); }
    else if (ev.key === "Escape") { results.hidden = true; }
    else if (ev.key === "Enter") {
      clearTimeout(timer);
      var list = current.length && !results.hidden ? current : search(input.value);
      if (list.length) choose(list[Math.max(active, 0)]);
      ev.preventDefault();
    }
  });
  input.addEventListener("blur", function () { results.hidden = true; });
  byId("fit").addEventListener("click", function () { network.fit({ animation: { duration: 300 } }); });

  /* ---------- canvas events ---------- */
  network.on("click", function (params) {
    if (params.nodes.length) selectNode(params.nodes[0], false);
    else if (params.edges.length) { undim(); state.selected = null; showEdge(params.edges[0]); }
    else clearSelection();
  });
  var tooltip = byId("tooltip");
  network.on("hoverNode", function (params) {
    var n = NODES[params.node];
    tooltip.textContent = LABELS[n.l].name + ": " + (n.p.title || n.p.name || n.t);
    var box = container.getBoundingClientRect();
    tooltip.style.left = box.left + params.pointer.DOM.x + 14 + "px";
    tooltip.style.top = box.top + params.pointer.DOM.y + 14 + "px";
    tooltip.hidden = false;
  });
  network.on("blurNode", function () { tooltip.hidden = true; });
  network.on("dragStart", function () { tooltip.hidden = true; });

  window.paperkg = { network: network, nodes: nodes, edges: edges, data: data, search: search,
                     selectNode: selectNode, clearSelection: clearSelection, state: state, readyAt: null };
  buildLegend();

  /* ---------- ready: layout done and first frame drawn ---------- */
  function status() {
    var text = NODES.length + " nodes · " + EDGES.length + " edges";
    if (meta.total_nodes > NODES.length) text += " (of " + meta.total_nodes + ")";
    text += meta.physics ? " · live layout (stopped)" : " · precomputed layout";
    byId("status").textContent = text;
  }
  function markReady() {
    network.once("afterDrawing", function () {
      state.ready = true;
      window.paperkg.readyAt = performance.now();
      status();
      document.documentElement.setAttribute("data-ready", "1");
    });
    network.redraw();
  }
  if (meta.physics) {
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: { enabled: false } }); markReady(); });
  } else {
    markReady();
  }
})();
