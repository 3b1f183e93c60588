// Renders BPMN files to PNG with bpmn-js's viewer in headless Chromium (Debian's package).
// Usage: node render.js <out-dir> <file.bpmn>...
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const viewer = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');
const assets = path.join(path.dirname(viewer), 'assets');
const css = ['diagram-js.css', 'bpmn-js.css', 'bpmn-font/css/bpmn.css']
  .map((f) => fs.readFileSync(path.join(assets, f), 'utf8')).join('\n');

async function main() {
  const [outDir, ...files] = process.argv.slice(2);
  if (!outDir || files.length === 0) {
    console.error('usage: node render.js <out-dir> <file.bpmn>...');
    process.exit(2);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const file of files) {
      const xml = fs.readFileSync(file, 'utf8');
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
      await page.setContent(`<html><head><style>${css}
        html, body, #canvas { margin: 0; width: 100%; height: 100%; background: white; }</style></head>
        <body><div id="canvas"></div></body></html>`);
      await page.addScriptTag({ path: viewer });
      const box = await page.evaluate(async (diagram) => {
        const v = new BpmnJS({ container: '#canvas' });
        const { warnings } = await v.importXML(diagram);
        if (warnings.length) throw new Error(warnings.map((w) => w.message).join('; '));
        const canvas = v.get('canvas');
        const inner = canvas.viewbox().inner;
        return { x: inner.x, y: inner.y, width: inner.width, height: inner.height };
      }, xml);
      const margin = 20;
      await page.setViewportSize({ width: Math.ceil(box.width + 2 * margin), height: Math.ceil(box.height + 2 * margin) });
      await page.evaluate(({ b, m }) => {
        const svg = document.querySelector('#canvas svg');
        const vp = svg.querySelector('.viewport');
        vp.setAttribute('transform', `matrix(1,0,0,1,${m - b.x},${m - b.y})`);
      }, { b: box, m: margin });
      const out = path.join(outDir, path.basename(file).replace(/\.bpmn$/, '.png'));
      await page.screenshot({ path: out, fullPage: true });
      console.log(`rendered ${file} -> ${out} (${Math.round(box.width)}x${Math.round(box.height)})`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => { console.error(e.message || e); process.exit(1); });
