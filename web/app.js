// Attaché web UI: a small single-page app over the JSON API, with hash routes
//   #/                timeline (filters in the hash query: #/?entity=Lavrov&type=visit)
//   #/event/ID        one event with every source quoted
//   #/entity/ID       names, roles, events and documents of an entity
//   #/doc/ID          a document with its mentions marked
//   #/graph           interaction graph of actors
//   #/search?q=...    full-text search over sentences
// Every text from the store is inserted with textContent (never innerHTML), so
// nothing in an article can inject markup.
"use strict";

const PAGE = 100;

// ---- small DOM helpers ----

/** Creates an element: h("a", {href: "#/"}, "text", child, ...). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const SVG = "http://www.w3.org/2000/svg";
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const main = () => document.getElementById("main");

/** Replaces the page content, keeping the live status region in place. */
function render(title, ...nodes) {
  const m = main();
  const status = document.getElementById("status");
  m.replaceChildren(...nodes.flat());
  // The live status goes right under the controls (or the title), where results start.
  const anchor = m.querySelector("form") || m.querySelector("h1");
  if (anchor) anchor.after(status); else m.prepend(status);
  document.title = title ? `${title} · Attaché` : "Attaché";
}

function setStatus(text, isError) {
  const st = document.getElementById("status");
  st.textContent = text;
  st.classList.toggle("error", !!isError);
}

async function api(path) {
  const res = await fetch(`/api/${path}`, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await res.json(); } catch (_) { /* not JSON */ }
  if (!res.ok) throw new Error((body && body.error) || `HTTP ${res.status}`);
  return body;
}

function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") u.set(k, v);
  return u.toString();
}

const enc = encodeURIComponent;
const entityHref = (id) => `#/entity/${enc(id)}`;
const eventHref = (id) => `#/event/${enc(id)}`;
const docHref = (id) => `#/doc/${enc(id)}`;

function typeLabel(t) {
  if (!t) return "";
  const s = String(t).replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function entityLink(e) {
  if (!e) return null;
  return h("a", { href: entityHref(e.id), class: `ent ${e.type || ""}` }, e.name || e.id);
}

function joinNodes(nodes, sep) {
  const out = [];
  nodes.forEach((n, i) => { if (i) out.push(sep); out.push(n); });
  return out;
}

function dateText(d) {
  if (!d) return "undated";
  return d.start === d.end ? d.start : `${d.start} – ${d.end}`;
}

function modalityBadge(m) {
  return m && m !== "asserted" ? h("span", { class: `badge ${m}` }, m) : null;
}

/** Renders API segments ({text, mark}) as text with <mark>s; marks that name an entity or event link to it. */
function segmentsNodes(segments) {
  return (segments || []).map((seg) => {
    const m = seg.mark;
    if (!m) return document.createTextNode(seg.text);
    let cls, href = null, title = null;
    switch (m.kind) {
      case "trigger":
        cls = "trigger";
        if (m.event) { href = eventHref(m.event); title = `${typeLabel(m.event_type)} event`; }
        break;
      case "match": cls = "match"; break;
      default: // mention, participant, location
        cls = `${m.kind} ${m.entity_type || ""}`;
        if (m.entity) href = entityHref(m.entity);
        title = m.entity_type || null;
    }
    const inner = href ? h("a", { href, title }, seg.text) : seg.text;
    return h("mark", { class: cls, title: href ? null : title }, inner);
  });
}

function eventTitle(e) {
  const who = (e.participants || []).map((p) => p.name);
  return `${typeLabel(e.type)}${who.length ? ": " + who.join(", ") : ""}`;
}

function eventItem(e) {
  const who = joinNodes((e.participants || []).map(entityLink), ", ");
  return h("li", { class: "event-row" },
    h("div", { class: "when" }, h("time", { datetime: e.date ? e.date.start : null }, dateText(e.date))),
    h("div", {},
      h("div", { class: "event-title" }, h("a", { href: eventHref(e.id) }, typeLabel(e.type)), " ", modalityBadge(e.modality)),
      h("div", { class: "event-meta" },
        who.length ? h("span", {}, who) : null,
        e.location ? h("span", {}, "in ", entityLink(e.location)) : null,
        h("span", {}, `${e.sources} source${e.sources === 1 ? "" : "s"}`)),
      e.quote ? h("p", { class: "quote-line" }, `“${e.quote}”`) : null));
}

function pager(total, limit, offset, go) {
  if (total <= limit) return null;
  const from = offset + 1, to = Math.min(offset + limit, total);
  return h("nav", { class: "pager", "aria-label": "Pages" },
    h("button", { class: "secondary", type: "button", disabled: offset === 0, onclick: () => go(Math.max(0, offset - limit)) }, "Previous"),
    h("span", {}, `${from}–${to} of ${total}`),
    h("button", { class: "secondary", type: "button", disabled: to >= total, onclick: () => go(offset + limit) }, "Next"));
}

function field(id, label, input) {
  input.id = id;
  return h("div", { class: "field" }, h("label", { for: id }, label), input);
}

// ---- pages ----

let eventTypes = null; // cached from /api/stats for the type filter

async function timelinePage(params) {
  const f = {
    entity: params.get("entity") || "", country: params.get("country") || "", type: params.get("type") || "",
    from: params.get("from") || "", to: params.get("to") || "", modality: params.get("modality") || "",
    q: params.get("q") || "", offset: Number(params.get("offset") || 0) || 0,
  };
  if (!eventTypes) {
    try { eventTypes = Object.keys((await api("stats")).events_by_type).sort(); } catch (_) { eventTypes = []; }
  }
  const typeSelect = h("select", { name: "type" }, h("option", { value: "" }, "Any type"),
    eventTypes.map((t) => h("option", { value: t, selected: t === f.type }, typeLabel(t))));
  const modSelect = h("select", { name: "modality" }, h("option", { value: "" }, "Any"),
    ["asserted", "planned", "hypothetical", "negated"].map((m) => h("option", { value: m, selected: m === f.modality }, m)));
  const form = h("form", { class: "filters", role: "search", "aria-label": "Filter events" },
    field("f-entity", "Actor", h("input", { name: "entity", value: f.entity, placeholder: "e.g. Lavrov", autocomplete: "off" })),
    field("f-country", "Country (ISO-3)", h("input", { name: "country", value: f.country, placeholder: "CUB", maxlength: 3, autocomplete: "off" })),
    field("f-type", "Type", typeSelect),
    field("f-from", "From", h("input", { name: "from", value: f.from, placeholder: "YYYY-MM-DD", inputmode: "numeric" })),
    field("f-to", "To", h("input", { name: "to", value: f.to, placeholder: "YYYY-MM-DD", inputmode: "numeric" })),
    field("f-modality", "Modality", modSelect),
    h("div", { class: "actions" },
      h("button", { type: "submit" }, "Filter"),
      h("button", { type: "button", class: "secondary", onclick: () => { location.hash = "#/"; } }, "Reset")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    location.hash = `#/?${qs(data)}`;
  });
  const list = h("ol", { class: "timeline", "aria-label": "Events in date order" });
  render("Timeline", h("h1", {}, "Timeline of events"), form, list);
  setStatus("Loading events…");
  try {
    const query = { ...f, limit: PAGE };
    const r = await api(`timeline?${qs(query)}`);
    append(list, r.items.map(eventItem));
    setStatus(`${r.total} event${r.total === 1 ? "" : "s"}${r.total > r.items.length ? `, showing ${r.offset + 1}–${r.offset + r.items.length}` : ""}`);
    const p = pager(r.total, r.limit, r.offset, (o) => { location.hash = `#/?${qs({ ...f, offset: o || "" })}`; });
    if (p) main().append(p);
  } catch (e) {
    setStatus(`Could not load events: ${e.message}`, true);
  }
}

async function eventPage(id) {
  setStatus("Loading event…");
  const e = await api(`events/${enc(id)}`);
  const facts = h("dl", { class: "facts" },
    h("dt", {}, "Type"), h("dd", {}, typeLabel(e.type)),
    h("dt", {}, "CAMEO"), h("dd", {}, h("code", {}, e.cameo || "—")),
    h("dt", {}, "PLOVER"), h("dd", {}, h("code", {}, e.plover || "—")),
    h("dt", {}, "Date"), h("dd", {}, e.date ? `${dateText(e.date)} (${e.date.granularity})` : "undated"),
    h("dt", {}, "Place"), h("dd", {}, e.location ? entityLink(e.location) : "—"),
    h("dt", {}, "Modality"), h("dd", {}, e.modality),
    h("dt", {}, "Participants"), h("dd", {}, e.participants.length
      ? h("ul", { class: "inline" }, e.participants.map((p) => h("li", {}, entityLink(p), h("span", { class: "muted" }, ` · ${p.role}`))))
      : "—"),
    h("dt", {}, "Sources"), h("dd", {}, `${e.sources} document${e.sources === 1 ? "" : "s"}, ${e.mentions.length} report${e.mentions.length === 1 ? "" : "s"}`));
  const sources = e.mentions.map((m) => h("figure", { class: "source" },
    h("blockquote", { cite: m.doc_url || null }, segmentsNodes(m.segments)),
    h("figcaption", {},
      h("a", { href: docHref(m.doc) }, m.doc_title || m.doc),
      m.doc_source ? ` · ${m.doc_source}` : "",
      m.doc_published ? ` · ${m.doc_published}` : "",
      m.modality !== "asserted" ? ` · ${m.modality}` : "",
      m.attribution ? ` · according to ${m.attribution}` : "")));
  render(eventTitle(e),
    h("p", { class: "muted" }, h("a", { href: "#/" }, "Timeline"), " › event ", e.id),
    h("h1", {}, eventTitle(e), " ", modalityBadge(e.modality)),
    facts,
    h("h2", {}, `Sources (${e.mentions.length})`),
    h("p", { class: "legend muted" }, h("mark", { class: "trigger" }, "trigger"), " ", h("mark", { class: "participant person" }, "participant"), " ", h("mark", { class: "location place" }, "place")),
    sources,
    e.merge_notes.length ? h("details", {}, h("summary", {}, "Why these reports were merged"), h("ul", {}, e.merge_notes.map((n) => h("li", {}, n)))) : null);
  setStatus(`${e.mentions.length} report${e.mentions.length === 1 ? "" : "s"} from ${e.sources} source${e.sources === 1 ? "" : "s"}`);
}

async function entityPage(id) {
  setStatus("Loading entity…");
  const e = await api(`entities/${enc(id)}`);
  const roles = e.roles.length
    ? h("div", { class: "table-wrap" }, h("table", {},
        h("thead", {}, h("tr", {}, ["Title", "Organisation", "Country", "From", "To"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, e.roles.map((r) => h("tr", {},
          h("td", {}, r.qualifier ? `${r.qualifier} ` : "", r.title), h("td", {}, r.org || "—"), h("td", {}, r.country || "—"),
          h("td", {}, r.from || "—"), h("td", {}, r.to || "—"))))))
    : h("p", { class: "muted" }, "No roles recorded.");
  render(e.name,
    h("p", { class: "muted" }, h("a", { href: "#/" }, "Timeline"), " › entity ", e.id),
    h("h1", {}, e.name, " ", h("span", { class: "badge" }, e.type)),
    h("dl", { class: "facts" },
      h("dt", {}, "Country"), h("dd", {}, e.country || "—"),
      h("dt", {}, "Knowledge base"), h("dd", {}, e.kb_id ? h("code", {}, e.kb_id) : "—"),
      h("dt", {}, "Events"), h("dd", {}, h("a", { href: `#/?${qs({ entity: e.id })}` }, `${e.events_total} in the timeline`))),
    h("h2", {}, "Names and spellings"),
    h("ul", { class: "inline" }, e.names.map((n) => h("li", { lang: "" }, n))),
    h("h2", {}, "Roles over time"), roles,
    h("h2", {}, `Events (${e.events_total})`),
    e.events.length ? h("ol", { class: "timeline" }, e.events.map(eventItem)) : h("p", { class: "muted" }, "No events."),
    h("h2", {}, `Documents (${e.documents_total})`),
    h("ul", { class: "plain" }, e.documents.map((d) => h("li", {},
      h("a", { href: docHref(d.id) }, d.title || d.id), h("span", { class: "muted" }, ` · ${[d.published, d.source].filter(Boolean).join(" · ")}`)))));
  setStatus(`${e.events_total} event${e.events_total === 1 ? "" : "s"}, ${e.documents_total} document${e.documents_total === 1 ? "" : "s"}`);
}

async function docPage(id) {
  setStatus("Loading document…");
  const d = await api(`documents/${enc(id)}`);
  const body = h("article", { class: "doc", "aria-label": "Document text" },
    d.blocks.map((b) => h("p", { class: `line line-${b.kind}` },
      b.kind === "boilerplate" || b.kind === "metadata" ? h("span", { class: "kind-note muted" }, `${b.kind}:`) : null,
      segmentsNodes(b.segments))));
  render(d.title || d.id,
    h("p", { class: "muted" }, h("a", { href: "#/" }, "Timeline"), " › document"),
    h("h1", {}, d.title || d.id),
    h("dl", { class: "facts" },
      h("dt", {}, "Published"), h("dd", {}, d.published || "—"),
      h("dt", {}, "Source"), h("dd", {}, d.source || "—"),
      d.url ? [h("dt", {}, "URL"), h("dd", {}, h("a", { href: d.url, rel: "noopener noreferrer nofollow" }, d.url))] : null,
      d.dateline_place ? [h("dt", {}, "Dateline"), h("dd", {}, d.dateline_place)] : null,
      h("dt", {}, "Id"), h("dd", {}, h("code", {}, d.id))),
    h("h2", {}, "Text"),
    h("ul", { class: "legend", "aria-label": "Legend" },
      ["person", "organization", "country", "place"].map((t) => h("li", {}, h("mark", { class: `mention ${t}` }, typeLabel(t)))),
      h("li", {}, h("mark", { class: "trigger" }, "event trigger")),
      h("li", { class: "muted" }, "greyed: boilerplate, not used for facts")),
    body,
    h("h2", {}, `Events reported here (${d.events.length})`),
    d.events.length ? h("ol", { class: "timeline" }, d.events.map(eventItem)) : h("p", { class: "muted" }, "None."));
  setStatus(`${d.mentions.length} mention${d.mentions.length === 1 ? "" : "s"}, ${d.events.length} event${d.events.length === 1 ? "" : "s"}`);
}

/** A force-directed layout: repulsion between all nodes, springs along edges, a pull to the centre. */
function layout(nodes, edges, w, hgt) {
  const n = nodes.length;
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  // Start on a circle so the result is deterministic (no Math.random).
  nodes.forEach((d, i) => {
    const a = (2 * Math.PI * i) / Math.max(n, 1);
    d.x = w / 2 + (w / 3) * Math.cos(a);
    d.y = hgt / 2 + (hgt / 3) * Math.sin(a);
  });
  const links = edges.map((e) => [index.get(e.source), index.get(e.target), e.weight]).filter((l) => l[0] !== undefined && l[1] !== undefined);
  // Ideal edge length: shorter for small graphs so they stay compact and legible.
  const k = Math.min(Math.sqrt((w * hgt) / Math.max(n, 1)) * 0.6, 170);
  let temp = w / 8;
  for (let it = 0; it < 300; it++) {
    const dx = new Float64Array(n), dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
        const d2 = Math.max(x * x + y * y, 0.01), f = (k * k) / d2;
        dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
      }
    }
    for (const [a, b, wgt] of links) {
      const x = nodes[a].x - nodes[b].x, y = nodes[a].y - nodes[b].y;
      const d = Math.max(Math.sqrt(x * x + y * y), 0.01), f = (d * d) / k / d * Math.min(1 + Math.log(wgt), 3);
      dx[a] -= x * f; dy[a] -= y * f; dx[b] += x * f; dy[b] += y * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] += (w / 2 - nodes[i].x) * 0.05; dy[i] += (hgt / 2 - nodes[i].y) * 0.05;
      const len = Math.max(Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]), 0.01);
      // Keep room on the right for the label.
      nodes[i].x = Math.min(w - 150, Math.max(30, nodes[i].x + (dx[i] / len) * Math.min(len, temp)));
      nodes[i].y = Math.min(hgt - 30, Math.max(30, nodes[i].y + (dy[i] / len) * Math.min(len, temp)));
    }
    temp *= 0.985;
  }
  return links;
}

async function graphPage(params) {
  const f = { entity: params.get("entity") || "", min_weight: params.get("min_weight") || "1" };
  const form = h("form", { class: "filters", "aria-label": "Graph options" },
    field("g-entity", "Around actor", h("input", { name: "entity", value: f.entity, placeholder: "any", autocomplete: "off" })),
    field("g-min", "Minimum shared events", h("input", { name: "min_weight", type: "number", min: 1, value: f.min_weight })),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Show")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = `#/graph?${qs(Object.fromEntries(new FormData(form).entries()))}`;
  });
  const W = 960, H = 720;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "graph-title" }, s("title", { id: "graph-title" }, "Actors linked by the events they took part in together"));
  const ties = h("div", { class: "table-wrap" });
  render("Graph", h("h1", {}, "Who meets whom"), form, h("p", { class: "muted" }, "Actors (people, organisations, countries) linked by the events they took part in together; thicker lines mean more shared events."),
    h("ul", { class: "legend", "aria-label": "Legend" }, ["person", "organization", "country"].map((t) => h("li", {}, h("mark", { class: t }, typeLabel(t))))),
    h("div", { class: "graph-wrap" }, svg), h("h2", {}, "Strongest ties"), ties);
  setStatus("Loading graph…");
  try {
    const g = await api(`graph?${qs(f)}`);
    const links = layout(g.nodes, g.edges, W, H);
    const maxW = Math.max(1, ...g.edges.map((e) => e.weight));
    for (const [a, b, wgt] of links) {
      svg.append(s("line", { class: "edge", x1: g.nodes[a].x.toFixed(1), y1: g.nodes[a].y.toFixed(1), x2: g.nodes[b].x.toFixed(1), y2: g.nodes[b].y.toFixed(1), "stroke-width": (1 + (4 * wgt) / maxW).toFixed(2) }));
    }
    for (const n of g.nodes) {
      const r = 5 + Math.min(12, Math.sqrt(n.weight) * 2);
      const a = s("a", { href: entityHref(n.id), class: `node ${n.type || ""}` },
        s("title", {}, `${n.name} (${n.type}), ${n.weight} shared event${n.weight === 1 ? "" : "s"}`),
        s("circle", { cx: n.x.toFixed(1), cy: n.y.toFixed(1), r: r.toFixed(1) }),
        s("text", { x: (n.x + r + 3).toFixed(1), y: (n.y + 4).toFixed(1) }, n.name));
      svg.append(a);
    }
    const names = new Map(g.nodes.map((n) => [n.id, n]));
    append(ties, [h("table", {},
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Actor"), h("th", { scope: "col" }, "Actor"), h("th", { scope: "col" }, "Shared events"))),
      h("tbody", {}, g.edges.slice(0, 25).map((e) => h("tr", {}, h("td", {}, entityLink(names.get(e.source))), h("td", {}, entityLink(names.get(e.target))), h("td", {}, e.weight)))))]);
    setStatus(`${g.nodes.length} actors, ${g.edges.length} ties${g.truncated ? " (strongest shown)" : ""}`);
  } catch (e) {
    setStatus(`Could not load the graph: ${e.message}`, true);
  }
}

async function searchPage(params) {
  const q = params.get("q") || "";
  const offset = Number(params.get("offset") || 0) || 0;
  const input = h("input", { name: "q", type: "search", value: q, placeholder: "e.g. memorandum rice", autocomplete: "off" });
  const form = h("form", { class: "filters", role: "search", "aria-label": "Search sentences" },
    field("s-q", "Words to find in sentences", input), h("div", { class: "actions" }, h("button", { type: "submit" }, "Search")));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); location.hash = `#/search?${qs({ q: input.value })}`; });
  const list = h("ol", { class: "plain search-results" });
  render(q ? `Search: ${q}` : "Search", h("h1", {}, "Search"), form, list);
  if (!q.trim()) { setStatus("Type words to search the narrative sentences of every document."); input.focus(); return; }
  setStatus("Searching…");
  try {
    const r = await api(`search?${qs({ q, offset, limit: 50 })}`);
    append(list, r.items.map((hit) => h("li", {},
      h("a", { href: docHref(hit.doc) }, hit.doc_title || hit.doc), hit.doc_published ? h("span", { class: "muted" }, ` · ${hit.doc_published}`) : null,
      h("p", { class: "snippet" }, segmentsNodes(hit.segments)))));
    setStatus(`${r.total} matching sentence${r.total === 1 ? "" : "s"}`);
    const p = pager(r.total, r.limit, r.offset, (o) => { location.hash = `#/search?${qs({ q, offset: o || "" })}`; });
    if (p) main().append(p);
  } catch (e) {
    setStatus(`Search failed: ${e.message}`, true);
  }
}

// ---- router ----

async function route() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, query] = raw.split("?", 2);
  const params = new URLSearchParams(query || "");
  const parts = path.split("/").filter(Boolean);
  const section = parts[0] || "timeline";
  for (const a of document.querySelectorAll("[data-nav]")) {
    if (a.dataset.nav === section) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  const id = parts.length > 1 ? decodeURIComponent(parts.slice(1).join("/")) : null;
  try {
    switch (section) {
      case "timeline": await timelinePage(params); break;
      case "event": await eventPage(id); break;
      case "entity": await entityPage(id); break;
      case "doc": await docPage(id); break;
      case "graph": await graphPage(params); break;
      case "search": await searchPage(params); break;
      default: render("Not found", h("h1", {}, "Page not found"), h("p", {}, h("a", { href: "#/" }, "Back to the timeline"))); setStatus("");
    }
  } catch (e) {
    render("Error", h("h1", {}, "Could not load this page"), h("p", {}, e.message), h("p", {}, h("a", { href: "#/" }, "Back to the timeline")));
    setStatus(e.message, true);
  }
}

window.addEventListener("hashchange", async () => {
  await route();
  // Move focus to the new content so keyboard and screen-reader users land on it.
  main().focus({ preventScroll: true });
  window.scrollTo(0, 0);
});
document.addEventListener("DOMContentLoaded", route);
