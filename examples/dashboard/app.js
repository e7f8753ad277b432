// webcare dashboard: renders the live triage queue from the server's event stream.
// Mention text is untrusted: everything from the feed goes through textContent or an attribute
// that cannot run code, never innerHTML (the server's Content-Security-Policy backs this up).
import { drawChart } from './chart.js';
import { $, el, formatMinutes, formatNumber, formatTime, safeHref } from './dom.js';

const PRIORITY_RANK = { P1: 0, P2: 1, P3: 2, P4: 3 };
const ADVICE = {
  'reply-publicly-then-dm': 'Reply publicly, then take it to a private message',
  'reply-publicly': 'Reply publicly',
  monitor: 'Monitor: no reply needed now',
  'do-not-engage': 'Do not engage',
};

const cards = new Map(); // id -> { data, node }
let order = []; // ids in triage order
const incidents = new Map(); // id -> { data, node }
const dismissed = new Set();
let connected = false;
let feedStatus = { state: 'starting', read: 0, skipped: 0 };

function compare(a, b) {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    Math.max(b.pilloryRisk, b.urgency) - Math.max(a.pilloryRisk, a.urgency) ||
    b.pilloryRisk - a.pilloryRisk ||
    b.urgency - a.urgency ||
    b.seq - a.seq
  );
}

function gauge(label, value) {
  const pct = Math.max(0, Math.min(1, Number(value) || 0));
  const level = pct >= 0.67 ? 'high' : pct >= 0.34 ? 'mid' : 'low';
  const fill = el('div', { class: 'fill' });
  fill.style.width = `${(pct * 100).toFixed(1)}%`;
  return el(
    'div',
    {
      class: `gauge ${level}`,
      role: 'meter',
      'aria-label': label,
      'aria-valuemin': 0,
      'aria-valuemax': 1,
      'aria-valuenow': pct.toFixed(2),
    },
    [
      el('span', { class: 'gauge-label', text: label }),
      el('div', { class: 'bar' }, [fill]),
      el('span', { class: 'gauge-value', text: pct.toFixed(2) }),
    ],
  );
}

function renderCard(c) {
  const p = c.priority.toLowerCase();
  const chips = [
    el('span', { class: `badge ${p}`, text: c.priority }),
    el('span', { class: 'sla', text: `reply within ${formatMinutes(c.respondWithinMinutes)}` }),
    el('span', { class: 'chip', text: c.language }),
    el('span', { class: `chip intent-${c.intent}`, text: c.isSpam ? 'spam' : c.intent }),
  ];
  for (const cat of c.complaint.categories.slice(0, 2))
    chips.push(el('span', { class: 'chip cat', text: cat.replace('_', ' ') }));
  if (c.complaint.isComplaint && c.complaint.severity !== 'none')
    chips.push(el('span', { class: 'chip sev', text: c.complaint.severity.replace(/_/g, ' ') }));
  if (c.team) chips.push(el('span', { class: 'team', text: `→ ${c.team}` }));
  const when = c.createdAt ? el('time', { datetime: c.createdAt, text: formatTime(c.createdAt, true) }) : null;

  const who = [];
  const a = c.author || {};
  if (a.handle) who.push(`@${String(a.handle).replace(/^@/, '')}`);
  if (a.name) who.push(a.name);
  if (a.verified) who.push('verified');
  if (typeof a.followers === 'number') who.push(`${formatNumber(a.followers)} followers`);
  who.push(`reach ~${formatNumber(c.reach.estimated)}`);
  if (c.source) who.push(c.source);
  const whoLine = el('p', { class: 'who' }, [el('span', { text: who.join(' · ') })]);
  const href = c.url ? safeHref(c.url) : undefined;
  if (href) {
    whoLine.append(' · ', el('a', { href, text: 'open', target: '_blank', rel: 'noopener noreferrer nofollow' }));
  }

  const reasons = el(
    'ul',
    { class: 'reasons' },
    c.reasons.map((r) => el('li', null, [el('code', { text: r.code }), el('span', { text: ` ${r.message}` })])),
  );
  const ids = c.identifiers.length
    ? el('p', { class: 'ids' }, [
        el('span', { text: `identifiers: ${c.identifiers.map((i) => `${i.type} ${i.value}`).join(', ')}` }),
      ])
    : null;
  const channel = c.channelFailure?.detected
    ? el('span', {
        class: 'chip warn',
        text: `tried ${c.channelFailure.channels.join(', ') || 'other channels'} first`,
      })
    : null;

  const assignee = el('span', { class: 'assignee', text: c.assignee ? `assigned to ${c.assignee}` : '' });
  const assignBtn = el('button', {
    type: 'button',
    class: 'assign',
    text: c.assignee ? 'reassign to me' : 'assign to me',
  });
  assignBtn.addEventListener('click', () => act(c.id, 'assign'));
  const doneBtn = el('button', { type: 'button', class: 'done', text: 'done' });
  doneBtn.addEventListener('click', () => act(c.id, 'done'));

  const node = el(
    'article',
    { class: `card ${p}${c.assignee ? ' assigned' : ''}`, 'data-id': c.id, 'data-priority': c.priority },
    [
      el('header', null, [el('div', { class: 'chips' }, chips), when]),
      el('p', { class: 'text', text: c.text }),
      whoLine,
      el('div', { class: 'gauges' }, [gauge('pillory', c.pilloryRisk), gauge('urgency', c.urgency)]),
      el('p', { class: `advice advice-${c.replyAdvice}` }, [
        el('span', { text: ADVICE[c.replyAdvice] || c.replyAdvice }),
        channel,
      ]),
      reasons,
      ids,
      el('footer', null, [assignee, el('div', { class: 'actions' }, [assignBtn, doneBtn])]),
    ],
  );
  return node;
}

function upsert(c, fresh) {
  const old = cards.get(c.id);
  if (old) {
    old.node.remove();
    order = order.filter((id) => id !== c.id);
  }
  const node = renderCard(c);
  if (fresh) node.classList.add('fresh');
  // Binary search for the insertion point in triage order.
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(cards.get(order[mid]).data, c) <= 0) lo = mid + 1;
    else hi = mid;
  }
  const before = order[lo] ? cards.get(order[lo]).node : null;
  $('queue').insertBefore(node, before);
  order.splice(lo, 0, c.id);
  cards.set(c.id, { data: c, node });
}

function remove(id) {
  const entry = cards.get(id);
  if (!entry) return;
  entry.node.remove();
  cards.delete(id);
  order = order.filter((x) => x !== id);
}

function refreshCounts() {
  const n = { P1: 0, P2: 0, P3: 0, P4: 0 };
  for (const { data } of cards.values()) n[data.priority] += 1;
  for (const k of Object.keys(n)) $(`count-${k}`).textContent = String(n[k]);
  $('empty').hidden = cards.size > 0;
  $('empty').textContent =
    feedStatus.state === 'finished' ? 'Queue empty: nothing left to answer.' : 'Waiting for mentions…';
}

function refreshStatus() {
  const s = feedStatus;
  const state = !connected
    ? 'reconnecting…'
    : s.state === 'finished'
      ? 'feed finished'
      : s.state === 'failed'
        ? 'feed failed'
        : 'live';
  const parts = [state, `${s.read} read`, `${s.skipped} skipped`];
  if (s.message) parts.push(s.message);
  $('status').textContent = parts.join(' · ');
  $('status').className = `status ${connected && s.state !== 'failed' ? 'ok' : 'bad'}`;
}

function renderIncident(inc) {
  if (dismissed.has(inc.id)) return;
  const old = incidents.get(inc.id);
  const sameDay = inc.firstAt.slice(0, 10) === inc.lastAt.slice(0, 10);
  const span = `${formatTime(inc.firstAt, true)} – ${formatTime(inc.lastAt, !sameDay)}`;
  const close = el('button', { type: 'button', class: 'dismiss', 'aria-label': 'dismiss', text: '×' });
  close.addEventListener('click', () => {
    dismissed.add(inc.id);
    incidents.get(inc.id)?.node.remove();
    incidents.delete(inc.id);
  });
  const node = el('div', { class: 'incident', role: 'alert', 'data-id': inc.id }, [
    el('strong', { text: `Possible incident: ${inc.category.replace('_', ' ')}` }),
    el('span', {
      text: ` ${inc.count} complaints, ${span} (${inc.threshold}+ within ${inc.windowMinutes} min${inc.detectedBy === 'monitor' ? ', from the monitor' : ''})`,
    }),
    close,
  ]);
  if (old) old.node.replaceWith(node);
  else $('incidents').prepend(node);
  incidents.set(inc.id, { data: inc, node });
}

let chartVersion = -1;
function refreshCategoryChart(totals) {
  // The server draws this one with the library's chart(); reload it only when complaints changed.
  if (totals.complaints === chartVersion) return;
  chartVersion = totals.complaints;
  $('category-chart').src = `/api/chart.svg?v=${totals.scored}`;
}

function renderSummary(summary) {
  drawChart(summary);
  refreshCategoryChart(summary.totals);
  const t = summary.totals;
  const rows = [
    ['scored', t.scored],
    ['complaints', t.complaints],
    ['open', t.open],
    ['done', t.done],
    ['skipped lines', t.skipped],
  ];
  if (t.evicted > 0) rows.push(['dropped (queue full)', t.evicted]);
  $('totals').replaceChildren(
    ...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: formatNumber(v) })]),
  );
  const cats = Object.entries(t.byCategory).sort((a, b) => b[1] - a[1]);
  const top = Math.max(1, ...cats.map((c) => c[1]));
  $('categories').replaceChildren(
    ...cats.map(([k, v]) => {
      const fill = el('div', { class: 'fill' });
      fill.style.width = `${((v / top) * 100).toFixed(1)}%`;
      return el('li', null, [
        el('span', { class: 'cat-name', text: k.replace('_', ' ') }),
        el('div', { class: 'bar' }, [fill]),
        el('span', { class: 'cat-n', text: String(v) }),
      ]);
    }),
  );
  for (const inc of summary.incidents) renderIncident(inc);
}

async function act(id, verb) {
  const body = {};
  if (verb === 'assign') {
    const me = $('me').value.trim();
    if (!me) {
      $('me').focus();
      $('me').classList.add('needed');
      return;
    }
    body.assignee = me;
  }
  const res = await fetch(`/api/cards/${encodeURIComponent(id)}/${verb}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  // The server broadcasts the change to every client, this one included; on 404 the card is
  // already gone (someone else closed it), so drop it here too.
  if (res.status === 404) {
    remove(id);
    refreshCounts();
  }
}

function connect() {
  const es = new EventSource('/events');
  es.addEventListener('open', () => {
    connected = true;
    refreshStatus();
  });
  es.addEventListener('error', () => {
    connected = false;
    refreshStatus();
  });
  es.addEventListener('snapshot', (e) => {
    const d = JSON.parse(e.data);
    for (const id of [...cards.keys()]) remove(id);
    for (const c of d.cards) upsert(c, false);
    for (const inc of d.incidents) renderIncident(inc);
    feedStatus = d.status;
    renderSummary(d.summary);
    refreshCounts();
    refreshStatus();
  });
  es.addEventListener('card', (e) => {
    upsert(JSON.parse(e.data), true);
    refreshCounts();
  });
  es.addEventListener('assign', (e) => {
    upsert(JSON.parse(e.data), false);
  });
  es.addEventListener('remove', (e) => {
    remove(JSON.parse(e.data).id);
    refreshCounts();
  });
  es.addEventListener('incident', (e) => renderIncident(JSON.parse(e.data)));
  es.addEventListener('status', (e) => {
    feedStatus = JSON.parse(e.data);
    refreshStatus();
    refreshCounts();
  });
  es.addEventListener('summary', (e) => renderSummary(JSON.parse(e.data)));
}

function init() {
  const img = $('category-chart');
  // 204 (no dated mentions yet) fires `error`: keep the panel hidden until there is a picture.
  img.addEventListener('load', () => {
    $('category-panel').hidden = false;
  });
  img.addEventListener('error', () => {
    $('category-panel').hidden = true;
  });
  const me = $('me');
  try {
    me.value = localStorage.getItem('webcare.me') || '';
  } catch {}
  me.addEventListener('input', () => {
    me.classList.remove('needed');
    try {
      localStorage.setItem('webcare.me', me.value.trim());
    } catch {}
  });
  $('hide-p4').addEventListener('change', (e) => document.body.classList.toggle('hide-p4', e.target.checked));
  connect();
}

init();
