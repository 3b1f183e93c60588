// Layout checks on a model's diagram (BPMN DI), run by lint.js after bpmnlint's rules.
// bpmnlint checks that shapes do not overlap; a diagram a supervisor can read needs more:
//
//   layout/orthogonal-edges    every sequence flow is drawn with horizontal and vertical segments
//   layout/edge-attached       a flow starts on its source shape and ends on its target shape
//   layout/no-overlapping-edges no two flows run along the same line, except the first segment of
//                              flows leaving one point or the last of flows meeting at one point
//   layout/edge-through-shape  a flow does not cross a shape that is neither its source nor target
//   layout/label-overlap       a label does not cover another label, a shape or a flow
//
// Expanded sub-processes are containers: flows run inside them, so they take part only as the
// source or target of a flow. Tolerances are in diagram pixels.
'use strict';

const TOLERANCE = 3;

function rect(bounds) {
  return { x: bounds.x, y: bounds.y, w: bounds.width, h: bounds.height };
}

function grow(r, d) {
  return { x: r.x - d, y: r.y - d, w: r.w + 2 * d, h: r.h + 2 * d };
}

function rectsOverlap(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function contains(r, p) {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

// Liang–Barsky: does the segment p–q enter the open rectangle r?
function segmentHitsRect(p, q, r) {
  const dx = q.x - p.x, dy = q.y - p.y;
  let t0 = 0, t1 = 1;
  const clips = [ [ -dx, p.x - r.x ], [ dx, r.x + r.w - p.x ], [ -dy, p.y - r.y ], [ dy, r.y + r.h - p.y ] ];
  for (const [ pp, qq ] of clips) {
    if (pp === 0) {
      if (qq <= 0) return false;
    } else {
      const t = qq / pp;
      if (pp < 0) { if (t > t1) return false; if (t > t0) t0 = t; } else { if (t < t0) return false; if (t < t1) t1 = t; }
    }
  }
  return t1 - t0 > 1e-9;
}

function segments(points) {
  const result = [];
  for (let i = 1; i < points.length; i++) result.push([ points[i - 1], points[i] ]);
  return result;
}

// Length along which two axis-parallel segments run on the same line (0 if they do not).
function collinearOverlap([ a, b ], [ c, d ]) {
  const horizontal = (p, q) => Math.abs(p.y - q.y) < 1;
  const vertical = (p, q) => Math.abs(p.x - q.x) < 1;
  if (horizontal(a, b) && horizontal(c, d) && Math.abs(a.y - c.y) < 1) {
    return Math.min(Math.max(a.x, b.x), Math.max(c.x, d.x)) - Math.max(Math.min(a.x, b.x), Math.min(c.x, d.x));
  }
  if (vertical(a, b) && vertical(c, d) && Math.abs(a.x - c.x) < 1) {
    return Math.min(Math.max(a.y, b.y), Math.max(c.y, d.y)) - Math.max(Math.min(a.y, b.y), Math.min(c.y, d.y));
  }
  return 0;
}

function checkLayout(definitions) {
  const problems = [];
  const report = (rule, element, message) =>
    problems.push({ id: element && element.id, elementName: element && element.name, category: 'error', rule, message });

  for (const diagram of definitions.diagrams || []) {
    const shapes = new Map(); // element id -> { element, rect, container }
    const edges = [];
    const labels = []; // { owner, rect, edge }
    for (const di of (diagram.plane && diagram.plane.planeElement) || []) {
      const element = di.bpmnElement;
      if (!element) continue;
      if (di.$type === 'bpmndi:BPMNShape' && di.bounds) {
        shapes.set(element.id, { element, rect: rect(di.bounds),
          container: element.$type === 'bpmn:SubProcess' && di.isExpanded !== false });
      } else if (di.$type === 'bpmndi:BPMNEdge') {
        edges.push({ element, points: (di.waypoint || []).map(p => ({ x: p.x, y: p.y })) });
      }
      if (di.label && di.label.bounds && element.name) {
        labels.push({ owner: element, rect: rect(di.label.bounds), edge: di.$type === 'bpmndi:BPMNEdge' });
      }
    }

    const flows = edges.filter(e => e.element.$type === 'bpmn:SequenceFlow' && e.points.length >= 2);
    // A boundary event's host counts as an end of the flows that leave the boundary event.
    const ends = flow => {
      const ids = [ flow.sourceRef && flow.sourceRef.id, flow.targetRef && flow.targetRef.id ];
      if (flow.sourceRef && flow.sourceRef.attachedToRef) ids.push(flow.sourceRef.attachedToRef.id);
      return new Set(ids.filter(Boolean));
    };

    for (const { element: flow, points } of flows) {
      for (const [ p, q ] of segments(points)) {
        if (Math.abs(p.x - q.x) >= 1 && Math.abs(p.y - q.y) >= 1) {
          report('layout/orthogonal-edges', flow, `segment (${p.x},${p.y})–(${q.x},${q.y}) is diagonal; draw flows with horizontal and vertical segments`);
          break;
        }
      }
      for (const [ end, point, which ] of [ [ flow.sourceRef, points[0], 'starts' ], [ flow.targetRef, points[points.length - 1], 'ends' ] ]) {
        const shape = end && shapes.get(end.id);
        if (shape && !contains(grow(shape.rect, TOLERANCE), point)) {
          report('layout/edge-attached', flow, `${which} at (${point.x},${point.y}), away from ${end.id}`);
        }
      }
      const own = ends(flow);
      for (const [ id, shape ] of shapes) {
        if (own.has(id) || shape.container) continue;
        if (segments(points).some(([ p, q ]) => segmentHitsRect(p, q, grow(shape.rect, -2)))) {
          report('layout/edge-through-shape', flow, `crosses ${id}`);
        }
      }
    }

    // Flows that leave one gateway point together (a fan-out) or arrive at one point together (a
    // merge) may share their first or last segment: that is how a branch is drawn.
    const same = (p, q) => Math.abs(p.x - q.x) < 1 && Math.abs(p.y - q.y) < 1;
    const shared = (a, si, b, ti) => {
      const sa = segments(a), sb = segments(b);
      return (si === 0 && ti === 0 && same(a[0], b[0]))
        || (si === sa.length - 1 && ti === sb.length - 1 && same(a[a.length - 1], b[b.length - 1]));
    };
    for (let i = 0; i < flows.length; i++) {
      for (let j = i + 1; j < flows.length; j++) {
        const a = flows[i].points, b = flows[j].points;
        const overlap = Math.max(0, ...segments(a).flatMap((s, si) =>
          segments(b).map((t, ti) => shared(a, si, b, ti) ? 0 : collinearOverlap(s, t))));
        if (overlap > TOLERANCE) {
          report('layout/no-overlapping-edges', flows[i].element, `runs along ${flows[j].element.id} for ${Math.round(overlap)} px`);
        }
      }
    }

    for (let i = 0; i < labels.length; i++) {
      const label = labels[i];
      for (let j = i + 1; j < labels.length; j++) {
        if (rectsOverlap(label.rect, labels[j].rect)) {
          report('layout/label-overlap', label.owner, `label covers the label of ${labels[j].owner.id}`);
        }
      }
      for (const [ id, shape ] of shapes) {
        if (shape.container || id === label.owner.id) continue;
        if (rectsOverlap(label.rect, shape.rect)) report('layout/label-overlap', label.owner, `label covers ${id}`);
      }
      for (const { element: flow, points } of flows) {
        if (flow === label.owner) continue;
        if (segments(points).some(([ p, q ]) => segmentHitsRect(p, q, label.rect))) {
          report('layout/label-overlap', label.owner, `label is crossed by ${flow.id}`);
        }
      }
    }
  }
  return problems;
}

module.exports = { checkLayout };
