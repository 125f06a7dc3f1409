// Sluice monitor dashboard. Hand-written, no dependencies, works offline.
// Every value from the engine is data: it is only ever put into the page with textContent,
// createTextNode or numeric SVG attributes, never parsed as markup.
'use strict';
(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const COLORS = ['#1976d2', '#ef6c00', '#2e7d32', '#8e24aa', '#c62828', '#00838f', '#6d4c41', '#546e7a'];
  let state = null;
  let selectedJob = null;

  const $ = (id) => document.getElementById(id);

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const k in attrs) e.setAttribute(k, String(attrs[k]));
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function num(n) { return String(Math.round(n)); }
  function rate(r) { return r >= 100 ? String(Math.round(r)) : r.toFixed(1); }
  function nanos(ns) {
    if (ns >= 1e9) return (ns / 1e9).toFixed(2) + ' s';
    if (ns >= 1e6) return (ns / 1e6).toFixed(2) + ' ms';
    if (ns >= 1e3) return (ns / 1e3).toFixed(1) + ' µs';
    return Math.round(ns) + ' ns';
  }
  function clock(ms) { return new Date(ms).toISOString().substring(11, 23); }
  function cell(tr, text, numeric, field) {
    const td = el('td', text, numeric ? 'num' : null);
    if (field) td.dataset.field = field;
    tr.appendChild(td);
    return td;
  }
  function tbody(id) { const b = $(id).tBodies[0]; clear(b); return b; }

  function currentJob() {
    if (!state || state.jobs.length === 0) return null;
    let job = state.jobs.find((j) => j.id === selectedJob);
    if (!job) {
      job = state.jobs.find((j) => j.status === 'RUNNING') || state.jobs[state.jobs.length - 1];
      selectedJob = job.id;
    }
    return job;
  }

  function render(s) {
    state = s;
    const t = $('snapshot-time');
    t.textContent = clock(s.time);
    t.dataset.time = String(s.time);
    renderJobs(s);
    const job = currentJob();
    renderStages(job);
    renderTopology(job);
    renderThroughput(job);
    renderLatency(job);
    renderGauges(job, s);
    renderEvents(job);
    renderAlerts(s);
    renderDebug(s);
    document.body.dataset.version = String((Number(document.body.dataset.version) || 0) + 1);
  }

  // Job rows are kept across updates (keyed by job id) so a button is not replaced under the
  // pointer while someone clicks it.
  const jobRows = new Map();

  function renderJobs(s) {
    const body = $('jobs').tBodies[0];
    const select = $('job-select');
    clear(select);
    const seen = new Set();
    for (const j of s.jobs) {
      seen.add(j.id);
      let row = jobRows.get(j.id);
      if (!row) {
        const tr = el('tr');
        tr.dataset.job = String(j.id);
        cell(tr, j.id, true);
        cell(tr, j.name);
        const status = cell(tr, '', false, 'status');
        const restarts = cell(tr, '', true, 'restarts');
        const td = el('td');
        const b = el('button', 'cancel', 'cancel');
        b.type = 'button';
        b.addEventListener('click', () => cancelJob(j.id));
        td.appendChild(b);
        tr.appendChild(td);
        row = { tr: tr, status: status, restarts: restarts, button: b };
        jobRows.set(j.id, row);
      }
      body.appendChild(row.tr); // moves it into submission order
      row.status.textContent = j.status;
      row.status.className = 'status-' + j.status;
      row.restarts.textContent = String(j.restarts);
      row.button.disabled = !s.actions || ['COMPLETED', 'CANCELLED', 'FAILED'].includes(j.status);
      row.button.title = s.actions ? 'cancel the job (needs the token)' : 'read-only monitor';
      const o = el('option', j.name + ' #' + j.id + ' (' + j.status + ')');
      o.value = String(j.id);
      if (j.id === selectedJob) o.selected = true;
      select.appendChild(o);
    }
    for (const [id, row] of jobRows) {
      if (!seen.has(id)) {
        row.tr.remove();
        jobRows.delete(id);
      }
    }
  }

  function cancelJob(id) {
    const msg = $('action-message');
    msg.textContent = 'cancelling job ' + id + '…';
    fetch('/api/jobs/' + encodeURIComponent(id) + '/cancel', {
      method: 'POST',
      headers: { 'X-Sluice-Token': $('token').value },
      credentials: 'same-origin',
    }).then((r) => r.text().then((body) => {
      msg.textContent = r.ok ? 'job ' + id + ' cancelled' : 'refused (' + r.status + '): ' + body.trim();
    })).catch((e) => { msg.textContent = 'failed: ' + e; });
  }

  function renderStages(job) {
    const body = tbody('stages');
    if (!job) return;
    for (const st of job.stages) {
      const tr = el('tr');
      tr.dataset.stage = st.name;
      cell(tr, st.name, false, 'name');
      cell(tr, num(st.in), true, 'in');
      cell(tr, num(st.out), true, 'out');
      cell(tr, num(st.filtered), true, 'filtered');
      cell(tr, num(st.dropped), true, 'dropped');
      cell(tr, num(st.deadLettered), true, 'deadLettered');
      cell(tr, num(st.errors), true, 'errors');
      cell(tr, rate(st.eventsPerSecond), true, 'eventsPerSecond');
      cell(tr, st.processing.count ? nanos(st.processing.p99) : '–', true, 'p99');
      cell(tr, st.lagMillis < 0 ? '–' : st.lagMillis + ' ms', true, 'lag');
      body.appendChild(tr);
    }
  }

  function stageRates(job) {
    const m = new Map();
    for (const st of job.stages) m.set(st.name, st.eventsPerSecond);
    return m;
  }

  function renderTopology(job) {
    const g = $('topology');
    clear(g);
    if (!job) return;
    const nodes = job.topology.nodes;
    const links = job.topology.links;
    const layer = new Map(nodes.map((n) => [n.name, 0]));
    for (let i = 0; i < nodes.length; i++) {
      for (const l of links) {
        const next = layer.get(l.from) + 1;
        if (layer.has(l.to) && next > layer.get(l.to)) layer.set(l.to, next);
      }
    }
    const rows = new Map();
    const pos = new Map();
    const W = 128, H = 34, DX = 152, DY = 50;
    for (const n of nodes) {
      const x = layer.get(n.name);
      const y = rows.get(x) || 0;
      rows.set(x, y + 1);
      pos.set(n.name, { x: 10 + x * DX, y: 10 + y * DY });
    }
    const width = 20 + (Math.max(0, ...layer.values()) + 1) * DX;
    const height = 20 + Math.max(1, ...rows.values()) * DY;
    g.setAttribute('width', String(Math.max(300, width)));
    g.setAttribute('height', String(height));
    const defs = svg('defs', {});
    const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' });
    marker.appendChild(svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#607d8b' }));
    defs.appendChild(marker);
    g.appendChild(defs);
    const rates = stageRates(job);
    for (const l of links) {
      const a = pos.get(l.from), b = pos.get(l.to);
      if (!a || !b) continue;
      const x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2;
      const line = svg('line', { x1: x1, y1: y1, x2: x2, y2: y2, 'marker-end': 'url(#arrow)' });
      line.setAttribute('class', 'link ' + (l.type === 'queue' ? 'queue' : 'fused'));
      g.appendChild(line);
      const label = l.sideOutput ? 'side' : rate(rates.get(l.from) || 0) + '/s';
      const text = svg('text', { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 4, 'text-anchor': 'middle', class: 'rate' }, label);
      text.dataset.from = l.from;
      text.dataset.to = l.to;
      g.appendChild(text);
    }
    for (const n of nodes) {
      const p = pos.get(n.name);
      const kind = String(n.kind).toLowerCase();
      const grp = svg('g', { class: 'node ' + (kind.includes('source') ? 'source' : kind.includes('sink') ? 'sink' : '') });
      grp.dataset.stage = n.name;
      grp.appendChild(svg('title', {}, n.kind + ' ' + n.name + ' ×' + n.parallelism));
      grp.appendChild(svg('rect', { x: p.x, y: p.y, width: W, height: H, rx: 4 }));
      const shown = n.name.length > 19 ? n.name.substring(0, 18) + '…' : n.name;
      grp.appendChild(svg('text', { x: p.x + 6, y: p.y + 14, class: 'stage-name' }, shown));
      grp.appendChild(svg('text', { x: p.x + 6, y: p.y + 28 }, String(n.kind).toLowerCase() + ' ×' + n.parallelism));
      g.appendChild(grp);
    }
  }

  function renderThroughput(job) {
    const g = $('throughput');
    const legend = $('throughput-legend');
    clear(g);
    clear(legend);
    if (!job) return;
    const W = 560, H = 220, L = 50, B = 20;
    let t0 = Infinity, t1 = -Infinity, max = 1;
    for (const st of job.stages) {
      for (const p of st.history) {
        t0 = Math.min(t0, p[0]); t1 = Math.max(t1, p[0]); max = Math.max(max, p[1]);
      }
    }
    g.appendChild(svg('line', { x1: L, y1: H - B, x2: W, y2: H - B, class: 'axis' }));
    g.appendChild(svg('line', { x1: L, y1: 5, x2: L, y2: H - B, class: 'axis' }));
    g.appendChild(svg('text', { x: 2, y: 14 }, rate(max)));
    g.appendChild(svg('text', { x: 2, y: H - B }, '0'));
    if (t1 > t0) g.appendChild(svg('text', { x: L, y: H - 4 }, '-' + Math.round((t1 - t0) / 1000) + ' s'));
    const span = Math.max(1, t1 - t0);
    job.stages.forEach((st, i) => {
      const color = COLORS[i % COLORS.length];
      if (st.history.length > 0) {
        const pts = st.history.map((p) =>
          (L + (p[0] - t0) / span * (W - L - 5)).toFixed(1) + ',' + (H - B - p[1] / max * (H - B - 10)).toFixed(1));
        g.appendChild(svg('polyline', { points: pts.join(' '), fill: 'none', stroke: color, 'stroke-width': 1.5 }));
      }
      const item = el('span');
      const sw = el('i');
      sw.style.background = color;
      item.appendChild(sw);
      item.appendChild(document.createTextNode(st.name + ' ' + rate(st.eventsPerSecond) + '/s'));
      legend.appendChild(item);
    });
  }

  function renderLatency(job) {
    const sel = $('latency-stage');
    const previous = sel.value;
    clear(sel);
    const body = tbody('latency');
    const g = $('histogram');
    clear(g);
    if (!job) return;
    for (const st of job.stages) {
      const o = el('option', st.name);
      o.value = st.name;
      sel.appendChild(o);
    }
    let st = job.stages.find((x) => x.name === previous);
    if (!st) st = job.stages.find((x) => x.processing.count > 0) || job.stages[0];
    if (!st) return;
    sel.value = st.name;
    const l = st[$('latency-kind').value];
    const tr = el('tr');
    cell(tr, num(l.count), true, 'count');
    for (const k of ['min', 'p50', 'p90', 'p99', 'p999', 'max']) cell(tr, l.count ? nanos(l[k]) : '–', true, k);
    body.appendChild(tr);
    // Histogram with percentile bands as bins: each bin's share of the events is known exactly.
    const bands = [['min', 'p50', 0.5], ['p50', 'p90', 0.4], ['p90', 'p99', 0.09], ['p99', 'p999', 0.009], ['p999', 'max', 0.001]];
    const W = 560, H = 170, B = 34, bw = (W - 20) / bands.length;
    g.appendChild(svg('line', { x1: 10, y1: H - B, x2: W - 10, y2: H - B, class: 'axis' }));
    bands.forEach((band, i) => {
      const count = l.count * band[2];
      const h = l.count ? Math.max(1, Math.sqrt(band[2] / 0.5) * (H - B - 20)) : 0;
      const x = 10 + i * bw;
      g.appendChild(svg('rect', { x: x + 4, y: H - B - h, width: bw - 8, height: h, class: 'hbar' }));
      g.appendChild(svg('text', { x: x + 6, y: H - B - h - 3 }, num(count) + ' events'));
      g.appendChild(svg('text', { x: x + 4, y: H - B + 14 }, band[0] + '–' + band[1]));
      g.appendChild(svg('text', { x: x + 4, y: H - B + 28 }, l.count ? nanos(l[band[0]]) + '–' + nanos(l[band[1]]) : ''));
    });
  }

  function renderGauges(job, s) {
    const body = tbody('edges');
    let dropped = 0, dead = 0, errors = 0;
    if (job) {
      for (const e of job.edges) {
        const tr = el('tr');
        tr.dataset.edge = e.from + '->' + e.to;
        cell(tr, e.from + ' → ' + e.to);
        const td = el('td');
        const bar = el('span', null, 'bar' + (e.utilisation >= 0.9 ? ' hot' : ''));
        const fill = el('span');
        fill.style.width = Math.round(e.utilisation * 100) + '%';
        bar.appendChild(fill);
        td.appendChild(bar);
        td.appendChild(document.createTextNode(' ' + Math.round(e.utilisation * 100) + '%'));
        tr.appendChild(td);
        cell(tr, num(e.queued) + ' / ' + num(e.capacity), true, 'queued');
        cell(tr, num(e.dropped), true, 'dropped');
        body.appendChild(tr);
      }
      for (const st of job.stages) { dropped += st.dropped; dead += st.deadLettered; errors += st.errors; }
    }
    $('total-dropped').textContent = num(dropped);
    $('total-dead-lettered').textContent = num(dead);
    $('total-errors').textContent = num(errors);
    const ul = $('breakers');
    clear(ul);
    if (s.breakers.length === 0) ul.appendChild(el('li', 'no circuit breaker has changed state'));
    for (const b of s.breakers) {
      const li = el('li');
      li.appendChild(document.createTextNode(b.name + ': '));
      li.appendChild(el('span', b.state, 'breaker-' + b.state));
      li.appendChild(document.createTextNode(' since ' + clock(b.sinceMillis)));
      ul.appendChild(li);
    }
  }

  function renderEvents(job) {
    const body = tbody('events');
    if (!job) return;
    for (const st of job.stages) {
      for (const ev of st.sampled) {
        const tr = el('tr');
        cell(tr, st.name);
        cell(tr, ev, false, 'event');
        body.appendChild(tr);
      }
    }
  }

  function alertItem(a) {
    return el('li', clock(a.timeMillis) + ' ' + a.state + ' ' + a.rule + ' ' + a.job + '/' + a.subject
      + ' (' + Number(a.value).toPrecision(3) + ')', 'alert-' + a.state);
  }

  function renderAlerts(s) {
    const active = $('alerts-active');
    clear(active);
    if (s.alerts.active.length === 0) active.appendChild(el('li', 'no active alert'));
    for (const a of s.alerts.active) active.appendChild(alertItem(a));
    const recent = $('alerts-recent');
    clear(recent);
    for (const a of s.alerts.recent.slice().reverse()) recent.appendChild(alertItem(a));
  }

  function renderDebug(s) {
    const body = tbody('debug');
    for (const d of s.debug.slice().reverse()) {
      const tr = el('tr');
      cell(tr, clock(d.timeMillis));
      cell(tr, d.kind);
      cell(tr, d.subject);
      cell(tr, d.message);
      body.appendChild(tr);
    }
  }

  function connect() {
    const conn = $('conn');
    const source = new EventSource('/api/events');
    source.addEventListener('state', (e) => {
      conn.textContent = 'live';
      conn.className = 'conn live';
      render(JSON.parse(e.data));
    });
    source.addEventListener('error', () => {
      conn.textContent = 'reconnecting…';
      conn.className = 'conn down';
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('job-select').addEventListener('change', (e) => { selectedJob = Number(e.target.value); if (state) render(state); });
    $('latency-stage').addEventListener('change', () => { if (state) renderLatency(currentJob()); });
    $('latency-kind').addEventListener('change', () => { if (state) renderLatency(currentJob()); });
    connect();
  });
})();
