#!/usr/bin/env node
// Lints BPMN files with bpmnlint's documented API (Linter + NodeResolver):
//
//   node ops/bpmnlint/lint.js <config.json> <file.bpmn>...
//
// It does what `bpmnlint --config <config> --max-warnings=0 <files>` does (import warnings and
// parse errors count as errors; warnings fail too), with one difference that is why it exists:
// every problem names its rule. The bpmnlint CLI prints a report's `name` in the rule column,
// and the camunda-compat rules put the element's name there, so on a model whose elements all
// have names the CLI never says which Camunda rule failed. It also runs the layout checks of
// layout.js on each diagram (flows drawn square, no flow along another, labels clear).
//
// Exit status: 0 no problems, 1 problems, 2 the linter could not run.
'use strict';

const { readFile } = require('node:fs/promises');
const { createRequire } = require('node:module');
const path = require('node:path');

const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const { checkLayout } = require('./layout');

// Rules, configs and moddle extensions resolve from this folder's node_modules, whatever the
// working directory; bpmn-moddle is the copy bpmnlint itself depends on.
const localRequire = createRequire(__filename);
const { BpmnModdle } = createRequire(require.resolve('bpmnlint'))('bpmn-moddle');

function stop(message) {
  console.error(`bpmnlint: ${message}`);
  process.exit(2);
}

function pathString(segments) {
  return segments.map((s, i) => typeof s === 'number' ? `[${s}]` : (i ? `.${s}` : s)).join('');
}

async function lintFile(file, config, moddle) {
  const problems = [];
  let root;
  try {
    const { rootElement, warnings = [] } = await moddle.fromXML(await readFile(file, 'utf-8'));
    root = rootElement;
    for (const w of warnings) {
      problems.push({ id: w.element && w.element.id, category: 'error', rule: 'bpmn-import',
        message: 'Import warning: ' + w.message.split(/\n/)[0] });
    }
  } catch (e) {
    if (e.code === 'ENOENT' || e.code === 'EACCES') stop(`cannot read ${file}: ${e.message}`);
    return [ { category: 'error', rule: 'bpmn-parse', message: 'Parse error: ' + e.message.split(/\n/)[0] } ];
  }

  const linter = new Linter({ config, resolver: new NodeResolver({ require: localRequire }) });
  const results = await linter.lint(root);
  for (const [ rule, reports ] of Object.entries(results)) {
    for (const r of reports) {
      problems.push({
        id: r.id && r.path && r.path.length ? `${r.id}#${pathString(r.path)}` : r.id,
        elementName: r.name,
        category: r.category === 'warn' ? 'warning' : r.category,
        rule,
        message: r.message
      });
    }
  }
  problems.push(...checkLayout(root));
  return problems;
}

async function main() {
  const [ configPath, ...files ] = process.argv.slice(2);
  if (!configPath || !files.length) stop('usage: lint.js <config.json> <file.bpmn>...');

  let config;
  try {
    config = JSON.parse(await readFile(configPath, 'utf-8'));
  } catch (e) {
    stop(`cannot read the config ${configPath}: ${e.message}`);
  }

  const extensions = {};
  for (const [ prefix, module ] of Object.entries(config.moddleExtensions || {})) {
    try {
      extensions[prefix] = localRequire(module);
    } catch (e) {
      stop(`cannot load the moddle extension ${prefix} from ${module}: ${e.message}`);
    }
  }
  const moddle = new BpmnModdle(extensions);

  let errors = 0, others = 0;
  for (const file of files) {
    const relative = path.relative(process.cwd(), file);
    const shown = relative && !relative.startsWith('..') ? relative : file;
    let problems;
    try {
      problems = await lintFile(file, config, moddle);
    } catch (e) {
      stop(`could not lint ${shown}: ${e.message}`);
    }
    for (const p of problems) {
      if (p.category === 'error') errors++; else others++;
      const where = [ p.id, p.elementName && `"${p.elementName}"` ].filter(Boolean).join(' ') || '(file)';
      console.log(`${shown}: ${where}: ${p.category}: ${p.message} [${p.rule}]`);
    }
  }

  if (errors + others) {
    console.log(`✖ ${errors + others} problem(s): ${errors} error(s), ${others} warning(s) or other`);
    process.exit(1);
  }
}

main().catch(e => stop(e && e.stack || String(e)));
