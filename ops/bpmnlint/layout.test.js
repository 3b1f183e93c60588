// Tests of the layout checks (node --test), run by ops/lint-models before it lints the models.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const { createRequire } = require('node:module');
const { checkLayout } = require('./layout');

const { BpmnModdle } = createRequire(require.resolve('bpmnlint'))('bpmn-moddle');

// A start event, a gateway that forks to two tasks, each task to its own end: the shapes are
// fixed, each test draws the flows (and labels) its own way.
const SHAPES = {
  start: [ 100, 182, 36, 36 ], fork: [ 200, 175, 50, 50 ],
  a: [ 320, 160, 100, 80 ], b: [ 320, 300, 100, 80 ],
  endA: [ 500, 182, 36, 36 ], endB: [ 500, 322, 36, 36 ]
};
const KINDS = { start: 'startEvent', fork: 'exclusiveGateway', a: 'task', b: 'task', endA: 'endEvent', endB: 'endEvent' };
const FLOWS = { f1: [ 'start', 'fork' ], f2: [ 'fork', 'a' ], f3: [ 'fork', 'b' ], f4: [ 'a', 'endA' ], f5: [ 'b', 'endB' ] };
const SQUARE = {
  f1: [ [ 136, 200 ], [ 200, 200 ] ],
  f2: [ [ 250, 200 ], [ 320, 200 ] ],
  f3: [ [ 225, 225 ], [ 225, 340 ], [ 320, 340 ] ],
  f4: [ [ 420, 200 ], [ 500, 200 ] ],
  f5: [ [ 420, 340 ], [ 500, 340 ] ]
};

function model({ edges = {}, labels = {}, names = {} } = {}) {
  const drawn = { ...SQUARE, ...edges };
  const name = id => names[id] ? ` name="${names[id]}"` : '';
  const bounds = ([ x, y, w, h ]) => `<dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}" />`;
  const label = id => labels[id] ? `<bpmndi:BPMNLabel>${bounds(labels[id])}</bpmndi:BPMNLabel>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
    xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    ${Object.entries(KINDS).map(([ id, kind ]) => `<bpmn:${kind} id="${id}"${name(id)} />`).join('\n    ')}
    ${Object.entries(FLOWS).map(([ id, [ s, t ] ]) => `<bpmn:sequenceFlow id="${id}"${name(id)} sourceRef="${s}" targetRef="${t}" />`).join('\n    ')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="plane" bpmnElement="p">
    ${Object.entries(SHAPES).map(([ id, b ]) => `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}">${bounds(b)}${label(id)}</bpmndi:BPMNShape>`).join('\n    ')}
    ${Object.entries(drawn).map(([ id, pts ]) => `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">${pts.map(([ x, y ]) => `<di:waypoint x="${x}" y="${y}" />`).join('')}${label(id)}</bpmndi:BPMNEdge>`).join('\n    ')}
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

async function problems(options) {
  const { rootElement, warnings } = await new BpmnModdle().fromXML(model(options));
  assert.deepStrictEqual(warnings, []);
  return checkLayout(rootElement).map(p => `${p.rule} ${p.id}: ${p.message}`);
}

test('a square diagram with clear labels passes', async () => {
  assert.deepStrictEqual(await problems({
    names: { fork: 'Which?', f3: 'other' },
    labels: { fork: [ 200, 150, 50, 14 ], f3: [ 230, 280, 40, 14 ] }
  }), []);
});

test('a diagonal flow is reported', async () => {
  const found = await problems({ edges: { f3: [ [ 225, 225 ], [ 320, 340 ] ] } });
  assert.deepStrictEqual(found, [ 'layout/orthogonal-edges f3: segment (225,225)–(320,340) is diagonal; draw flows with horizontal and vertical segments' ]);
});

test('a flow that does not start on its source is reported', async () => {
  const found = await problems({ edges: { f4: [ [ 440, 200 ], [ 500, 200 ] ] } });
  assert.deepStrictEqual(found, [ 'layout/edge-attached f4: starts at (440,200), away from a' ]);
});

test('a flow running along another is reported, a shared fan-out trunk is not', async () => {
  // f3 leaves the gateway's bottom like a fan-out branch would: allowed.
  assert.deepStrictEqual(await problems({ edges: { f3: [ [ 225, 225 ], [ 225, 340 ], [ 320, 340 ] ] } }), []);
  // f5 detours along f3's last-but-one segment: not allowed.
  const found = await problems({ edges: { f5: [ [ 420, 340 ], [ 440, 340 ], [ 440, 420 ], [ 225, 420 ], [ 225, 300 ], [ 230, 300 ],
    [ 230, 440 ], [ 518, 440 ], [ 518, 358 ] ] } });
  assert.ok(found.some(p => p.startsWith('layout/no-overlapping-edges f3: runs along f5')), found.join('\n'));
});

test('a flow through a shape that is not its end is reported', async () => {
  const found = await problems({ edges: { f3: [ [ 225, 175 ], [ 225, 140 ], [ 370, 140 ], [ 370, 300 ] ] } });
  assert.deepStrictEqual(found, [ 'layout/edge-through-shape f3: crosses a' ]);
});

test('a label over a shape, a label or a flow is reported', async () => {
  const found = await problems({
    names: { fork: 'Which?', f3: 'other', endA: 'Done' },
    labels: { fork: [ 300, 150, 50, 14 ], f3: [ 255, 195, 40, 14 ], endA: [ 480, 222, 60, 14 ] }
  });
  assert.deepStrictEqual(found.sort(), [
    'layout/label-overlap f3: label is crossed by f2',
    'layout/label-overlap fork: label covers a'
  ]);
});
