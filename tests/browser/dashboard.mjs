// Opens the dashboard served over the bundled sample in headless Chromium and checks what a
// person sees: one bar per region with a GDP-growth target, and a fact click that lands on its
// highlighted sentence. Screenshots go to target/screenshots/.
// usage: node dashboard.mjs BASE_URL SCREENSHOT_DIR
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const [base, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
let failed = 0, passed = 0;
function check(name, ok, detail = "") {
  if (ok) { passed++; console.log(`ok - ${name}`); }
  else { failed++; console.log(`not ok - ${name} ${detail}`); }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

  const query = "code=gdp_growth&kind=target&year=2025";
  const api = await (await page.request.get(`${base}/api/compare?${query}`)).json();
  await page.goto(`${base}/compare?${query}`);
  const regional = api.filter(r => r.region !== "全国");
  const bars = await page.locator("svg.chart rect.bar").count();
  check("compare chart has one bar per region of the API", bars === regional.length, `${bars} bars, ${regional.length} rows`);
  const heights = await page.locator("svg.chart rect.bar").evaluateAll(els => els.map(e => parseFloat(e.dataset.value)));
  check("the bars stand highest first", heights.every((v, i) => i === 0 || heights[i - 1] >= v), JSON.stringify(heights));
  await page.waitForSelector("#map[data-drawn]", { timeout: 15000 });
  const drawn = parseInt(await page.locator("#map").getAttribute("data-drawn"), 10);
  check("the map colours one province per region of the API", drawn === regional.length, `${drawn} provinces, ${regional.length} rows`);
  const tip = await page.evaluate(() => {
    const box = document.getElementById("map");
    echarts.getInstanceByDom(box).dispatchAction({ type: "showTip", seriesIndex: 0, name: "河南" });
    return Array.from(box.querySelectorAll("div")).map(d => d.innerText).find(t => t.includes("河南") && t.includes("。")) || "";
  });
  const henan = api.find(r => r.region === "河南");
  check("a province's tooltip gives its figure and sentence", henan && tip.includes(henan.sentence.slice(0, 12)), tip);
  const regions = await page.locator("svg.chart rect.bar").evaluateAll(els => els.map(e => e.dataset.region).sort());
  check("the sample's GDP-growth targets are five regions", JSON.stringify(regions) === JSON.stringify(["四川", "山东", "广东", "江苏", "河南"].sort()), JSON.stringify(regions));
  await page.screenshot({ path: `${shots}/compare.png`, fullPage: true });

  // Sorting by value (JavaScript) puts the largest last after one click.
  await page.locator("th", { hasText: "value" }).click();
  const sorted = await page.locator("table.sortable tbody tr td[data-value]").evaluateAll(tds => tds.map(t => parseFloat(t.dataset.value)));
  check("clicking a header sorts the table", sorted.every((v, i) => i === 0 || sorted[i - 1] <= v), JSON.stringify(sorted));

  await page.goto(`${base}/facts?region=${encodeURIComponent("山西")}&kind=estimate`);
  const link = page.locator("a.factlink").first();
  const href = await link.getAttribute("href");
  await link.click();
  await page.waitForURL(/\/doc\/\d+#fact-\d+$/);
  const id = href.split("#")[1];
  const fact = page.locator(`#${id}`);
  await fact.waitFor();
  const state = await fact.evaluate(el => {
    const r = el.getBoundingClientRect();
    return { focus: el.classList.contains("focus"), inView: r.top >= 0 && r.bottom <= window.innerHeight,
      background: getComputedStyle(el).backgroundColor, text: el.textContent,
      sentence: el.parentElement.textContent };
  });
  check("clicking a fact lands on the document page with the fact focused", state.focus, JSON.stringify(state));
  check("the fact is scrolled into view", state.inView, JSON.stringify(state));
  check("the fact is highlighted", state.background !== "rgba(0, 0, 0, 0)", state.background);
  check("the fact sits in its sentence", state.sentence.includes(state.text) && state.text.length > 0, state.text);
  await page.screenshot({ path: `${shots}/document.png` });

  await page.goto(`${base}/search?q=${encodeURIComponent("绿证")}`);
  check("search highlights the query", (await page.locator("ol.hits mark").count()) >= 1);
  await page.screenshot({ path: `${shots}/search.png` });

  // The report card: last year's target against its result, this year's target, and the
  // cell two documents disagree on, with both sentences.
  await page.goto(`${base}/card?region=${encodeURIComponent("河南")}&year=2026`);
  const growth = page.locator('tr[data-code="gdp_growth"]');
  check("the card judges last year's growth target met", (await growth.locator("td.status").innerText()) === "met");
  const figures = await growth.locator("td.figure a.factlink").count();
  check("each figure on the card links to its sentence", figures >= 3, `${figures} links`);
  check("the disputed cell is flagged", (await growth.locator("td.figure.conflict").count()) === 1);
  await growth.locator("td.conflict details summary").click();
  const note = await growth.locator("td.conflict details").innerText();
  check("the flag shows the other document's sentence", note.includes("5.5%左右") && note.includes("roundup-2026-press.txt"), note);
  await page.screenshot({ path: `${shots}/card.png`, fullPage: true });
  await page.goto(`${base}/compare?code=gdp_growth&kind=target&year=2026`);
  await page.waitForSelector("#map[data-drawn]", { timeout: 15000 });
  check("compare flags the disputed cell", (await page.locator("tr.conflict").count()) === 1);
  await page.screenshot({ path: `${shots}/map.png`, fullPage: true });

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  for (const [name, path] of [["card", `/card?region=${encodeURIComponent("河南")}&year=2026`], ["map", `/compare?${query}`]]) {
    await phone.goto(`${base}${path}`);
    if (name === "map") await phone.waitForSelector("#map[data-drawn]", { timeout: 15000 });
    const wide = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(`${name} fits a phone-width window`, wide <= 1, `${wide}px too wide`);
    await phone.screenshot({ path: `${shots}/${name}-phone.png`, fullPage: true });
  }
  await phone.goto(`${base}/compare?${query}`);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check("compare fits a phone-width window", overflow <= 1, `${overflow}px too wide`);
  await phone.screenshot({ path: `${shots}/compare-phone.png`, fullPage: true });
  await phone.goto(`${base}/track?code=gdp_growth`);
  await phone.screenshot({ path: `${shots}/track-phone.png`, fullPage: true });
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
