// Drives a headless Chromium over the DevTools protocol through the hawtio console: the route tree, three route
// diagrams and one route's source. Run by bench/hawtio-screenshots.sh (Node 20+, --experimental-websocket).
const [debugPort, consoleUrl, outDir] = process.argv.slice(2);
const ROUTES = ['tab-request', 'race-poll', 'import-day'];
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function page() {
  for (let i = 0; i < 50; i++) {
    try {
      const targets = await (await fetch(`http://127.0.0.1:${debugPort}/json/list`)).json();
      const target = targets.find(t => t.type === 'page');
      if (target) return target.webSocketDebuggerUrl;
    } catch (e) { /* not up yet */ }
    await sleep(200);
  }
  throw new Error('no Chromium page to drive');
}

const ws = new WebSocket(await page());
await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
let nextId = 1;
const pending = new Map();
ws.onmessage = event => {
  const message = JSON.parse(event.data);
  if (message.id && pending.has(message.id)) {
    pending.get(message.id)(message);
    pending.delete(message.id);
  }
};
const send = (method, params = {}) => new Promise(resolve => {
  const id = nextId++;
  pending.set(id, resolve);
  ws.send(JSON.stringify({ id, method, params }));
});
const evaluate = async expression =>
  (await send('Runtime.evaluate', { expression, returnByValue: true })).result?.result?.value;
async function until(what, expression, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await evaluate(expression)) return;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}
async function screenshot(name) {
  const shot = await send('Page.captureScreenshot', { format: 'png' });
  const { writeFileSync } = await import('node:fs');
  writeFileSync(`${outDir}/${name}.png`, Buffer.from(shot.result.data, 'base64'));
  console.log(`${outDir}/${name}.png`);
}
const routeNode = route =>
  `document.getElementById('org.apache.camel-folder-CamelContexts-folder-raceday-ingest-folder-routes-folder-${route}-folder')`;
const clickText = text => `(() => { const el = [...document.querySelectorAll('button, a, span')]
  .find(e => e.textContent.trim() === ${JSON.stringify(text)}); if (el) { el.click(); return true; } return false; })()`;

await send('Page.enable');
await send('Emulation.setDeviceMetricsOverride', { width: 1600, height: 1000, deviceScaleFactor: 1, mobile: false });
await send('Page.navigate', { url: `${consoleUrl}camel/contexts` });
await until('the Camel route tree', `!!${routeNode(ROUTES[0])}`, 60000);
await sleep(1500);
await screenshot('route-tree');
for (const route of ROUTES) {
  // select the node (its text), not its expand toggle
  await evaluate(`(${routeNode(route)}.querySelector('.pf-v5-c-tree-view__node-text')
    || ${routeNode(route)}.querySelector('.pf-v5-c-tree-view__node')).click()`);
  await until(`the ${route} tabs`, clickText('Route Diagram'));
  await until(`the ${route} diagram`, `document.querySelectorAll('.react-flow__node').length > 0`);
  await sleep(2000);
  await screenshot(`diagram-${route}`);
}
await until('the Source tab', clickText('Source'));
await until('the Monaco editor', `!!document.querySelector('.monaco-editor .view-lines')`);
await sleep(1500);
await screenshot(`source-${ROUTES[ROUTES.length - 1]}`);
ws.close();
process.exit(0);
