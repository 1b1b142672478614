// rasd web UI: one page over the JSON API of `rasd serve`.
// Only relative URLs are used, so the UI works behind a path prefix, and
// nothing is fetched from outside the server (no CDN, no map tiles).
(function () {
  "use strict";

  // ---------------------------------------------------------------- i18n
  const I18N = {
    en: {
      subtitle: "Yemen conflict events from Arabic news",
      tab_explore: "Explore", tab_article: "Article", tab_paste: "Paste an article",
      about: "About", close: "Close",
      about_text: "rasd codes events of the war in Yemen from Arabic news articles. Every event links to the words of the article it comes from.",
      f_from: "From", f_to: "To", f_type: "Type", f_actor: "Actor", f_admin1: "Governorate",
      f_q: "Text", f_q_ph: "words in the evidence", any: "any", reset: "Reset",
      h_map: "Map", h_event: "Event", h_timeline: "Events per week", h_graph: "Actor graph",
      h_list: "Events", h_coded: "Coded events", h_paste: "Paste an article",
      pick_event: "Click an event on the map or in the list.",
      pick_article: "Open an event and choose one of its sources.",
      cooperation: "cooperation", conflict: "conflict", graph_hint: "click an actor to filter",
      sort: "Sort", sort_date_desc: "newest first", sort_date_asc: "oldest first", sort_fat: "most fatalities",
      c_date: "Date", c_type: "Type", c_actor1: "Actor 1", c_actor2: "Actor 2", c_place: "Place", c_fat: "Deaths",
      paste_hint: "Arabic text (first line = title) and its publication date. Nothing is stored.",
      paste_ph: "Paste the article here", pub_date: "Publication date", extract: "Extract events",
      n_events: (n) => `${n} event${n === 1 ? "" : "s"}`,
      page: (a, b, n) => `${a}–${b} of ${n}`,
      extracting: "Extracting…", no_events: "No events found.",
      open_article: "Open article", sources: "Sources", evidence: "Evidence",
      event_id: "Event id", type: "Type (PLOVER)", mode: "Mode", cameo: "CAMEO", goldstein: "Goldstein",
      acled_disorder: "ACLED disorder type", acled_event: "ACLED event type", acled_sub: "ACLED sub-event type",
      acled_inter: "ACLED interaction", date: "Date", date_text: "Date words", precision: "Precision",
      location: "Location", admin1: "Governorate", admin2: "District", coords: "Coordinates",
      geo_precision: "Geo precision", place_text: "Place words",
      actor1: "Actor 1", actor2: "Actor 2", assoc1: "With actor 1", assoc2: "With actor 2",
      persons: "Persons", fatalities: "Fatalities", injured: "Injured", detained: "Detained",
      released: "Released", hedged: "Hedged", claimed: "Claimed", attribution: "Attribution",
      confidence: "Confidence", doc: "Document", yes: "yes", no: "no", none: "—",
      figures: "Figures in this report", unknown_place: "no coordinates",
    },
    ar: {
      subtitle: "أحداث الحرب في اليمن من الأخبار العربية",
      tab_explore: "استكشاف", tab_article: "المقال", tab_paste: "لصق مقال",
      about: "حول", close: "إغلاق",
      about_text: "يرمّز «رصد» أحداث الحرب في اليمن من المقالات الإخبارية العربية، ويربط كل حدث بكلمات المقال الذي جاء منه.",
      f_from: "من", f_to: "إلى", f_type: "النوع", f_actor: "الفاعل", f_admin1: "المحافظة",
      f_q: "نص", f_q_ph: "كلمات في الشاهد", any: "الكل", reset: "إعادة ضبط",
      h_map: "الخريطة", h_event: "الحدث", h_timeline: "الأحداث في الأسبوع", h_graph: "شبكة الفاعلين",
      h_list: "الأحداث", h_coded: "الأحداث المرمّزة", h_paste: "لصق مقال",
      pick_event: "انقر على حدث في الخريطة أو في القائمة.",
      pick_article: "افتح حدثاً واختر أحد مصادره.",
      cooperation: "تعاون", conflict: "صراع", graph_hint: "انقر على فاعل للتصفية",
      sort: "الترتيب", sort_date_desc: "الأحدث أولاً", sort_date_asc: "الأقدم أولاً", sort_fat: "الأكثر قتلى",
      c_date: "التاريخ", c_type: "النوع", c_actor1: "الفاعل ١", c_actor2: "الفاعل ٢", c_place: "المكان", c_fat: "القتلى",
      paste_hint: "نص عربي (السطر الأول هو العنوان) وتاريخ نشره. لا يُحفظ شيء.",
      paste_ph: "الصق المقال هنا", pub_date: "تاريخ النشر", extract: "استخراج الأحداث",
      n_events: (n) => `${n} حدث`,
      page: (a, b, n) => `${a}–${b} من ${n}`,
      extracting: "جارٍ الاستخراج…", no_events: "لم يُعثر على أحداث.",
      open_article: "افتح المقال", sources: "المصادر", evidence: "الشاهد",
      event_id: "معرّف الحدث", type: "النوع (PLOVER)", mode: "الأسلوب", cameo: "CAMEO", goldstein: "غولدستين",
      acled_disorder: "نوع الاضطراب (ACLED)", acled_event: "نوع الحدث (ACLED)", acled_sub: "النوع الفرعي (ACLED)",
      acled_inter: "التفاعل (ACLED)", date: "التاريخ", date_text: "عبارة التاريخ", precision: "الدقة",
      location: "المكان", admin1: "المحافظة", admin2: "المديرية", coords: "الإحداثيات",
      geo_precision: "دقة الموقع", place_text: "عبارة المكان",
      actor1: "الفاعل ١", actor2: "الفاعل ٢", assoc1: "مع الفاعل ١", assoc2: "مع الفاعل ٢",
      persons: "أشخاص", fatalities: "قتلى", injured: "جرحى", detained: "محتجزون",
      released: "مُفرج عنهم", hedged: "غير مؤكد", claimed: "تبنٍّ", attribution: "المصدر المنسوب إليه",
      confidence: "الثقة", doc: "الوثيقة", yes: "نعم", no: "لا", none: "—",
      figures: "الأرقام في هذا التقرير", unknown_place: "بلا إحداثيات",
    },
  };

  const TYPE_AR = {
    AGREE: "اتفاق", CONSULT: "تشاور", SUPPORT: "دعم", CONCEDE: "تنازل", COOPERATE: "تعاون",
    AID: "مساعدة", RETREAT: "انسحاب/إفراج", REQUEST: "طلب", ACCUSE: "اتهام", REJECT: "رفض",
    THREATEN: "تهديد", PROTEST: "احتجاج", SANCTION: "عقوبة", MOBILIZE: "حشد", COERCE: "إكراه",
    ASSAULT: "اعتداء",
  };
  const TYPES = Object.keys(TYPE_AR);
  const TYPE_COLOR = {
    AGREE: "#1b9e77", CONSULT: "#66a61e", SUPPORT: "#2b8cbe", CONCEDE: "#74add1", COOPERATE: "#0868ac",
    AID: "#41ab5d", RETREAT: "#9e9ac8", REQUEST: "#6baed6", ACCUSE: "#e6ab02", REJECT: "#fd8d3c",
    THREATEN: "#f16913", PROTEST: "#e7298a", SANCTION: "#a6761d", MOBILIZE: "#7570b3", COERCE: "#b2182b",
    ASSAULT: "#d7301f",
  };
  const typeColor = (t) => TYPE_COLOR[t] || "#777";

  let lang = localStorage.getItem("rasd.lang") ||
    ((navigator.language || "").toLowerCase().startsWith("ar") ? "ar" : "en");
  const t = (key, ...args) => {
    const v = (I18N[lang] && I18N[lang][key]) ?? I18N.en[key] ?? key;
    return typeof v === "function" ? v(...args) : v;
  };
  const typeLabel = (ty) => (lang === "ar" && TYPE_AR[ty] ? `${TYPE_AR[ty]} (${ty})` : ty);

  // ---------------------------------------------------------------- state
  const state = {
    filters: { from: "", to: "", type: "", actor: "", admin1: "", q: "" },
    sort: "date_desc",
    offset: 0,
    pageSize: 50,
    selectedEvent: null,
    actors: [],
    actorNames: {},
    admin1: null, // GeoJSON
    admin2: null,
    admin1Names: {},
    centroids: {},
  };

  // ---------------------------------------------------------------- helpers
  const $ = (sel, root = document) => root.querySelector(sel);
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c == null || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  };

  function showError(msg) {
    const b = $("#error-banner");
    if (!msg) { b.hidden = true; b.textContent = ""; return; }
    b.textContent = msg;
    b.hidden = false;
  }

  async function api(path, opts) {
    const res = await fetch(path, opts);
    let body = null;
    try { body = await res.json(); } catch (_) { /* not JSON */ }
    if (!res.ok) {
      const msg = body && body.error ? body.error : `${res.status} ${res.statusText}`;
      throw new Error(msg);
    }
    return body;
  }

  function filterParams(extra = {}) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(state.filters)) if (v) p.set(k, v);
    for (const [k, v] of Object.entries(extra)) if (v !== "" && v != null) p.set(k, v);
    return p.toString();
  }

  const actorLabel = (a) => (a ? (state.actorNames[a.id] || a.name || a.id) : t("none"));
  const fmtDate = (d) => {
    if (!d || !d.start) return t("none");
    // An isolated left-to-right run, so a range reads start → end in Arabic too.
    return d.end && d.end !== d.start ? `\u2066${d.start} → ${d.end}\u2069` : d.start;
  };
  const placeLabel = (loc) => {
    if (!loc) return t("none");
    const main = lang === "ar" ? loc.name_ar || loc.name : loc.name || loc.name_ar;
    const sep = lang === "ar" ? "، " : ", ";
    return loc.admin1 && loc.admin1 !== loc.name ? `${main}${sep}${govName(loc.admin1_pcode, loc.admin1)}` : main;
  };
  const govName = (pcode, fallback) => {
    const g = state.admin1Names[pcode];
    if (!g) return fallback || pcode || "";
    return lang === "ar" ? g.ar : g.en;
  };
  const yesNo = (b) => (b ? t("yes") : t("no"));
  const num = (n) => (n == null ? t("none") : String(n));

  // Deterministic small offset so that events at one place do not hide each other.
  function jitter(id) {
    let h = 2166136261;
    for (let i = 0; i < id.length; i++) { h ^= id.charCodeAt(i); h = Math.imul(h, 16777619); }
    const a = ((h >>> 0) % 360) * Math.PI / 180;
    const r = 0.02 + (((h >>> 9) % 100) / 100) * 0.05;
    return [Math.sin(a) * r, Math.cos(a) * r];
  }

  // ---------------------------------------------------------------- i18n apply
  function applyLang() {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
    document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = t(n.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((n) => { n.placeholder = t(n.dataset.i18nPlaceholder); });
    $("#lang-toggle").textContent = lang === "ar" ? "English" : "العربية";
    fillTypeSelect();
    fillActorSelect();
    fillAdmin1Select();
  }

  // ---------------------------------------------------------------- tabs
  function showTab(name) {
    document.querySelectorAll("#tabs button").forEach((b) => b.classList.toggle("active", b.dataset.tab === name));
    document.querySelectorAll(".view").forEach((v) => v.classList.toggle("active", v.id === `view-${name}`));
    $("#filters").hidden = name !== "explore";
    if (name === "explore" && map) setTimeout(() => map.invalidateSize(), 0);
  }

  // ---------------------------------------------------------------- filters
  function fillSelect(sel, items, current) {
    const s = $(sel);
    s.replaceChildren(el("option", { value: "", text: t("any") }));
    for (const [value, label] of items) s.append(el("option", { value, text: label }));
    s.value = current || "";
  }
  const fillTypeSelect = () => fillSelect("#filter-type", TYPES.map((ty) => [ty, typeLabel(ty)]), state.filters.type);
  const fillActorSelect = () => fillSelect("#filter-actor",
    state.actors.map((a) => [a.id, `${a.name || a.id}${a.events != null ? ` (${a.events})` : ""}`]), state.filters.actor);
  const fillAdmin1Select = () => fillSelect("#filter-admin1",
    Object.entries(state.admin1Names).map(([p, g]) => [p, lang === "ar" ? g.ar : g.en])
      .sort((a, b) => a[1].localeCompare(b[1], lang)), state.filters.admin1);

  function readFilters() {
    state.filters.from = $("#filter-from").value;
    state.filters.to = $("#filter-to").value;
    state.filters.type = $("#filter-type").value;
    state.filters.actor = $("#filter-actor").value;
    state.filters.admin1 = $("#filter-admin1").value;
    state.filters.q = $("#filter-q").value.trim();
  }
  function writeFilters() {
    $("#filter-from").value = state.filters.from;
    $("#filter-to").value = state.filters.to;
    $("#filter-type").value = state.filters.type;
    $("#filter-actor").value = state.filters.actor;
    $("#filter-admin1").value = state.filters.admin1;
    $("#filter-q").value = state.filters.q;
  }
  function setFilter(patch) {
    Object.assign(state.filters, patch);
    writeFilters();
    state.offset = 0;
    refresh();
  }

  // ---------------------------------------------------------------- map
  let map = null, govLayer = null, eventLayer = null;
  const govCounts = {};

  function initMap() {
    map = L.map("map", { zoomSnap: 0.25, attributionControl: true, worldCopyJump: false });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Boundaries: CSO Yemen / OCHA (cod-ab-yem), CC BY 3.0 IGO");
    map.createPane("districts");
    map.getPane("districts").style.zIndex = 420;
    map.getPane("districts").style.pointerEvents = "none";
    map.createPane("events");
    map.getPane("events").style.zIndex = 450;

    govLayer = L.geoJSON(state.admin1, {
      style: () => ({ className: "governorate", color: "#555", weight: 1.2, fillColor: "#f7f4ea", fillOpacity: 0.9 }),
      onEachFeature: (f, layer) => {
        layer.on("add", () => {
          const node = layer.getElement && layer.getElement();
          if (node) { node.setAttribute("data-pcode", f.properties.pcode); node.setAttribute("data-testid", "governorate"); }
        });
        layer.bindTooltip(() => {
          const n = govCounts[f.properties.pcode] || 0;
          return `${f.properties.name_ar} — ${f.properties.name_en}: ${t("n_events", n)}`;
        }, { sticky: true });
        layer.on("click", () => {
          const p = f.properties.pcode;
          setFilter({ admin1: state.filters.admin1 === p ? "" : p });
        });
      },
    }).addTo(map);
    if (state.admin2) {
      L.geoJSON(state.admin2, {
        pane: "districts", interactive: false,
        style: () => ({ className: "district", color: "#8a8a8a", weight: 0.4, fill: false }),
      }).addTo(map);
    }
    eventLayer = L.layerGroup().addTo(map);
    map.fitBounds(govLayer.getBounds(), { padding: [6, 6] });
    drawLegend();
  }

  function drawLegend() {
    const lg = $("#map-legend");
    lg.replaceChildren(...TYPES.map((ty) =>
      el("span", { class: "item" }, el("span", { class: "swatch", style: `background:${typeColor(ty)}` }), typeLabel(ty))));
  }

  function shadeGovernorates(places) {
    for (const k of Object.keys(govCounts)) delete govCounts[k];
    for (const p of (places && places.admin1) || []) govCounts[p.pcode] = p.events;
    const max = Math.max(1, ...Object.values(govCounts));
    const scale = d3.scaleSequential(d3.interpolateOrRd).domain([0, max]);
    govLayer.eachLayer((layer) => {
      const p = layer.feature.properties.pcode;
      const n = govCounts[p] || 0;
      layer.setStyle({
        fillColor: n ? scale(n * 0.8 + max * 0.1) : "#f7f4ea",
        weight: state.filters.admin1 === p ? 3 : 1.2,
        color: state.filters.admin1 === p ? "#17324d" : "#555",
      });
      const node = layer.getElement && layer.getElement();
      if (node) node.setAttribute("data-events", String(n));
    });
  }

  // `points` come from /api/events?view=points: event_id, type, date, lat, lon,
  // admin1_pcode, place, place_ar, fatalities.
  function drawEventPoints(points) {
    eventLayer.clearLayers();
    for (const ev of points) {
      let lat = ev.lat, lon = ev.lon;
      if ((lat == null || lon == null) && ev.admin1_pcode) {
        const c = state.centroids[ev.admin1_pcode];
        if (c) [lat, lon] = c;
      }
      if (lat == null || lon == null) continue;
      const [dy, dx] = jitter(ev.event_id);
      const fat = ev.fatalities || 0;
      const m = L.circleMarker([lat + dy, lon + dx], {
        pane: "events", className: "event-point",
        radius: 5 + 2.2 * Math.sqrt(fat), color: "#222", weight: 1,
        fillColor: typeColor(ev.type), fillOpacity: 0.85,
      });
      const place = lang === "ar" ? ev.place_ar || ev.place : ev.place || ev.place_ar;
      m.bindTooltip([typeLabel(ev.type), ev.date, place, fat ? `${t("fatalities")}: ${fat}` : null]
        .filter(Boolean).join(" · "));
      m.on("click", () => openEvent(ev.event_id));
      m.on("add", () => {
        const node = m.getElement();
        if (node) { node.setAttribute("data-event-id", ev.event_id); node.setAttribute("data-type", ev.type); }
      });
      m.addTo(eventLayer);
    }
  }

  // ---------------------------------------------------------------- timeline
  function drawTimeline(stats) {
    const box = $("#timeline");
    box.replaceChildren();
    const rows = (stats && stats.by_week) || [];
    if (!rows.length) { box.append(el("p", { class: "hint", text: t("no_events") })); return; }
    const weeks = Array.from(new Set(rows.map((r) => r.week))).sort();
    const byWeek = new Map(weeks.map((w) => [w, {}]));
    for (const r of rows) byWeek.get(r.week)[r.type] = r.events;
    const types = TYPES.filter((ty) => rows.some((r) => r.type === ty));
    const data = weeks.map((w) => Object.assign({ week: w }, ...types.map((ty) => ({ [ty]: byWeek.get(w)[ty] || 0 }))));
    const stack = d3.stack().keys(types)(data);

    const width = Math.max(320, box.clientWidth || 600), height = 190;
    const margin = { top: 8, right: 12, bottom: 24, left: 30 };
    const parse = d3.utcParse("%Y-%m-%d");
    const t0 = parse(weeks[0]), t1 = d3.utcDay.offset(parse(weeks[weeks.length - 1]), 7);
    const x = d3.scaleUtc().domain([t0, t1]).range([margin.left, width - margin.right]);
    const y = d3.scaleLinear().domain([0, d3.max(data, (d) => d3.sum(types, (k) => d[k])) || 1]).nice()
      .range([height - margin.bottom, margin.top]);
    const svg = d3.select(box).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("height", height)
      .attr("direction", "ltr");
    const barW = (w) => Math.max(3, x(d3.utcDay.offset(parse(w), 7)) - x(parse(w)) - 1);
    svg.append("g").selectAll("g").data(stack).join("g").attr("fill", (s) => typeColor(s.key))
      .attr("data-type", (s) => s.key)
      .selectAll("rect").data((s) => s.map((d) => Object.assign(d, { key: s.key }))).join("rect")
      .attr("class", "bar")
      .attr("x", (d) => x(parse(d.data.week)))
      .attr("width", (d) => barW(d.data.week))
      .attr("y", (d) => y(d[1]))
      .attr("height", (d) => Math.max(0, y(d[0]) - y(d[1])))
      .attr("data-week", (d) => d.data.week)
      .on("click", (_e, d) => {
        const start = d.data.week;
        const end = d3.utcFormat("%Y-%m-%d")(d3.utcDay.offset(parse(start), 6));
        setFilter({ from: start, to: end });
      })
      .append("title").text((d) => `${d.data.week}: ${typeLabel(d.key)} ${d[1] - d[0]}`);
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - margin.bottom})`)
      .call(d3.axisBottom(x).ticks(Math.min(8, weeks.length + 1)).tickSizeOuter(0));
    const yMax = y.domain()[1];
    svg.append("g").attr("class", "axis").attr("transform", `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).tickValues(y.ticks(Math.min(4, yMax)).filter(Number.isInteger)).tickFormat(d3.format("d")));
  }

  // ---------------------------------------------------------------- graph
  let simulation = null;
  function drawGraph(graph) {
    const box = $("#graph");
    box.replaceChildren();
    if (simulation) simulation.stop();
    const nodes = ((graph && graph.nodes) || []).map((n) => Object.assign({}, n));
    const edges = ((graph && graph.edges) || []).map((e) => Object.assign({}, e));
    if (!nodes.length) { box.append(el("p", { class: "hint", text: t("no_events") })); return; }
    const width = box.clientWidth || 500, height = box.clientHeight || 320;
    const svg = d3.select(box).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("height", height)
      .attr("direction", "ltr");
    const g = svg.append("g");
    svg.call(d3.zoom().scaleExtent([0.3, 4]).on("zoom", (e) => g.attr("transform", e.transform)));
    const maxW = Math.max(1, ...edges.map((e) => e.events || 1));
    const link = g.append("g").selectAll("line").data(edges).join("line")
      .attr("class", "graph-edge")
      .attr("data-kind", (e) => ((e.conflict || 0) > (e.cooperation || 0) ? "conflict" : "cooperation"))
      .attr("stroke", (e) => ((e.conflict || 0) > (e.cooperation || 0) ? "var(--conf)" : "var(--coop)"))
      .attr("stroke-width", (e) => 1.5 + 4 * Math.sqrt((e.events || 1) / maxW));
    link.append("title").text((e) => `${e.source} — ${e.target}: ${t("cooperation")} ${e.cooperation || 0}, ${t("conflict")} ${e.conflict || 0}`);
    const maxN = Math.max(1, ...nodes.map((n) => n.events || 1));
    const radius = (n) => 6 + 12 * Math.sqrt((n.events || 1) / maxN);
    const node = g.append("g").selectAll("g").data(nodes).join("g")
      .attr("class", (n) => `graph-node${state.filters.actor === n.id ? " selected" : ""}`)
      .attr("data-actor", (n) => n.id)
      .on("click", (_e, n) => setFilter({ actor: state.filters.actor === n.id ? "" : n.id }));
    node.append("circle").attr("r", radius).attr("fill", (n) => (state.filters.actor === n.id ? "#17324d" : "#5b7a99"));
    node.append("text").attr("x", (n) => radius(n) + 3).attr("dy", "0.35em").text((n) => n.name || n.id);
    node.append("title").text((n) => `${n.name || n.id}: ${t("n_events", n.events || 0)}`);
    node.call(d3.drag()
      .on("start", (e, d) => { if (!e.active) simulation.alphaTarget(0.3).restart(); d.fx = d.x; d.fy = d.y; })
      .on("drag", (e, d) => { d.fx = e.x; d.fy = e.y; })
      .on("end", (e, d) => { if (!e.active) simulation.alphaTarget(0); d.fx = null; d.fy = null; }));
    simulation = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(edges).id((n) => n.id).distance(90))
      .force("charge", d3.forceManyBody().strength(-260))
      .force("center", d3.forceCenter(width / 2, height / 2))
      .force("collide", d3.forceCollide().radius((n) => radius(n) + 4))
      .on("tick", () => {
        for (const n of nodes) {
          n.x = Math.max(20, Math.min(width - 20, n.x));
          n.y = Math.max(20, Math.min(height - 20, n.y));
        }
        link.attr("x1", (e) => e.source.x).attr("y1", (e) => e.source.y)
          .attr("x2", (e) => e.target.x).attr("y2", (e) => e.target.y);
        node.attr("transform", (n) => `translate(${n.x},${n.y})`);
        // Labels of nodes on the right half go to the left, so they stay inside.
        node.select("text")
          .attr("text-anchor", (n) => (n.x > width * 0.6 ? "end" : "start"))
          .attr("x", (n) => (n.x > width * 0.6 ? -(radius(n) + 3) : radius(n) + 3));
      });
  }

  // ---------------------------------------------------------------- list
  function drawList(page) {
    const tb = $("#event-list tbody");
    tb.replaceChildren();
    for (const ev of page.events) {
      const tr = el("tr", { class: `event-row${state.selectedEvent === ev.event_id ? " selected" : ""}`, "data-event-id": ev.event_id,
        onclick: () => openEvent(ev.event_id) },
      el("td", {}, fmtDate(ev.date)),
      el("td", {}, typeBadge(ev.plover.type)),
      el("td", {}, actorLabel(ev.actor1)),
      el("td", {}, actorLabel(ev.actor2)),
      el("td", { dir: "auto" }, placeLabel(ev.location)),
      el("td", {}, num(ev.fatalities)));
      tb.append(tr);
    }
    const a = page.total ? page.offset + 1 : 0, b = page.offset + page.events.length;
    $("#page-info").textContent = t("page", a, b, page.total);
    $("#page-prev").disabled = page.offset <= 0;
    $("#page-next").disabled = b >= page.total;
    $("#filter-summary").textContent = t("n_events", page.total);
  }
  const typeBadge = (ty) => el("span", { class: "type-badge", style: `background:${typeColor(ty)}`, "data-type": ty }, typeLabel(ty));

  // ---------------------------------------------------------------- event panel
  function fieldList(ev) {
    const rows = [];
    const add = (k, v) => rows.push(el("dt", { text: t(k) }), el("dd", { dir: "auto" }, v == null || v === "" ? t("none") : v));
    const loc = ev.location;
    const actors = (list) => (list && list.length ? list.map((a) => actorLabel(a)).join("، ") : null);
    add("event_id", ev.event_id);
    add("type", typeBadge(ev.plover.type));
    add("mode", ev.plover.mode);
    add("cameo", ev.cameo);
    add("goldstein", ev.goldstein);
    add("acled_disorder", ev.acled && ev.acled.disorder_type);
    add("acled_event", ev.acled && ev.acled.event_type);
    add("acled_sub", ev.acled && ev.acled.sub_event_type);
    add("acled_inter", ev.acled && ev.acled.interaction);
    add("date", fmtDate(ev.date));
    add("precision", ev.date && ev.date.precision);
    add("date_text", ev.date && ev.date.text);
    add("location", loc ? `${loc.name || ""} / ${loc.name_ar || ""}` : null);
    add("admin1", loc && loc.admin1 ? `${govName(loc.admin1_pcode, loc.admin1)} (${loc.admin1_pcode || ""})` : null);
    add("admin2", loc && loc.admin2 ? `${loc.admin2} (${loc.admin2_pcode || ""})` : null);
    add("coords", loc && loc.lat != null ? `${loc.lat}, ${loc.lon}` : null);
    add("geo_precision", loc && loc.geo_precision);
    add("place_text", loc && loc.text);
    add("actor1", ev.actor1 ? `${actorLabel(ev.actor1)}${ev.actor1.text ? ` — «${ev.actor1.text}»` : ""}` : null);
    add("actor2", ev.actor2 ? `${actorLabel(ev.actor2)}${ev.actor2.text ? ` — «${ev.actor2.text}»` : ""}` : null);
    add("assoc1", actors(ev.assoc_actor1));
    add("assoc2", actors(ev.assoc_actor2));
    add("persons", ev.persons && ev.persons.length
      ? ev.persons.map((p) => `${p.name_ar}${p.role_ar ? ` (${p.role_ar})` : ""}${p.affiliation ? ` [${p.affiliation}]` : ""}`).join("؛ ")
      : null);
    add("fatalities", num(ev.fatalities));
    add("injured", num(ev.injured));
    add("detained", num(ev.detained));
    add("released", num(ev.released));
    add("hedged", yesNo(ev.hedged));
    add("claimed", yesNo(ev.claimed));
    add("attribution", ev.attribution ? `${ev.attribution.kind}${ev.attribution.text ? ` — «${ev.attribution.text}»` : ""}` : null);
    add("confidence", ev.confidence != null ? ev.confidence.toFixed(2) : null);
    add("doc", ev.doc_id);
    return el("dl", {}, rows);
  }

  async function openEvent(id) {
    state.selectedEvent = id;
    document.querySelectorAll("#event-list tr.event-row").forEach((r) => r.classList.toggle("selected", r.dataset.eventId === id));
    const panel = $("#event-panel");
    try {
      const data = await api(`api/events/${encodeURIComponent(id)}`);
      const ev = data.event;
      const sources = data.sources || [];
      panel.replaceChildren(
        el("div", { "data-event-id": ev.event_id, class: "event-detail" },
          fieldList(ev),
          el("h3", { text: t("evidence") }),
          (ev.evidence || []).map((e) => el("blockquote", { class: "evidence-quote", lang: "ar" }, e.text)),
          el("h3", { text: t("sources") }),
          el("ul", { class: "sources" }, sources.map((s) => el("li", { "data-doc-id": s.doc_id },
            el("div", { dir: "auto", lang: "ar", class: "arabic-text" }, s.title || s.doc_id),
            el("div", { class: "meta" }, [s.pub_date, s.source, s.url].filter(Boolean).join(" · ")),
            s.figures ? el("div", { class: "meta" }, `${t("figures")}: ${t("fatalities")} ${num(s.figures.fatalities)}, ${t("injured")} ${num(s.figures.injured)}, ${t("detained")} ${num(s.figures.detained)}, ${t("released")} ${num(s.figures.released)}`) : null,
            el("button", { type: "button", class: "linkish open-article", "data-doc-id": s.doc_id,
              onclick: () => openArticle(s.doc_id, s.event_id || ev.event_id) }, t("open_article")))))));
    } catch (e) {
      showError(e.message);
    }
  }

  // ---------------------------------------------------------------- article view
  // Renders `text` with every evidence span of `events` wrapped in <mark class="evidence">.
  // Offsets are Unicode scalar (char) offsets, so the text is split into code points
  // (Array.from), not UTF-16 units.
  function renderHighlighted(container, text, events, activeId) {
    const chars = Array.from(text);
    const bounds = new Set([0, chars.length]);
    const spans = [];
    for (const ev of events) {
      for (const e of ev.evidence || []) {
        const s = Math.max(0, Math.min(chars.length, e.start)), en = Math.max(s, Math.min(chars.length, e.end));
        if (en > s) { spans.push({ s, e: en, id: ev.event_id, type: ev.plover.type }); bounds.add(s); bounds.add(en); }
      }
    }
    const cuts = Array.from(bounds).sort((a, b) => a - b);
    container.replaceChildren();
    for (let i = 0; i + 1 < cuts.length; i++) {
      const a = cuts[i], b = cuts[i + 1];
      const piece = chars.slice(a, b).join("");
      const covering = spans.filter((sp) => sp.s <= a && sp.e >= b);
      if (!covering.length) { container.append(document.createTextNode(piece)); continue; }
      const ids = Array.from(new Set(covering.map((c) => c.id)));
      const m = el("mark", {
        class: `evidence${activeId && ids.includes(activeId) ? " active" : ""}`,
        "data-event-ids": ids.join(" "), "data-type": covering[0].type,
        title: covering.map((c) => c.type).join(", "),
        style: `text-decoration: underline 3px ${typeColor(covering[0].type)}; text-underline-offset: 6px`,
      }, piece);
      m.addEventListener("click", () => focusEvent(container, ids[0]));
      container.append(m);
    }
  }

  function eventCards(box, events, activeId, container) {
    box.replaceChildren();
    if (!events.length) { box.append(el("p", { class: "hint", text: t("no_events") })); return; }
    for (const ev of events) {
      box.append(el("div", {
        class: `event-card${ev.event_id === activeId ? " active" : ""}`, "data-event-id": ev.event_id,
        onclick: () => focusEvent(container, ev.event_id),
      },
      el("div", { class: "card-summary" }, typeBadge(ev.plover.type), " ", fmtDate(ev.date), " · ",
        actorLabel(ev.actor1), ev.actor2 ? ` → ${actorLabel(ev.actor2)}` : "", " · ", placeLabel(ev.location)),
      fieldList(ev)));
    }
  }

  function focusEvent(container, id) {
    container.querySelectorAll("mark.evidence").forEach((m) =>
      m.classList.toggle("active", (m.dataset.eventIds || "").split(" ").includes(id)));
    const cards = container === $("#article-view") ? $("#article-events") : $("#paste-events");
    cards.querySelectorAll(".event-card").forEach((c) => c.classList.toggle("active", c.dataset.eventId === id));
    const first = container.querySelector("mark.evidence.active");
    if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
    const card = cards.querySelector(".event-card.active");
    if (card) card.scrollIntoView({ block: "nearest" });
  }

  async function openArticle(docId, eventId, stay) {
    state.article = { docId, eventId };
    try {
      const doc = await api(`api/documents/${encodeURIComponent(docId)}`);
      $("#article-title").textContent = doc.title || doc.doc_id;
      $("#article-meta").textContent = [doc.doc_id, doc.pub_date, doc.source, doc.url].filter(Boolean).join(" · ");
      const view = $("#article-view");
      view.dataset.docId = doc.doc_id;
      renderHighlighted(view, doc.text, doc.events || [], eventId);
      eventCards($("#article-events"), doc.events || [], eventId, view);
      if (!stay) showTab("article");
      if (eventId) focusEvent(view, eventId);
    } catch (e) {
      showError(e.message);
    }
  }

  // ---------------------------------------------------------------- paste box
  async function pasteSubmit() {
    const text = $("#paste-text").value;
    const pub = $("#paste-date").value;
    const btn = $("#paste-submit");
    btn.disabled = true;
    $("#paste-status").textContent = t("extracting");
    showError(null);
    try {
      const body = { text };
      if (pub) body.pub_date = pub;
      const res = await api("api/extract", {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
      });
      state.lastPaste = res;
      showPaste(res);
    } catch (e) {
      $("#paste-status").textContent = "";
      showError(e.message);
    } finally {
      btn.disabled = false;
    }
  }

  function showPaste(res) {
    const view = $("#paste-result");
    renderHighlighted(view, res.document.text, res.events, null);
    eventCards($("#paste-events"), res.events, null, view);
    $("#paste-diagnostics").replaceChildren(...(res.diagnostics || []).map((d) => el("li", { dir: "auto" }, d)));
    $("#paste-status").textContent = t("n_events", res.events.length);
  }

  // ---------------------------------------------------------------- refresh
  let refreshSeq = 0;
  async function refresh() {
    const seq = ++refreshSeq;
    showError(null);
    const q = filterParams();
    try {
      const [page, all, places, stats, graph] = await Promise.all([
        api(`api/events?${filterParams({ sort: state.sort, limit: state.pageSize, offset: state.offset })}`),
        api(`api/events?${filterParams({ limit: 10000, view: "points" })}`),
        api(`api/places?${q}`),
        api(`api/stats?${q}`),
        api(`api/graph?${q}`),
      ]);
      if (seq !== refreshSeq) return;
      drawList(page);
      drawEventPoints(all.events);
      shadeGovernorates(places);
      drawTimeline(stats);
      drawGraph(graph);
      document.body.dataset.ready = "1";
      document.body.dataset.events = String(page.total);
    } catch (e) {
      if (seq === refreshSeq) showError(e.message);
    }
  }

  // ---------------------------------------------------------------- start
  async function start() {
    document.body.dataset.ready = "0";
    applyLang();
    $("#lang-toggle").addEventListener("click", () => {
      lang = lang === "ar" ? "en" : "ar";
      localStorage.setItem("rasd.lang", lang);
      applyLang();
      writeFilters();
      drawLegend();
      refresh();
      if (state.selectedEvent) openEvent(state.selectedEvent);
      if (state.article) openArticle(state.article.docId, state.article.eventId, true);
      if (state.lastPaste) showPaste(state.lastPaste);
    });
    $("#about-open").addEventListener("click", () => $("#about").showModal());
    document.querySelectorAll("#tabs button").forEach((b) => b.addEventListener("click", () => showTab(b.dataset.tab)));
    for (const id of ["#filter-from", "#filter-to", "#filter-type", "#filter-actor", "#filter-admin1"]) {
      $(id).addEventListener("change", () => { readFilters(); state.offset = 0; refresh(); });
    }
    let qTimer = null;
    $("#filter-q").addEventListener("input", () => {
      clearTimeout(qTimer);
      qTimer = setTimeout(() => { readFilters(); state.offset = 0; refresh(); }, 300);
    });
    $("#filter-reset").addEventListener("click", () => setFilter({ from: "", to: "", type: "", actor: "", admin1: "", q: "" }));
    $("#sort").addEventListener("change", (e) => { state.sort = e.target.value; state.offset = 0; refresh(); });
    $("#page-prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.pageSize); refresh(); });
    $("#page-next").addEventListener("click", () => { state.offset += state.pageSize; refresh(); });
    $("#paste-submit").addEventListener("click", pasteSubmit);

    try {
      const [a1, a2, actors] = await Promise.all([
        api("geo/admin1.geojson"), api("geo/admin2.geojson").catch(() => null), api("api/actors"),
      ]);
      state.admin1 = a1;
      state.admin2 = a2;
      for (const f of a1.features) {
        state.admin1Names[f.properties.pcode] = { en: f.properties.name_en, ar: f.properties.name_ar };
        const c = d3.geoCentroid(f);
        state.centroids[f.properties.pcode] = [c[1], c[0]];
      }
      state.actors = actors.actors || [];
      for (const a of state.actors) state.actorNames[a.id] = a.name;
      fillActorSelect();
      fillAdmin1Select();
      initMap();
    } catch (e) {
      showError(e.message);
      return;
    }
    await refresh();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
