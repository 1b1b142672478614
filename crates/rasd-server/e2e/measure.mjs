// Loads the web UI of a running `rasd serve` in headless Chromium and prints
// its first-contentful-paint and data-ready times (the `rasd-data-ready`
// performance mark: every view drawn from the API), cold cache, at 1440×1000.
//
//   node measure.mjs http://127.0.0.1:8080/ [runs=5]
//
// Optional: RASD_SHOTS=dir saves a screenshot of each language.
import { chromium } from "playwright-core";

const base = process.argv[2] || "http://127.0.0.1:8080/";
const runs = Number(process.argv[3] || 5);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const results = { en: [], ar: [] };
for (let i = 0; i < runs; i++) {
  for (const lang of ["en", "ar"]) {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await ctx.newPage();
    await page.goto(`${base}?lang=${lang}`);
    await page.waitForSelector("body[data-ready='1']", { timeout: 60_000 });
    const m = await page.evaluate(() => ({
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
      ready: performance.getEntriesByName("rasd-data-ready")[0]?.startTime,
    }));
    results[lang].push(m);
    if (process.env.RASD_SHOTS && i === 0) {
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${process.env.RASD_SHOTS}/measure-${lang}.png` });
    }
    await ctx.close();
  }
}
await browser.close();
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [lang, rs] of Object.entries(results)) {
  console.log(`${lang}: first paint median ${median(rs.map((r) => r.fcp)).toFixed(0)} ms, data ready median ${median(rs.map((r) => r.ready)).toFixed(0)} ms ` +
    `(runs: ${rs.map((r) => `${r.fcp.toFixed(0)}/${r.ready.toFixed(0)}`).join(", ")})`);
}
