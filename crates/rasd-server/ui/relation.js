// rasd: the actor-pair page (?tab=relation&relation=A,B), live updates and feed status.
// Self-contained so app.js stays untouched: builds its own section and tab, and
// writes every value with textContent (never as markup).
(function () {
  "use strict";

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  async function getJson(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    if (!r.ok) throw new Error(url + ": HTTP " + r.status);
    return r.json();
  }

  const section = document.getElementById("view-relation") ||
    el("section", { id: "view-relation", class: "view", "aria-label": "Actor pair" });
  const form = el("form", { id: "relation-form", class: "card", autocomplete: "off" });
  const pickA = el("select", { id: "relation-a", "aria-label": "First actor" });
  const pickB = el("select", { id: "relation-b", "aria-label": "Second actor" });
  const go = el("button", { type: "submit" }, "Show");
  form.append(el("h2", {}, "Actor pair"), pickA, pickB, go);
  const summary = el("p", { id: "relation-summary" });
  const months = el("table", { id: "relation-months", class: "data" });
  const timeline = el("ol", { id: "relation-timeline" });
  const strongest = el("ul", { id: "relation-evidence" });
  const persons = el("ul", { id: "relation-persons" });
  const feeds = el("table", { id: "feed-status", class: "data" });
  const live = el("p", { id: "live-updates", "aria-live": "polite" });
  section.append(
    form, summary,
    el("h3", {}, "By month"), months,
    el("h3", {}, "Timeline"), timeline,
    el("h3", {}, "Strongest evidence"), strongest,
    el("h3", {}, "Persons who link them"), persons,
    el("h3", {}, "Watched feeds"), feeds, live
  );

  function row(table, cells, head) {
    const tr = el("tr");
    for (const c of cells) tr.append(el(head ? "th" : "td", {}, c));
    table.append(tr);
  }

  function evidenceItem(ev) {
    const li = el("li");
    li.append(el("q", { dir: "rtl", lang: "ar" }, ev.text));
    const src = [ev.outlet || ev.doc_id, ev.pub_date || "", ev.hedged ? "hedged" : ""]
      .filter(Boolean).join(", ");
    li.append(" ");
    if (ev.url && /^https?:\/\//.test(ev.url)) {
      li.append(el("a", { href: ev.url, rel: "noopener noreferrer", target: "_blank" }, src));
    } else {
      li.append(el("span", {}, src));
    }
    return li;
  }

  async function showRelation(a, b) {
    for (const n of [months, timeline, strongest, persons]) n.replaceChildren();
    summary.textContent = "…";
    try {
      const r = await getJson("api/relations/" + encodeURIComponent(a) + "/" + encodeURIComponent(b));
      summary.textContent = r.a + " – " + r.b + ": " + r.events.length + " events, first contact " +
        (r.first_contact || "-") + ", last contact " + (r.last_contact || "-");
      row(months, ["month", "cooperation", "conflict", "Goldstein sum"], true);
      for (const m of r.months) row(months, [m.month, m.cooperation, m.conflict, m.goldstein_sum.toFixed(1)]);
      for (const e of r.events) {
        const li = el("li", { class: "tone-" + e.tone });
        li.append(el("strong", {}, (e.date || "undated") + " " + e.plover_type + " (" + e.stance + ", " + e.tone + ")"));
        const ul = el("ul");
        for (const ev of e.evidence) ul.append(evidenceItem(ev));
        li.append(ul);
        timeline.append(li);
      }
      for (const ev of r.strongest_evidence) strongest.append(evidenceItem(ev));
      for (const p of r.persons) {
        persons.append(el("li", { dir: "auto" }, p.name_ar + (p.role_ar ? " (" + p.role_ar + ")" : "") +
          " — " + (p.affiliation || "-") + ", " + p.events + " events"));
      }
    } catch (err) {
      summary.textContent = String(err.message || err);
    }
  }

  async function showFeeds() {
    try {
      const r = await getJson("api/feeds");
      feeds.replaceChildren();
      row(feeds, ["feed", "last success", "last error", "items seen"], true);
      for (const f of r.feeds) {
        row(feeds, [f.url, f.last_success || "-", f.last_error ? (f.last_error_at || "") + " " + f.last_error : "-", f.items_seen]);
      }
    } catch (_) { /* status is optional */ }
  }

  // Newly ingested events without a reload: poll the cursor endpoint.
  let cursor = null;
  let newEvents = 0;
  async function poll() {
    try {
      const r = await getJson("api/updates" + (cursor === null ? "" : "?after=" + cursor));
      if (cursor !== null && r.events.length) {
        newEvents += r.events.length;
        live.textContent = newEvents + " new or updated events since this page opened.";
        document.dispatchEvent(new CustomEvent("rasd:updates", { detail: r.events }));
        showFeeds();
      }
      cursor = r.cursor;
    } catch (_) { /* try again next time */ }
  }

  // The pair lives in app.js's URL state: ?tab=relation&relation=A,B.
  function pairFromURL() {
    const p = new URLSearchParams(location.search);
    if (p.get("tab") !== "relation") return null;
    const pair = (p.get("relation") || "").split(",").map((x) => x.trim()).filter(Boolean);
    return pair.length === 2 ? pair : null;
  }

  function route() {
    const pair = pairFromURL();
    if (!pair) return;
    if (window.rasd && window.rasd.showTab) window.rasd.showTab("relation", false);
    else {
      document.querySelectorAll("main > .view").forEach((v) => v.classList.toggle("active", v === section));
    }
    pickA.value = pair[0];
    pickB.value = pair[1];
    showRelation(pair[0], pair[1]);
    showFeeds();
  }

  function open(a, b) {
    const p = new URLSearchParams(location.search);
    p.set("tab", "relation");
    p.set("relation", a + "," + b);
    history.pushState(null, "", location.pathname + "?" + p.toString());
    route();
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (pickA.value && pickB.value) {
      open(pickA.value, pickB.value);
    }
  });

  // Reachable from the actor graph without touching app.js: a click on an edge (d3
  // keeps each edge's data on its element) opens the pair's page.
  document.addEventListener("click", (ev) => {
    const edge = ev.target && ev.target.closest ? ev.target.closest(".graph-edge") : null;
    const d = edge && edge.__data__;
    if (!d) return;
    const id = (x) => (x && typeof x === "object" ? x.id : x);
    if (id(d.source) && id(d.target)) {
      open(id(d.source), id(d.target));
    }
  });

  document.addEventListener("DOMContentLoaded", async () => {
    if (!section.parentNode) (document.querySelector("main") || document.body).append(section);
    const tabs = document.getElementById("tabs");
    if (tabs && !document.getElementById("tab-relation")) {
      const tab = el("button", { type: "button", role: "tab", "data-tab": "relation", id: "tab-relation" }, "Actor pair");
      tab.addEventListener("click", () => open(pickA.value || "houthis", pickB.value || "aqap"));
      tabs.append(tab);
    }
    // The actor page's counterparts get a "pair" button through this hook.
    if (window.rasd && window.rasd.registerPairView) window.rasd.registerPairView(open);
    try {
      const r = await getJson("api/actors");
      for (const sel of [pickA, pickB]) {
        for (const a of r.actors) sel.append(el("option", { value: a.id }, a.name || a.id));
      }
    } catch (_) { /* the pickers stay empty */ }
    window.addEventListener("popstate", route);
    route();
    poll();
    setInterval(poll, 15000);
  });
})();
