// End-to-end test of the rasd web UI.
//
// Starts `rasd serve` (RASD_BIN, default target/debug/rasd) on a fresh database,
// ingests the two seed articles from ../shared/corpus/seeds through
// POST /api/documents, and drives Debian's Chromium (playwright-core, no browser
// download) through the map, a filter, the event panel, the article view with
// highlighted evidence, the paste box and the language toggle. A screenshot of
// each state goes to RASD_E2E_OUT (default <repo>/test-output/e2e/).
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
const outDir = resolve(process.env.RASD_E2E_OUT || join(repo, "test-output/e2e"));
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const SEEDS = [
  { id: "000_e612bbc7fa9c1160", pub_date: "2022-05-12" },
  { id: "003_40851454dd59a699", pub_date: "2023-11-23" },
];

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

before(async () => {
  assert.ok(existsSync(bin), `rasd binary not found at ${bin} (build it, or set RASD_BIN)`);
  assert.ok(existsSync(chromiumPath), `Chromium not found at ${chromiumPath} (apt-get install chromium)`);
  mkdirSync(outDir, { recursive: true });
  work = mkdtempSync(join(tmpdir(), "rasd-e2e-"));
  const port = await freePort();
  base = `http://127.0.0.1:${port}/`;
  server = spawn(bin, ["serve", "--db", join(work, "rasd.db"), "--addr", `127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG || "warn" },
  });
  server.stdout.on("data", (d) => serverLog.push(String(d)));
  server.stderr.on("data", (d) => serverLog.push(String(d)));
  await waitForServer(base + "api/stats", 60_000);

  for (const s of SEEDS) {
    const text = readFileSync(join(shared, "corpus/seeds", `${s.id}.txt`), "utf8");
    const res = await fetch(base + "api/documents", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: s.id, text, pub_date: s.pub_date }),
    });
    const body = await res.json();
    assert.equal(res.status, 201, `ingest ${s.id}: ${JSON.stringify(body)}`);
  }

  // A fresh profile directory (playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(join(work, "chromium-profile"), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    locale: "en-US",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
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
  assert.ok(all.total > 0, "the seeds give events");

  await t.test("map shows governorates and event points", async () => {
    await page.goto(base);
    await page.waitForSelector("body[data-ready='1']", { timeout: 30_000 });
    const govs = await page.locator("#map path.governorate").count();
    assert.equal(govs, 22, "22 governorates drawn from the bundled GeoJSON");
    assert.ok(await page.locator("#map path.district").count() > 300, "district boundaries drawn");
    const points = await page.locator("#map path.event-point").count();
    const located = all.events.filter((e) => e.location && (e.location.lat != null || e.location.admin1_pcode)).length;
    const pts = await apiJson("api/events?view=points&limit=10000");
    assert.equal(pts.events.filter((p) => p.lat != null || p.admin1_pcode).length, located);
    assert.ok(located > 0, "some seed events have a place");
    assert.equal(points, located, "one point per located event");
    // Sana'a City is shaded: it has events.
    const shaded = await page.locator("#map path.governorate[data-pcode='YE13']").getAttribute("data-events");
    assert.ok(Number(shaded) > 0, "Sana'a City has events");
    assert.ok(await page.locator("#timeline rect.bar").count() > 0, "timeline bars");
    assert.ok(await page.locator("#graph .graph-node[data-actor='houthis']").count() === 1, "houthis in the graph");
    assert.ok(await page.locator("#graph .graph-node[data-actor='aqap']").count() === 1, "aqap in the graph");
    await page.waitForTimeout(800); // let the force layout settle for the picture
    await shot("01-overview");
  });

  await t.test("a governorate filter drives the list, the map and the graph", async () => {
    const expected = await apiJson("api/events?admin1=YE13&limit=10000");
    assert.ok(expected.total > 0 && expected.total < all.total, "YE13 is a proper subset");
    await page.selectOption("#filter-admin1", "YE13");
    await page.waitForFunction((n) => document.body.dataset.events === String(n), expected.total);
    const rows = await page.locator("#event-list tbody tr.event-row").count();
    assert.equal(rows, Math.min(expected.total, 50));
    const points = await page.locator("#map path.event-point").count();
    assert.equal(points, expected.total, "the map shows only the filtered events");
    await page.waitForTimeout(800);
    await shot("02-filter-sanaa");
  });

  await t.test("an event opens in the panel and its evidence is highlighted in the article", async () => {
    await page.locator("#event-list tbody tr.event-row").first().click();
    await page.waitForSelector("#event-panel .event-detail");
    const panelText = await page.locator("#event-panel").innerText();
    assert.match(panelText, /ACLED/);
    assert.ok(await page.locator("#event-panel .sources li").count() >= 1, "at least one source");
    await shot("03-event-panel");

    await page.locator("#event-panel button.open-article").first().click();
    await page.waitForSelector("#article-view mark.evidence.active");
    const docId = await page.locator("#article-view").getAttribute("data-doc-id");
    assert.ok(SEEDS.some((s) => s.id === docId), `article is a seed (${docId})`);
    const doc = await apiJson(`api/documents/${docId}`);
    // Every evidence span of the document is marked, and the marked text is the evidence.
    const marked = (await page.locator("#article-view mark.evidence").allInnerTexts()).join("");
    for (const ev of doc.events) {
      for (const e of ev.evidence) assert.ok(marked.includes(e.text.trim().slice(0, 20)), `evidence marked: ${e.text.slice(0, 30)}`);
    }
    assert.equal(await page.locator("#article-view").getAttribute("dir"), "rtl");
    assert.ok(await page.locator("#article-events .event-card.active").count() === 1, "coded fields beside the text");
    await shot("04-article-evidence");
  });

  await t.test("the paste box extracts and highlights at once", async () => {
    await page.click("#tab-paste");
    const text = readFileSync(join(shared, "corpus/seeds", `${SEEDS[1].id}.txt`), "utf8");
    await page.fill("#paste-text", text);
    await page.fill("#paste-date", SEEDS[1].pub_date);
    await page.click("#paste-submit");
    await page.waitForSelector("#paste-result mark.evidence", { timeout: 30_000 });
    const cards = await page.locator("#paste-events .event-card").count();
    assert.ok(cards > 0, "events shown");
    const types = await page.locator("#paste-events .event-card .type-badge").allInnerTexts();
    assert.ok(types.some((x) => x.includes("AGREE") || x.includes("CONSULT") || x.includes("COOPERATE")),
      `the Houthi–AQAP article yields a meeting or agreement: ${types.join(", ")}`);
    await page.locator("#paste-events .event-card").first().click();
    assert.ok(await page.locator("#paste-result mark.evidence.active").count() > 0);
    await shot("05-paste-box");
  });

  await t.test("the interface switches to Arabic, right to left", async () => {
    await page.click("#tab-explore");
    await page.click("#filter-reset");
    await page.click("#lang-toggle");
    await page.waitForFunction(() => document.documentElement.lang === "ar");
    assert.equal(await page.getAttribute("html", "dir"), "rtl");
    assert.equal(await page.locator("#tab-explore").innerText(), "استكشاف");
    await page.waitForFunction((n) => document.body.dataset.events === String(n), all.total);
    await page.waitForTimeout(800);
    await shot("06-arabic");
  });

  await t.test("nothing was fetched from outside the server and no script failed", () => {
    assert.deepEqual(outsideRequests, []);
    assert.deepEqual(pageErrors, []);
  });
});
