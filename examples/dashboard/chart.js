// The live chart: mentions and complaints per time bucket as bars, mean sentiment as a line,
// drawn as inline SVG from /api/summary data (numbers and dates only).
import { $, formatNumber, formatTime, svg } from './dom.js';

export function drawChart(summary) {
  const box = $('chart');
  const W = 480;
  const H = 200;
  const m = { l: 34, r: 34, t: 10, b: 28 };
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'aria-label': 'mentions, complaints and mean sentiment over time',
  });
  const b = summary.buckets;
  if (b.length === 0) {
    const t = svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'axis-label' });
    t.textContent = 'no data yet';
    root.append(t);
    box.replaceChildren(root);
    return;
  }
  const iw = W - m.l - m.r;
  const ih = H - m.t - m.b;
  const max = Math.max(1, ...b.map((x) => x.count));
  const step = iw / b.length;
  const bw = Math.max(1, step * 0.8);
  const y = (v) => m.t + ih - (v / max) * ih;
  const ys = (s) => m.t + ((1 - s) / 2) * ih; // sentiment -1..1
  root.append(svg('line', { x1: m.l, x2: m.l + iw, y1: ys(0), y2: ys(0), class: 'zero' }));
  b.forEach((x, i) => {
    const bx = m.l + i * step + (step - bw) / 2;
    const all = svg('rect', { x: bx, y: y(x.count), width: bw, height: m.t + ih - y(x.count), class: 'bar-mentions' });
    const title = svg('title');
    title.textContent = `${formatTime(x.start, summary.bucketMinutes >= 1440)}: ${x.count} mentions, ${x.complaints} complaints, mean sentiment ${x.meanSentiment.toFixed(2)}`;
    all.append(title);
    root.append(all);
    if (x.complaints > 0)
      root.append(
        svg('rect', {
          x: bx,
          y: y(x.complaints),
          width: bw,
          height: m.t + ih - y(x.complaints),
          class: 'bar-complaints',
        }),
      );
  });
  const pts = b
    .map((x, i) => (x.count > 0 ? `${(m.l + i * step + step / 2).toFixed(1)},${ys(x.meanSentiment).toFixed(1)}` : null))
    .filter(Boolean);
  if (pts.length > 1) root.append(svg('polyline', { points: pts.join(' '), class: 'line-sentiment' }));
  for (const p of pts) {
    const [cx, cy] = p.split(',');
    root.append(svg('circle', { cx, cy, r: 2.2, class: 'dot-sentiment' }));
  }
  const label = (x, yv, text, anchor) => {
    const t = svg('text', { x, y: yv, 'text-anchor': anchor, class: 'axis-label' });
    t.textContent = text;
    root.append(t);
  };
  label(m.l - 4, m.t + 8, formatNumber(max), 'end');
  label(m.l - 4, m.t + ih, '0', 'end');
  label(m.l + iw + 4, m.t + 8, '+1', 'start');
  label(m.l + iw + 4, ys(0) + 3, '0', 'start');
  label(m.l + iw + 4, m.t + ih, '−1', 'start');
  const withDate = summary.bucketMinutes >= 1440 || b[0].start.slice(0, 10) !== b[b.length - 1].start.slice(0, 10);
  const ticks = Math.min(4, b.length);
  for (let k = 0; k < ticks; k++) {
    const i = ticks === 1 ? 0 : Math.round((k * (b.length - 1)) / (ticks - 1));
    const anchor = k === 0 ? 'start' : k === ticks - 1 ? 'end' : 'middle';
    const x = k === 0 ? m.l : k === ticks - 1 ? m.l + iw : m.l + i * step + step / 2;
    label(x, H - 8, formatTime(b[i].start, withDate), anchor);
  }
  box.replaceChildren(root);
}
