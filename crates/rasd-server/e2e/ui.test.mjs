// End-to-end test of the rasd web UI.
//
// Starts `rasd serve --allow-writes` (RASD_BIN, default target/debug/rasd) on a
// fresh database with a write token in RASD_TOKEN, ingests the two seed articles
// from ../shared/corpus/seeds through POST /api/documents (Authorization: Bearer), and drives Debian's Chromium (playwright-core, no browser
// download) through every part of the UI (issue 11): the map and its legends,
// the honest counts, the brushed timeline, the actor graph and actor page, the
// event panel and the article's evidence, Arabic right-to-left, views as URLs,
// multi-select filters, export links and keyboard access. The page is served
// with a strict Content-Security-Policy added in the test, so any inline
// script or style would fail it. Screenshots of each view in both languages go
// to RASD_E2E_OUT (default <repo>/test-output/e2e/).
//
// The seed texts are read at test time and never copied into the repository.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const bin = resolve(repo, process.env.RASD_BIN || "target/debug/rasd");
const shared = resolve(process.env.RASD_SHARED || join(repo, "../shared"));
// The write token the server is started with (RASD_TOKEN).
const TOKEN = "e2e-token-" + process.pid;
const outDir = resolve(process.env.RASD_E2E_OUT || join(repo, "test-output/e2e"));
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const SEEDS = [
  { id: "000_e612bbc7fa9c1160", pub_date: "2022-05-12" },
  { id: "003_40851454dd59a699", pub_date: "2023-11-23" },
];
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";
// The largest marker the UI draws (app.js: markerDiameter(SIZE_CAP)).
const MAX_MARKER_PX = 36;

let server, base, browser, page, work;
const serverLog = [];
const outsideRequests = [];
const pageErrors = [];

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function waitForServer(url, ms) {
  const until = Date.now() + ms;
  let last;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${serverLog.join("")}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
      last = new Error(`status ${r.status}`);
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer at ${url}: ${last}\n${serverLog.join("")}`);
}

async function apiJson(path, init) {
  const r = await fetch(base + path, init);
  const body = await r.json();
  assert.ok(r.ok, `${path}: ${r.status} ${JSON.stringify(body)}`);
  return body;
}

const shot = (name) => page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
const ready = () => page.waitForSelector("body[data-ready='1']", { timeout: 30_000 });
const eventsShown = () => page.evaluate(() => Number(document.body.dataset.events));
const urlParams = () => new URL(page.url()).searchParams;

before(async () => {
  assert.ok(existsSync(bin), `rasd binary not found at ${bin} (build it, or set RASD_BIN)`);
  assert.ok(existsSync(chromiumPath), `Chromium not found at ${chromiumPath} (apt-get install chromium)`);
  mkdirSync(outDir, { recursive: true });
  work = mkdtempSync(join(tmpdir(), "rasd-e2e-"));
  const port = await freePort();
  base = `http://127.0.0.1:${port}/`;
  // Writes (POST /api/documents) need --allow-writes and the bearer token.
  server = spawn(bin, ["serve", "--db", join(work, "rasd.db"), "--addr", `127.0.0.1:${port}`, "--allow-writes"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG || "warn", RASD_TOKEN: TOKEN },
  });
  server.stdout.on("data", (d) => serverLog.push(String(d)));
  server.stderr.on("data", (d) => serverLog.push(String(d)));
  await waitForServer(base + "api/stats", 60_000);

  for (const s of SEEDS) {
    const text = readFileSync(join(shared, "corpus/seeds", `${s.id}.txt`), "utf8");
    const res = await fetch(base + "api/documents", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ id: s.id, text, pub_date: s.pub_date }),
    });
    const body = await res.json();
    assert.equal(res.status, 201, `ingest ${s.id}: ${JSON.stringify(body)}`);
  }

  // A fresh profile directory (playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(join(work, "chromium-profile"), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1440, height: 1000 },
    locale: "en-US",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  // The page runs under a strict CSP: a violation is a console error below.
  await browser.route(`${base}**`, async (route) => {
    const res = await route.fetch();
    const headers = Object.assign({}, res.headers());
    if ((headers["content-type"] || "").startsWith("text/html")) headers["content-security-policy"] = CSP;
    await route.fulfill({ response: res, headers });
  });
  page = browser.pages()[0] || (await browser.newPage());
  page.on("request", (req) => {
    const u = req.url();
    if (!u.startsWith(base) && !u.startsWith("data:")) outsideRequests.push(u);
  });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") pageErrors.push(`console: ${m.text()}`); });
});

after(async () => {
  if (browser) await browser.close();
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => { server.once("exit", r); setTimeout(r, 3000); });
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the web UI over the seed database", async (t) => {
  const all = await apiJson("api/events?limit=10000");
  const stats = await apiJson("api/stats");
  assert.ok(all.total > 0, "the seeds give events");

  await t.test("1. map: one capped marker per place, legends, a governorate zooms", async () => {
    await page.goto(`${base}?lang=en`);
    await ready();
    // The CSP is in force: an inline style attribute is ignored.
    const inline = await page.evaluate(() => {
      const probe = document.createElement("div");
      probe.setAttribute("style", "color: rgb(255, 0, 0)");
      document.body.append(probe);
      const color = getComputedStyle(probe).color;
      probe.remove();
      return color;
    });
    assert.notEqual(inline, "rgb(255, 0, 0)", "inline styles are blocked");
    await page.waitForTimeout(200);
    assert.ok(pageErrors.some((e) => /Content Security Policy/i.test(e)), "a violation is reported as a console error");
    pageErrors.length = 0; // the probe's own violation report
    assert.equal(await page.locator("#map path.governorate").count(), 22, "22 governorates");
    assert.ok(await page.locator("#map path.district").count() > 300, "district boundaries drawn");
    const pts = await apiJson("api/events?view=points&limit=10000");
    const mapped = pts.events.filter((p) => (p.lat != null && p.lon != null) || p.admin1_pcode).length;
    assert.ok(mapped > 0, "some seed events have a place");
    const counts = await page.locator("#map .event-marker").evaluateAll((ns) => ns.map((n) => Number(n.dataset.count)));
    assert.equal(counts.reduce((a, b) => a + b, 0), mapped, "every mapped event is in exactly one marker");
    const places = new Set(pts.events.filter((p) => p.lat != null).map((p) => `${p.lat.toFixed(4)},${p.lon.toFixed(4)}`));
    assert.ok(counts.length <= places.size + 22, "events at one place stack into one marker (no jitter)");
    for (const box of await page.locator("#map .event-marker").evaluateAll((ns) => ns.map((n) => n.getBoundingClientRect().toJSON()))) {
      assert.ok(box.width <= MAX_MARKER_PX + 1 && box.height <= MAX_MARKER_PX + 1, `marker ${box.width}px is capped`);
    }
    assert.equal(await page.locator("#map-legend .size-item").count(), 3, "size legend: 1, 10, 100+");
    assert.ok(await page.locator("#map-legend [data-type]").count() >= 1, "type legend");
    assert.equal(await page.locator("#map-legend .ramp").count(), 1, "shading legend");
    assert.ok(await page.locator("#map .map-label.country").count() >= 3, "neighbours named on the base layer");
    assert.ok(await page.locator("#map .town").count() >= 20, "towns on the base layer");
    await page.waitForTimeout(300);
    await shot("01-overview-en");

    const before = await page.locator("#map path.governorate[data-pcode='YE13']").boundingBox();
    await page.selectOption("#filter-admin1", "YE13");
    await ready();
    await page.waitForTimeout(600);
    const afterBox = await page.locator("#map path.governorate[data-pcode='YE13']").boundingBox();
    assert.ok(afterBox.width > before.width * 2, `choosing Sana'a City zooms to it (${before.width} → ${afterBox.width} px)`);
    const expected = await apiJson("api/events?admin1=YE13&limit=0");
    assert.equal(await eventsShown(), expected.total);
    await shot("02-governorate-en");
  });

  await t.test("2. counts: shown, without a place and without a date, with a list filter", async () => {
    await page.goto(`${base}?lang=en`);
    await ready();
    const counts = page.locator("#counts");
    assert.equal(await counts.getAttribute("data-events"), String(stats.events));
    assert.equal(await counts.getAttribute("data-unlocated"), String(stats.unlocated));
    assert.equal(await counts.getAttribute("data-undated"), String(stats.undated));
    const text = await counts.innerText();
    assert.match(text, new RegExp(`${stats.events} events`));
    if (stats.unlocated > 0) {
      assert.match(text, new RegExp(`${stats.unlocated} without a place`));
      await page.click("#show-unlocated");
      await ready();
      assert.equal(await eventsShown(), stats.unlocated, "the list shows the events without a place");
      assert.equal(urlParams().get("located"), "no");
      assert.equal(await page.locator("#filter-located").inputValue(), "no");
    }
    const mapCount = await page.locator("#map-count").innerText();
    assert.match(mapCount, /on the map|events at/);
  });

  await t.test("3. timeline: ISO weeks, type legend, a brush drives the list", async () => {
    await page.goto(`${base}?lang=en`);
    await ready();
    const weeks = await page.locator("#timeline rect.bar").evaluateAll((ns) => ns.map((n) => n.dataset.week));
    assert.ok(weeks.length > 0, "bars");
    for (const w of weeks) assert.equal(new Date(`${w}T00:00:00Z`).getUTCDay(), 1, `${w} is a Monday`);
    const legend = await page.locator("#timeline-legend [data-type]").count();
    const types = await page.locator("#timeline g[data-type]").count();
    assert.equal(legend, types, "one legend entry per stacked type");
    // Brush the left half of the axis.
    const overlay = await page.locator("#timeline .brush .overlay").boundingBox();
    const y = overlay.y + overlay.height / 2;
    await page.mouse.move(overlay.x + 2, y);
    await page.mouse.down();
    await page.mouse.move(overlay.x + overlay.width * 0.55, y, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("to"));
    await ready();
    const from = urlParams().get("from"), to = urlParams().get("to");
    assert.ok(from && to && from <= to, `range ${from}..${to}`);
    const expected = await apiJson(`api/events?from=${from}&to=${to}&limit=0`);
    assert.equal(await eventsShown(), expected.total, "the brush filters the list");
    assert.ok(expected.total < stats.events || stats.undated > 0, "a real subset");
    for (const d of await page.locator("#event-list tbody tr.event-row").evaluateAll((rs) => rs.map((r) => r.dataset.eventId))) {
      const ev = all.events.find((e) => e.event_id === d);
      const day = ev.date.start || ev.date.end;
      assert.ok(day >= from && day <= to, `${day} in ${from}..${to}`);
    }
    await shot("03-timeline-brushed-en");
  });

  await t.test("4. actor graph: labels never overlap, a node opens the actor page", async () => {
    await page.goto(`${base}?lang=en`);
    await ready();
    assert.ok(await page.locator("#graph .graph-node[data-actor='houthis']").count() === 1, "houthis in the graph");
    const boxes = await page.locator("#graph .graph-node:not(.label-on-focus) .graph-label")
      .evaluateAll((ns) => ns.map((n) => n.getBoundingClientRect().toJSON()));
    assert.ok(boxes.length >= 2, "labels drawn");
    const graphBox = await page.locator("#graph").boundingBox();
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i];
      assert.ok(a.left >= graphBox.x - 1 && a.right <= graphBox.x + graphBox.width + 1, "label inside the graph");
      for (let j = i + 1; j < boxes.length; j++) {
        const b = boxes[j];
        const overlap = a.left < b.right - 0.5 && a.right > b.left + 0.5 && a.top < b.bottom - 0.5 && a.bottom > b.top + 0.5;
        assert.ok(!overlap, `labels ${i} and ${j} overlap`);
      }
    }
    // Keyboard: focus a node and press Enter.
    await page.locator("#graph .graph-node[data-actor='aqap']").focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#actor-page .actor-name");
    assert.match(await page.locator("#actor-page .actor-name").innerText(), /AQAP/);
    assert.equal(urlParams().get("actor_page"), "aqap");
    assert.ok(await page.locator("#actor-page .counterparts tbody tr[data-actor='houthis']").count() === 1, "houthis a counterpart");
    assert.ok(await page.locator("#actor-page .mini-timeline rect.bar").count() > 0, "its timeline");
    assert.ok(await page.locator("#actor-page .counterparts tr[data-actor='houthis'] .sparkline rect").count() > 0,
      "the counterpart's timeline");
    await shot("04-actor-page-en");
    await page.click("#actor-show-events");
    await ready();
    assert.equal(await eventsShown(), (await apiJson("api/events?actor=aqap&limit=0")).total);
  });

  await t.test("5. event panel in view, article scrolled to its flashed evidence with field highlights", async () => {
    await page.goto(`${base}?lang=en`);
    await ready();
    // The last row of the list, far below the fold: the panel stays in view.
    const rows = page.locator("#event-list tbody tr.event-row");
    await rows.last().scrollIntoViewIfNeeded();
    await rows.last().click();
    await page.waitForSelector("#event-panel .event-detail");
    const panel = await page.locator("#event-panel .event-detail").boundingBox();
    assert.ok(panel.y >= 0 && panel.y < 1000, `the panel is on screen (top at ${panel.y})`);
    assert.match(await page.locator("#event-panel").innerText(), /ACLED/);
    assert.match(await page.locator("#event-panel .sources-count").innerText(), /Reported by \d+ source/);
    await shot("05-event-panel-en");

    await page.locator("#event-panel button.open-article").first().click();
    await page.waitForSelector("#article-view mark.evidence.active");
    await page.waitForTimeout(300);
    const active = await page.locator("#article-view mark.evidence.active").first().boundingBox();
    assert.ok(active.y >= 0 && active.y + active.height <= 1000, `active evidence in the viewport (y=${active.y})`);
    assert.ok(await page.locator("#article-view mark.evidence.active.flash").count() > 0, "the active evidence flashes");
    const docId = await page.locator("#article-view").getAttribute("data-doc-id");
    const doc = await apiJson(`api/documents/${docId}`);
    if (doc.events.length > 1) assert.ok(await page.locator("#article-view mark.evidence.muted").count() > 0, "other events muted");
    assert.ok(await page.locator("#article-view mark.field").count() > 0, "per-field highlights");
    assert.equal(await page.locator("#field-legend mark.field").count(), 5, "field legend");
    // The active event's trigger words are marked on their own.
    const triggerMarks = (await page.locator("#article-view mark.field-trigger").allInnerTexts()).join("");
    assert.ok(triggerMarks.length > 0, "the trigger is highlighted");
    assert.ok(doc.events.some((ev) => ev.trigger && triggerMarks.includes(ev.trigger.text.trim())),
      `a trigger's words are marked: ${triggerMarks}`);
    const marked = (await page.locator("#article-view mark.evidence").allInnerTexts()).join("");
    for (const ev of doc.events) {
      for (const e of ev.evidence) assert.ok(marked.includes(e.text.trim().slice(0, 20)), `evidence marked: ${e.text.slice(0, 30)}`);
    }
    assert.equal(await page.locator("#article-view").getAttribute("dir"), "rtl");
    assert.equal(await page.locator("#article-title").count(), 0, "the title is not repeated above the text");
    await shot("06-article-evidence-en");
  });

  await t.test("7. views are URLs: reload, Back and Forward restore them", async () => {
    await page.goto(`${base}?lang=en`);
    await ready();
    await page.selectOption("#filter-type", "AGREE");
    await ready();
    await page.selectOption("#filter-type", "CONSULT");
    await ready();
    const both = (await apiJson("api/events?type=AGREE,CONSULT&limit=0")).total;
    assert.equal(await eventsShown(), both, "multi-select: AGREE or CONSULT");
    assert.equal(await page.locator("#cf-type .chip").count(), 2);
    const first = page.locator("#event-list tbody tr.event-row").first();
    const id = await first.getAttribute("data-event-id");
    await first.click();
    await page.waitForSelector(`#event-panel .event-detail[data-event-id='${id}']`);
    assert.equal(urlParams().get("type"), "AGREE,CONSULT");
    assert.equal(urlParams().get("event"), id);
    await page.reload();
    await ready();
    await page.waitForSelector(`#event-panel .event-detail[data-event-id='${id}']`);
    assert.equal(await page.locator("#cf-type .chip").count(), 2, "filters restored");
    assert.equal(await eventsShown(), both);
    await page.goBack(); // before the event was opened
    await ready();
    assert.equal(urlParams().get("event"), null);
    await page.goBack(); // only AGREE
    await ready();
    assert.equal(urlParams().get("type"), "AGREE");
    assert.equal(await eventsShown(), (await apiJson("api/events?type=AGREE&limit=0")).total);
    await page.goForward();
    await ready();
    assert.equal(await eventsShown(), both);
    // The export links carry the same filters.
    const href = await page.locator("#export-links a[data-format='csv']").getAttribute("href");
    assert.match(href, /format=csv/);
    assert.match(href, /type=AGREE%2CCONSULT|type=AGREE,CONSULT/);
  });

  await t.test("8. keyboard: list rows are reachable and open with Enter", async () => {
    await page.goto(`${base}?lang=en`);
    await ready();
    const rows = page.locator("#event-list tbody tr.event-row");
    await rows.first().focus();
    await page.keyboard.press("ArrowDown");
    const second = await rows.nth(1).getAttribute("data-event-id");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.eventId), second);
    await page.keyboard.press("Enter");
    await page.waitForSelector(`#event-panel .event-detail[data-event-id='${second}']`);
  });

  await t.test("8. articles: a list with title search opens the article", async () => {
    await page.goto(`${base}?lang=en`);
    await ready();
    await page.click("#tab-articles");
    await page.waitForSelector("#article-list tbody tr.article-row");
    const docs = await apiJson("api/documents");
    assert.equal(await page.locator("#article-list tbody tr.article-row").count(), docs.total);
    const title = docs.documents[0].title;
    const word = title.split(/\s+/).find((w) => w.length >= 4 && !docs.documents[1].title.includes(w));
    await page.fill("#articles-q", word);
    await page.waitForFunction(() => document.querySelectorAll("#article-list tbody tr.article-row").length === 1);
    assert.equal(urlParams().get("aq"), word);
    await shot("09-articles-en");
    await page.locator("#article-list tbody tr.article-row").first().click();
    await page.waitForSelector("#article-view mark.evidence");
    assert.equal(await page.locator("#article-view").getAttribute("data-doc-id"), docs.documents[0].doc_id);
  });

  await t.test("paste box extracts and highlights at once", async () => {
    await page.click("#tab-paste");
    const text = readFileSync(join(shared, "corpus/seeds", `${SEEDS[1].id}.txt`), "utf8");
    await page.fill("#paste-text", text);
    await page.fill("#paste-date", SEEDS[1].pub_date);
    await page.click("#paste-submit");
    await page.waitForSelector("#paste-result mark.evidence", { timeout: 30_000 });
    const types = await page.locator("#paste-events .event-card .type-badge").evaluateAll((ns) => ns.map((n) => n.dataset.type));
    assert.ok(types.some((x) => ["AGREE", "CONSULT", "COOPERATE"].includes(x)), `a meeting or agreement: ${types.join(", ")}`);
    await page.locator("#paste-events .event-card").first().click();
    assert.ok(await page.locator("#paste-result mark.evidence.active").count() > 0);
    await shot("07-paste-box-en");
  });

  await t.test("6. Arabic: every label, actor, governorate, month and count in Arabic, right to left", async () => {
    await page.goto(`${base}?lang=en`);
    await ready();
    await page.click("#lang-toggle");
    await page.waitForFunction(() => document.documentElement.lang === "ar");
    await ready();
    assert.equal(await page.getAttribute("html", "dir"), "rtl");
    assert.equal(await page.locator("#tab-explore").innerText(), "استكشاف");
    assert.equal(urlParams().get("lang"), "ar");
    const counts = await page.locator("#counts").innerText();
    assert.match(counts, /حدث|أحداث|حدثًا|حدثان/, counts);
    assert.doesNotMatch(counts, /events/);
    const listText = await page.locator("#event-list tbody").innerText();
    assert.match(listText, /الحوثي|القاعدة/, "actor names in Arabic");
    assert.match(listText, /(يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر)/, "month names in Arabic");
    assert.doesNotMatch(listText, /Houthi|AQAP|ASSAULT|AGREE/, "no English actor or type names");
    const govOptions = await page.locator("#filter-admin1 option").allInnerTexts();
    assert.ok(govOptions.includes("أمانة العاصمة") && govOptions.includes("إب") && govOptions.includes("صعدة"),
      "the gazetteer's Arabic governorate spellings");
    const labels = await page.locator("#graph .graph-label").allTextContents();
    assert.ok(labels.some((l) => /[\u0600-\u06FF]/.test(l)), "graph labels in Arabic");
    const ticks = await page.locator("#timeline .x-axis .tick text").allTextContents();
    assert.ok(ticks.some((x) => /[\u0600-\u06FF]/.test(x)), `timeline months in Arabic: ${ticks.join(" | ")}`);
    await page.waitForTimeout(300);
    await shot("01-overview-ar");
    await page.locator("#event-list tbody tr.event-row").first().click();
    await page.waitForSelector("#event-panel .event-detail");
    assert.match(await page.locator("#event-panel .sources-count").innerText(), /المصادر: (مصدر واحد|مصدران|\d+ مصادر)/);
    await shot("05-event-panel-ar");
    await page.locator("#event-panel button.open-article").first().click();
    await page.waitForSelector("#article-view mark.evidence.active");
    await shot("06-article-evidence-ar");
    await page.goto(`${base}?lang=ar&tab=actor&actor_page=houthis`);
    await page.waitForSelector("#actor-page .actor-name");
    assert.match(await page.locator("#actor-page .actor-name").innerText(), /الحوثي/);
    await shot("04-actor-page-ar");
    await page.goto(`${base}?lang=ar&admin1=YE13`);
    await ready();
    await shot("02-governorate-ar");
    await page.goto(`${base}?lang=ar&axis=wide&from=2022-01-01&to=2022-12-31`);
    await ready();
    assert.equal(await page.locator("#axis-toggle").count(), 1);
    await shot("03-timeline-brushed-ar");
    await page.goto(`${base}?lang=ar&tab=articles`);
    await page.waitForSelector("#article-list tbody tr.article-row");
    assert.equal(await page.locator("#tab-articles").innerText(), "المقالات");
    assert.match(await page.locator("#articles-count").innerText(), /مقال/);
    await shot("09-articles-ar");
    await page.goto(`${base}?lang=ar&tab=paste`);
    await ready();
    await shot("07-paste-box-ar");
    // Narrow screen: the event panel is a sheet over the page.
    await page.setViewportSize({ width: 700, height: 900 });
    await page.goto(`${base}?lang=ar`);
    await ready();
    await page.locator("#event-list tbody tr.event-row").first().click();
    await page.waitForSelector("#event-panel .event-detail");
    const sheet = await page.locator("#panel-card").boundingBox();
    assert.ok(sheet.y < 900 && sheet.y + 100 < 900, "the panel is on screen on a narrow window");
    await page.screenshot({ path: join(outDir, "08-narrow-ar.png") });
    await page.click("#panel-close");
    await page.setViewportSize({ width: 1440, height: 1000 });
  });

  await t.test("nothing was fetched from outside the server and no script failed under the CSP", () => {
    assert.deepEqual(outsideRequests, []);
    assert.deepEqual(pageErrors, []);
  });
});
