// The analyst's workbench of report.html (issue 17): export/workbench.cpp embeds this script after the graph's
// facts (<script type="application/json" id="isnad-data">, format in workbench.cpp). Vanilla JavaScript, no
// library, no network: the page must open offline from a file.
//
// Views, all addressed by the URL fragment so that a view can be shared and the back button works:
//   #/                      index: entities with counts, overview diagram, timeline, statements of the selection
//   #/entity/ID             one entity: aliases, roles, ego diagram, timeline, what it said and what was said of it
//   #/doc/ID                one article: its title, outlet, date, address and statements
//   #/report                the static single-article report (Graphviz diagram, cards, table) when the page has it
// and the filters, combinable, as parameters after "?": act=accuse,deny  from=YYYY-MM-DD  to=YYYY-MM-DD
// outlet=NAME  q=SEARCH  kind=person|organization|place.
//
// Every text from the data goes into the page through textContent or setAttribute, never innerHTML.
// For tests and measurements the root element gets data-ready="1" and data-render-ms (ms from navigation start to
// the end of the first drawing); the workbench's root carries data-view and data-selected (statements selected).
(function () {
  'use strict';

  const started = performance.now();
  const DATA = JSON.parse(document.getElementById('isnad-data').textContent);
  const root = document.getElementById('wb');
  const staticReport = document.getElementById('static-report');
  const SVG_NS = 'http://www.w3.org/2000/svg';

  // ---- text normalisation for search -------------------------------------------------------------------------
  // Arabic: diacritics (harakat, shadda, sukun, superscript alef, Quranic marks) and tatweel removed; the hamza
  // forms of alef (أ إ آ ٱ) become ا, ؤ → و, ئ → ي, ى → ي, ة → ه. Latin: accents removed, case folded.
  // Runs of spaces become one. The same folding applies to names and to what the user types.
  const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
  function fold(text) {
    return String(text || '')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .normalize('NFC')
      .replace(ARABIC_MARKS, '')
      .replace(/[\u0623\u0625\u0622\u0671]/g, '\u0627')
      .replace(/\u0624/g, '\u0648')
      .replace(/\u0626/g, '\u064A')
      .replace(/\u0649/g, '\u064A')
      .replace(/\u0629/g, '\u0647')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim();
  }
  // NFKD first would split أ into ا + hamza above (U+0654), which ARABIC_MARKS then removes: the same result as
  // the explicit mapping, and it also covers presentation forms.

  // ---- indexes -----------------------------------------------------------------------------------------------
  const ACTS = DATA.acts.map((a) => a[0]);
  const ACT_COLOUR = Object.fromEntries(DATA.acts);
  const KIND_COLOUR = DATA.kinds;
  const KIND_NAME = { person: 'أشخاص', organization: 'منظمات', place: 'أماكن' };
  const KIND_ONE = { person: 'شخص', organization: 'منظمة', place: 'مكان' };
  const ACT_NAME = {
    statement: 'تصريح', announce: 'إعلان', appeal: 'دعوة', promise: 'وعد', praise: 'إشادة', criticize: 'انتقاد',
    accuse: 'اتهام', reject: 'رفض', deny: 'نفي', warn: 'تحذير', threaten: 'تهديد',
  };
  const entities = DATA.entities;
  const statements = DATA.statements;
  const docs = DATA.docs;
  const entityById = new Map(entities.map((e, i) => [e.id, i]));
  const docById = new Map(docs.map((d, i) => [d.id, i]));
  const searchKey = entities.map((e) =>
    fold([e.label, e.en || '', (e.aliases || []).join(' '), e.id].join(' | ')));
  // Statement indices per entity: said (speaker) and heard (addressee or topic), in the data's date order.
  const said = entities.map(() => []);
  const heard = entities.map(() => []);
  statements.forEach((s, i) => {
    for (const e of s.sp) said[e].push(i);
    const targets = new Set(s.to.concat(s.about));
    for (const e of targets) heard[e].push(i);
  });
  // Affiliations per entity, one per (other entity, title, direction) with the number of edges that say it (an
  // affiliation edge is written per article: "الرئيس الأمريكي" of the United States a hundred times), most
  // frequent first.
  const roles = entities.map(() => new Map());
  for (const [from, to, title] of DATA.affiliations) {
    for (const [self, other, dir] of [[from, to, 'of'], [to, from, 'has']]) {
      const key = other + '|' + title + '|' + dir;
      const r = roles[self].get(key);
      if (r) r.n += 1; else roles[self].set(key, { other: other, title: title, dir: dir, n: 1 });
    }
  }
  const roleList = (i) => Array.from(roles[i].values()).sort((a, b) => b.n - a.n ||
    entities[a.other].id.localeCompare(entities[b.other].id) || a.title.localeCompare(b.title));
  const outlets = Array.from(new Set(docs.map((d) => d.source).filter((s) => s))).sort();
  const days = statements.map((s) => s.day).filter((d) => d).sort();
  const firstDay = days[0] || '';
  const lastDay = days[days.length - 1] || '';

  // ---- state in the URL fragment -----------------------------------------------------------------------------
  function parseHash() {
    const raw = location.hash.replace(/^#\/?/, '');
    const q = raw.indexOf('?');
    const [view, ...rest] = (q < 0 ? raw : raw.slice(0, q)).split('/');
    const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
    let id = '';
    try { id = decodeURIComponent(rest.join('/')); } catch (e) { id = rest.join('/'); }
    return {
      view: view || '',
      id: id,
      acts: new Set((params.get('act') || '').split(',').filter((a) => ACTS.includes(a))),
      from: params.get('from') || '',
      to: params.get('to') || '',
      outlet: params.get('outlet') || '',
      q: params.get('q') || '',
      kind: params.get('kind') || '',
    };
  }

  function buildHash(state) {
    const params = new URLSearchParams();
    if (state.acts.size) params.set('act', ACTS.filter((a) => state.acts.has(a)).join(','));
    if (state.from) params.set('from', state.from);
    if (state.to) params.set('to', state.to);
    if (state.outlet) params.set('outlet', state.outlet);
    if (state.q) params.set('q', state.q);
    if (state.kind) params.set('kind', state.kind);
    const path = state.view ? state.view + (state.id ? '/' + encodeURIComponent(state.id) : '') : '';
    const query = params.toString();
    return '#/' + path + (query ? '?' + query : '');
  }

  let state = parseHash();

  // A new view: a new history entry, so that the back button returns to the previous one (the search box keeps
  // its entry up to date with history.replaceState instead: see search()).
  function go(change) {
    const hash = buildHash(Object.assign({}, state, change));
    if (hash !== location.hash) location.hash = hash;  // hashchange → render
    else render();
  }
  window.addEventListener('hashchange', () => render());

  // ---- the selection -----------------------------------------------------------------------------------------
  // A statement is selected when its act is among the chosen ones (all when none is), its day lies in [from, to]
  // (an undated statement is out as soon as either bound is set), and its article's outlet is the chosen one.
  function selected(s, ignoreActs) {
    if (!ignoreActs && state.acts.size && !state.acts.has(s.act)) return false;
    if ((state.from || state.to) && !s.day) return false;
    if (state.from && s.day < state.from) return false;
    if (state.to && s.day > state.to) return false;
    if (state.outlet && (s.doc === null || docs[s.doc].source !== state.outlet)) return false;
    return true;
  }

  // ---- DOM helpers -------------------------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    append(node, children);
    return node;
  }
  function append(node, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  // A left-to-right value (date, id) inside right-to-left text.
  const ltr = (text) => el('bdi', { dir: 'ltr', class: 'ltr' }, text);
  const number = (n) => n.toLocaleString('ar-EG-u-nu-latn');
  const shorten = (text, n) => (text.length > n ? text.slice(0, n - 1) + '…' : text);
  function entityHref(i) { return buildHash(Object.assign({}, state, { view: 'entity', id: entities[i].id })); }
  function docHref(d) { return buildHash(Object.assign({}, state, { view: 'doc', id: docs[d].id })); }
  function entityLink(i) {
    const e = entities[i];
    return el('a', { href: entityHref(i), class: 'k-' + e.kind, 'data-entity': e.id }, e.label);
  }
  function links(list) {
    const out = [];
    list.forEach((i, n) => { if (n) out.push('، '); out.push(entityLink(i)); });
    return out;
  }
  function actBadge(act) {
    return el('span', { class: 'act', style: 'background:' + (ACT_COLOUR[act] || '#777') }, ACT_NAME[act] || act,
      ' ', ltr(act));
  }

  // ---- statement cards ---------------------------------------------------------------------------------------
  function card(i) {
    const s = statements[i];
    const d = s.doc === null ? null : docs[s.doc];
    const when = !s.day ? 'بلا تاريخ' : s.last && s.last !== s.day ? s.day + ' – ' + s.last : s.day;
    return el('div', { class: 'card act-' + s.act, 'data-statement': s.id, 'data-act': s.act, 'data-day': s.day },
      el('div', {},
        el('span', { class: 'who' }, s.sp.length ? links(s.sp) : '؟'), ' ',
        el('span', { class: 'cue' }, s.cue),
        s.to.length ? [' ← ', links(s.to)] : null,
        actBadge(s.act)),
      s.text ? el('blockquote', {}, s.quote ? '«' + s.text + '»' : s.text) : null,
      el('div', { class: 'meta' },
        s.about.length ? ['عن: ', links(s.about), ' · '] : null,
        s.src.length ? ['المصدر: ', links(s.src), ' · '] : null,
        ltr(when), s.basis === 'publication' ? el('span', { class: 'basis' }, ' (تاريخ النشر)') : null,
        d ? [' · ', el('span', { class: 'src' },
          el('a', { href: docHref(s.doc), title: d.id }, d.title || d.id),
          d.source ? ' · ' + d.source : '',
          d.url ? [' · ', el('a', { href: d.url, rel: 'noopener noreferrer', target: '_blank' }, 'الرابط ↗')] : null,
          ' ', ltr('[' + s.start + ', ' + s.end + ')'))] : null));
  }

  // A list of statement cards shown 50 at a time ("عرض المزيد" adds 50); data-count is the whole list's length.
  function cardList(indices, id) {
    const box = el('div', { class: 'wb-list', id: id, 'data-count': indices.length });
    if (!indices.length) return append(box, [el('p', { class: 'wb-empty' }, 'لا تصريحات في هذا التحديد.')]);
    let shown = 0;
    const more = el('button', { class: 'wb-more' });
    function page() {
      const next = Math.min(indices.length, shown + 50);
      for (; shown < next; ++shown) box.insertBefore(card(indices[shown]), more);
      more.textContent = 'عرض المزيد (' + number(indices.length - shown) + ' باقية)';
      more.hidden = shown >= indices.length;
    }
    more.addEventListener('click', page);
    box.appendChild(more);
    page();
    return box;
  }

  // ---- filters -----------------------------------------------------------------------------------------------
  function filterBar(scope) {
    // Counts per act in the selection without the act filter, so each chip says what choosing it would add.
    const perAct = {};
    for (const i of scope) {
      const s = statements[i];
      if (selected(s, true)) perAct[s.act] = (perAct[s.act] || 0) + 1;
    }
    const chips = ACTS.filter((a) => perAct[a] || state.acts.has(a)).map((a) => {
      const on = state.acts.has(a);
      const toggle = () => {
        const acts = new Set(state.acts);
        if (on) acts.delete(a); else acts.add(a);
        go({ acts: acts });
      };
      return el('span', {
        class: 'wb-act' + (on ? ' on' : ''), role: 'checkbox', 'aria-checked': on ? 'true' : 'false', tabindex: 0,
        'data-act': a, title: a,
        onclick: () => toggle(),
        onkeydown: (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); toggle(); } },
      }, el('span', { class: 'sw', style: 'background:' + ACT_COLOUR[a] }), ACT_NAME[a] || a,
      el('span', { class: 'n' }, number(perAct[a] || 0)));
    });
    const dateInput = (key, label) => el('label', {}, label + ' ',
      el('input', {
        type: 'date', id: 'wb-' + key, value: state[key], min: firstDay || null, max: lastDay || null,
        onchange: (ev) => go({ [key]: ev.target.value }),
      }));
    const outletSelect = el('select', { id: 'wb-outlet', onchange: (ev) => go({ outlet: ev.target.value }) },
      el('option', { value: '' }, 'كل المصادر'),
      outlets.map((o) => el('option', { value: o, selected: o === state.outlet }, o)));
    const active = state.acts.size || state.from || state.to || state.outlet;
    return el('div', { class: 'wb-filters' },
      el('span', { class: 'wb-acts' }, el('strong', {}, 'نوع التصريح:'), chips),
      dateInput('from', 'من'), dateInput('to', 'إلى'),
      outlets.length ? el('label', {}, 'المصدر ', outletSelect) : null,
      active ? el('button', {
        class: 'wb-reset', onclick: () => go({ acts: new Set(), from: '', to: '', outlet: '' }),
      }, 'إلغاء التصفية') : null);
  }

  // ---- diagrams ----------------------------------------------------------------------------------------------
  // Speaker → target (addressee or topic) edges of the given statements, weighted by the number of statements,
  // with the count of each act (the edge takes the colour of its most frequent act).
  function edgesOf(indices) {
    const edges = new Map();
    for (const i of indices) {
      const s = statements[i];
      const targets = new Set(s.to.concat(s.about));
      for (const a of s.sp) {
        for (const b of targets) {
          if (a === b) continue;
          const key = a + '>' + b;
          let e = edges.get(key);
          if (!e) edges.set(key, (e = { a: a, b: b, w: 0, acts: {} }));
          e.w += 1;
          e.acts[s.act] = (e.acts[s.act] || 0) + 1;
        }
      }
    }
    return Array.from(edges.values());
  }
  function mainAct(e) {
    let best = 'statement', n = -1;
    for (const a of ACTS) if ((e.acts[a] || 0) > n) { best = a; n = e.acts[a] || 0; }
    return best;
  }

  // The `limit` entities of highest weighted degree and the edges among them.
  function topSubgraph(edges, limit) {
    const degree = new Map();
    for (const e of edges) {
      degree.set(e.a, (degree.get(e.a) || 0) + e.w);
      degree.set(e.b, (degree.get(e.b) || 0) + e.w);
    }
    const nodes = Array.from(degree.keys())
      .sort((x, y) => degree.get(y) - degree.get(x) || entities[x].id.localeCompare(entities[y].id))
      .slice(0, limit);
    const keep = new Set(nodes);
    return { nodes: nodes, degree: degree, edges: edges.filter((e) => keep.has(e.a) && keep.has(e.b)) };
  }

  // Deterministic force layout (Fruchterman–Reingold): nodes start on a circle in the given order (heaviest first),
  // 300 rounds of repulsion between all pairs and attraction along edges, with a cooling step and a weak pull to the
  // centre so that unlinked nodes stay near. Then the drawing is stretched to fill the frame, and labels are pushed
  // apart until no two label boxes (about 110 × 30 px) overlap: a dense core otherwise collapses into a knot.
  // Same input, same picture.
  function forceLayout(nodes, edges, width, height) {
    const n = nodes.length;
    const index = new Map(nodes.map((v, i) => [v, i]));
    const pos = nodes.map((_, i) => ({
      x: Math.cos((2 * Math.PI * i) / Math.max(1, n)) * 100,
      y: Math.sin((2 * Math.PI * i) / Math.max(1, n)) * 100,
    }));
    if (n < 2) return [{ x: width / 2, y: height / 2 }];
    const k = 60;
    const rounds = 300;
    for (let round = 0; round < rounds; ++round) {
      const t = 20 * (1 - round / rounds) + 0.2;
      const disp = pos.map(() => ({ x: 0, y: 0 }));
      for (let i = 0; i < n; ++i) {
        for (let j = i + 1; j < n; ++j) {
          let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          let d = Math.hypot(dx, dy);
          if (d < 0.01) { dx = 0.01 * (i - j); dy = 0.01; d = Math.hypot(dx, dy); }
          const f = (k * k) / d;
          disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
          disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
        }
      }
      for (const e of edges) {
        const i = index.get(e.a), j = index.get(e.b);
        const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d = Math.max(0.01, Math.hypot(dx, dy));
        const f = (d * d) / k / 2;
        disp[i].x -= (dx / d) * f; disp[i].y -= (dy / d) * f;
        disp[j].x += (dx / d) * f; disp[j].y += (dy / d) * f;
      }
      for (let i = 0; i < n; ++i) {
        disp[i].x -= pos[i].x * 0.02;
        disp[i].y -= pos[i].y * 0.02;
        const d = Math.max(0.01, Math.hypot(disp[i].x, disp[i].y));
        const step = Math.min(d, t);
        pos[i].x += (disp[i].x / d) * step;
        pos[i].y += (disp[i].y / d) * step;
      }
    }
    // Stretch to the frame (margins leave room for labels): each coordinate 30% by its value, 70% by its rank, so
    // that one far-off node does not squeeze all the others into a corner.
    const mx = 70, top = 25, bottom = 35;
    function spread(values, lo, hi) {
      const min = Math.min(...values), max = Math.max(...values);
      const rank = new Array(values.length);
      values.map((v, i) => [v, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).forEach(([, i], r) => { rank[i] = r; });
      return values.map((v, i) => lo + (hi - lo) * (0.3 * (v - min) / Math.max(1e-9, max - min) +
        0.7 * rank[i] / Math.max(1, values.length - 1)));
    }
    const xs = spread(pos.map((p) => p.x), mx, width - mx);
    const ys = spread(pos.map((p) => p.y), top, height - bottom);
    const out = pos.map((_, i) => ({ x: xs[i], y: ys[i] }));
    // Separate label boxes: push overlapping pairs apart along the axis of least overlap, then back into the frame.
    const boxW = 100, boxH = 28;
    for (let round = 0; round < 500; ++round) {
      let moved = false;
      for (let i = 0; i < n; ++i) {
        for (let j = i + 1; j < n; ++j) {
          const dx = out[j].x - out[i].x, dy = out[j].y - out[i].y;
          const ox = boxW - Math.abs(dx), oy = boxH - Math.abs(dy);
          if (ox <= 0 || oy <= 0) continue;
          moved = true;
          if (ox / boxW < oy / boxH) {
            const push = (ox / 2 + 0.5) * (dx < 0 || (dx === 0 && i > j) ? -1 : 1);
            out[i].x -= push; out[j].x += push;
          } else {
            const push = (oy / 2 + 0.5) * (dy < 0 || (dy === 0 && i > j) ? -1 : 1);
            out[i].y -= push; out[j].y += push;
          }
        }
      }
      for (const p of out) {
        p.x = Math.min(width - mx, Math.max(mx, p.x));
        p.y = Math.min(height - bottom, Math.max(top, p.y));
      }
      if (!moved) break;
    }
    return out;
  }

  // Ego layout: the centre in the middle, its neighbours on a circle, grouped by kind and by weight.
  function egoLayout(centre, nodes, weight, width, height) {
    const others = nodes.filter((v) => v !== centre);
    const order = { person: 0, organization: 1, place: 2 };
    others.sort((x, y) => order[entities[x].kind] - order[entities[y].kind] || weight(y) - weight(x) ||
      entities[x].id.localeCompare(entities[y].id));
    const pos = new Map([[centre, { x: width / 2, y: height / 2 }]]);
    const rx = width / 2 - 90, ry = height / 2 - 40;
    others.forEach((v, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / others.length;
      pos.set(v, { x: width / 2 + rx * Math.cos(angle), y: height / 2 + ry * Math.sin(angle) });
    });
    return nodes.map((v) => pos.get(v));
  }

  // Draws nodes (circles sized by weight, coloured by kind, labelled, a click opens the entity) and directed,
  // weighted edges (width by statements, colour by main act, curved so that a→b and b→a both show).
  function drawGraph(id, nodes, edges, positions, weightOf, highlight, width, height) {
    const index = new Map(nodes.map((v, i) => [v, i]));
    const maxW = Math.max(1, ...nodes.map(weightOf));
    const radius = (v) => 5 + 13 * Math.sqrt(weightOf(v) / maxW);
    const defs = svg('defs', {}, ACTS.map((a) => svg('marker', {
      id: id + '-arrow-' + a, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
      orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse',
    }, svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: ACT_COLOUR[a] }))));
    const edgeNodes = edges.map((e) => {
      const p = positions[index.get(e.a)], q = positions[index.get(e.b)];
      const dx = q.x - p.x, dy = q.y - p.y, d = Math.max(1, Math.hypot(dx, dy));
      const ra = radius(e.a) + 2, rb = radius(e.b) + 4;
      const x1 = p.x + (dx / d) * ra, y1 = p.y + (dy / d) * ra, x2 = q.x - (dx / d) * rb, y2 = q.y - (dy / d) * rb;
      const bend = 0.12 * d;
      const cx = (x1 + x2) / 2 - (dy / d) * bend, cy = (y1 + y2) / 2 + (dx / d) * bend;
      const act = mainAct(e);
      const acts = ACTS.filter((a) => e.acts[a]).map((a) => a + ' ' + e.acts[a]).join(', ');
      return svg('path', {
        d: 'M' + x1.toFixed(1) + ',' + y1.toFixed(1) + ' Q' + cx.toFixed(1) + ',' + cy.toFixed(1) + ' ' +
          x2.toFixed(1) + ',' + y2.toFixed(1),
        fill: 'none', stroke: ACT_COLOUR[act], 'stroke-opacity': 0.75,
        'stroke-width': (1.2 + 1.6 * Math.log2(e.w)).toFixed(2),
        'marker-end': 'url(#' + id + '-arrow-' + act + ')',
      }, svg('title', {}, entities[e.a].label + ' → ' + entities[e.b].label + ': ' + e.w + ' (' + acts + ')'));
    });
    const nodeNodes = nodes.map((v, i) => {
      const e = entities[v], p = positions[i], r = radius(v);
      return svg('g', {
        class: v === highlight ? 'node centre' : 'node', 'data-entity': e.id, transform: 'translate(' + p.x.toFixed(1) + ',' + p.y.toFixed(1) + ')',
        tabindex: 0, role: 'link', 'aria-label': e.label,
        onclick: () => go({ view: 'entity', id: e.id }),
        onkeydown: (ev) => { if (ev.key === 'Enter') go({ view: 'entity', id: e.id }); },
      },
      svg('circle', {
        r: r.toFixed(1), fill: KIND_COLOUR[e.kind] || '#777', 'fill-opacity': v === highlight ? 1 : 0.85,
        stroke: v === highlight ? '#000' : '#fff', 'stroke-width': v === highlight ? 3 : 1.5,
      }),
      svg('text', {
        y: (r + 14).toFixed(1), 'text-anchor': 'middle', 'font-size': v === highlight ? 16 : 13,
        'font-weight': v === highlight ? 'bold' : 'normal', fill: '#222',
      }, shorten(e.label, 26)),
      svg('title', {}, e.label + (e.en ? ' (' + e.en + ')' : '') + ': ' + weightOf(v)));
    });
    return svg('svg', {
      class: 'wb-svg', id: id, viewBox: '0 0 ' + width + ' ' + height, role: 'img',
      'data-nodes': nodes.length, 'data-edges': edges.length,
    }, defs, svg('g', {}, edgeNodes), svg('g', {}, nodeNodes));
  }

  function legend(acts) {
    return el('div', { class: 'wb-legend' },
      Object.entries(KIND_NAME).map(([k, name]) =>
        el('span', {}, el('span', { class: 'sw', style: 'background:' + KIND_COLOUR[k] + ';border-radius:50%' }), name)),
      acts.map((a) => el('span', {}, el('span', { class: 'sw', style: 'background:' + ACT_COLOUR[a] }), ACT_NAME[a] || a)));
  }

  // The 30 entities in most statements of the selection, and the 60 heaviest edges among them (all edges of a dense
  // core hide each other), without the entities none of these edges reaches.
  function overviewDiagram(indices) {
    const top = topSubgraph(edgesOf(indices), 30);
    const degree = top.degree;
    const edges = top.edges.slice().sort((x, y) => y.w - x.w || x.a - y.a || x.b - y.b).slice(0, 60);
    const linked = new Set(edges.flatMap((e) => [e.a, e.b]));
    const nodes = top.nodes.filter((v) => linked.has(v));  // a node none of those edges reaches says nothing here
    if (!nodes.length) return el('p', { class: 'wb-empty' }, 'لا علاقات بين كيانات في هذا التحديد.');
    const width = 900, height = 600;
    const positions = forceLayout(nodes, edges, width, height);
    const acts = ACTS.filter((a) => edges.some((e) => mainAct(e) === a));
    return el('div', {}, drawGraph('wb-overview', nodes, edges, positions, (v) => degree.get(v) || 1, -1, width,
      height), legend(acts));
  }

  function egoDiagram(centre, indices) {
    const all = edgesOf(indices).filter((e) => e.a === centre || e.b === centre);
    const weight = new Map();
    for (const e of all) {
      const other = e.a === centre ? e.b : e.a;
      weight.set(other, (weight.get(other) || 0) + e.w);
    }
    const others = Array.from(weight.keys())
      .sort((x, y) => weight.get(y) - weight.get(x) || entities[x].id.localeCompare(entities[y].id)).slice(0, 24);
    if (!others.length) return el('p', { class: 'wb-empty' }, 'لا علاقات في هذا التحديد.');
    const keep = new Set(others);
    const edges = all.filter((e) => keep.has(e.a === centre ? e.b : e.a));
    const total = others.reduce((n, v) => n + weight.get(v), 0);
    const nodes = [centre].concat(others);
    const weightOf = (v) => (v === centre ? total : weight.get(v));
    const width = 900, height = 520;
    const positions = egoLayout(centre, nodes, weightOf, width, height);
    const acts = ACTS.filter((a) => edges.some((e) => mainAct(e) === a));
    return el('div', {}, drawGraph('wb-ego', nodes, edges, positions, weightOf, centre, width, height),
      legend(acts));
  }

  // ---- timeline ----------------------------------------------------------------------------------------------
  const DAY_MS = 86400000;
  const toTime = (day) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
  const toDay = (time) => new Date(time).toISOString().slice(0, 10);
  // Monday of the ISO week of `day`.
  const weekOf = (day) => { const t = toTime(day); return toDay(t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS); };

  // Statements per day (a span of up to 92 days) or per week, stacked by act; a click on a bar narrows the date
  // filter to that bar's days. Undated statements are counted under the chart.
  function timeline(indices, id) {
    const dated = indices.filter((i) => statements[i].day);
    const undated = indices.length - dated.length;
    if (!dated.length) return el('p', { class: 'wb-empty' }, 'لا تصريحات مؤرخة في هذا التحديد.');
    let lo = statements[dated[0]].day, hi = lo;
    for (const i of dated) { const d = statements[i].day; if (d < lo) lo = d; if (d > hi) hi = d; }
    const span = (toTime(hi) - toTime(lo)) / DAY_MS + 1;
    const weekly = span > 92;
    const binOf = weekly ? weekOf : (d) => d;
    const step = weekly ? 7 : 1;
    const bins = [];
    for (let t = toTime(binOf(lo)); t <= toTime(hi); t += step * DAY_MS) bins.push(toDay(t));
    const binIndex = new Map(bins.map((b, i) => [b, i]));
    const counts = bins.map(() => ({}));
    for (const i of dated) {
      const s = statements[i];
      const c = counts[binIndex.get(binOf(s.day))];
      c[s.act] = (c[s.act] || 0) + 1;
    }
    const totals = counts.map((c) => Object.values(c).reduce((a, b) => a + b, 0));
    const max = Math.max(...totals);
    const width = 900, height = 220, left = 36, bottom = 34, top = 10;
    const plotW = width - left - 10, plotH = height - bottom - top;
    const barW = plotW / bins.length;
    const bars = [];
    bins.forEach((b, k) => {
      let y = top + plotH;
      const x = left + k * barW;
      const last = weekly ? toDay(toTime(b) + 6 * DAY_MS) : b;
      for (const a of ACTS) {
        const n = counts[k][a];
        if (!n) continue;
        const h = (n / max) * plotH;
        y -= h;
        bars.push(svg('rect', {
          class: 'bar', x: (x + 0.5).toFixed(2), y: y.toFixed(2), width: Math.max(1, barW - 1).toFixed(2),
          height: h.toFixed(2), fill: ACT_COLOUR[a], 'data-bin': b, 'data-act': a, 'data-count': n,
          onclick: () => go({ from: b, to: last }),
        }, svg('title', {}, (weekly ? b + ' – ' + last : b) + ': ' + (ACT_NAME[a] || a) + ' ' + n)));
      }
    });
    const ticks = [];
    const tickEvery = Math.max(1, Math.ceil(bins.length / 8));
    for (let k = 0; k < bins.length; k += tickEvery) {
      ticks.push(svg('text', { class: 'axis', x: (left + k * barW + barW / 2).toFixed(1), y: height - bottom + 16,
        'text-anchor': 'middle' }, bins[k]));
    }
    const grid = [0, 0.5, 1].map((f) => svg('g', {},
      svg('line', { x1: left, x2: width - 10, y1: top + plotH * (1 - f), y2: top + plotH * (1 - f), stroke: '#ddd' }),
      svg('text', { class: 'axis', x: left - 4, y: top + plotH * (1 - f) + 4, 'text-anchor': 'end' },
        Math.round(max * f))));
    const acts = ACTS.filter((a) => counts.some((c) => c[a]));
    return el('div', {},
      svg('svg', { class: 'wb-svg', id: id, viewBox: '0 0 ' + width + ' ' + height, 'data-bins': bins.length,
        'data-unit': weekly ? 'week' : 'day', 'data-total': dated.length }, grid, bars, ticks),
      el('div', { class: 'wb-legend' },
        el('span', {}, weekly ? 'تصريحات في الأسبوع (من الاثنين):' : 'تصريحات في اليوم:'),
        acts.map((a) => el('span', {}, el('span', { class: 'sw', style: 'background:' + ACT_COLOUR[a] }),
          ACT_NAME[a] || a)),
        undated ? el('span', {}, '(' + number(undated) + ' بلا تاريخ)') : null));
  }

  // ---- views -------------------------------------------------------------------------------------------------
  const allIndices = statements.map((_, i) => i);

  function nav() {
    const tab = (view, label) => el('a', { href: buildHash(Object.assign({}, state, { view: view, id: '' })),
      class: state.view === view ? 'on' : null }, label);
    return el('nav', { class: 'wb-nav' },
      tab('', 'الفهرس والنظرة العامة'),
      staticReport ? tab('report', docs.length === 1 ? 'تقرير المقال' : 'المخطط والبطاقات') : null,
      el('span', { class: 'wb-summary' }, number(docs.length) + ' مقالًا · ' + number(statements.length) +
        ' تصريحًا · ' + number(entities.length) + ' كيانًا'));
  }

  // Typing in the search box: the fragment follows without a history entry per keystroke, and only the index is
  // drawn again (the diagrams and the timeline do not depend on the search).
  function search(text, selection) {
    history.replaceState(null, '', buildHash(Object.assign({}, state, { q: text })));
    state = parseHash();
    document.getElementById('wb-index').replaceWith(indexPanel(selection));
    const input = document.getElementById('wb-search');
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  function indexPanel(selection) {
    // Counts in the selection: statements the entity made, and those addressed to it or about it.
    const saidN = new Map(), heardN = new Map();
    for (const i of selection) {
      const s = statements[i];
      for (const e of s.sp) saidN.set(e, (saidN.get(e) || 0) + 1);
      for (const e of new Set(s.to.concat(s.about))) heardN.set(e, (heardN.get(e) || 0) + 1);
    }
    const query = fold(state.q);
    const filtering = state.acts.size || state.from || state.to || state.outlet;
    const rows = [];
    entities.forEach((e, i) => {
      if (state.kind && e.kind !== state.kind) return;
      if (query && !searchKey[i].includes(query)) return;
      const a = saidN.get(i) || 0, b = heardN.get(i) || 0;
      if (filtering && !a && !b) return;  // a filtered view lists only the entities of its statements
      rows.push([i, a, b]);
    });
    rows.sort((x, y) => (y[1] + y[2]) - (x[1] + x[2]) || entities[y[0]].mentions - entities[x[0]].mentions ||
      entities[x[0]].id.localeCompare(entities[y[0]].id));
    const input = el('input', {
      type: 'search', class: 'wb-search', id: 'wb-search', value: state.q, placeholder: 'ابحث عن اسم… (Search)',
      'aria-label': 'بحث', oninput: (ev) => search(ev.target.value, selection),
    });
    const kinds = el('div', { class: 'wb-kinds' },
      [['', 'الكل'], ['person', KIND_NAME.person], ['organization', KIND_NAME.organization],
        ['place', KIND_NAME.place]].map(([k, label]) => el('button', {
        class: state.kind === k ? 'on' : null, onclick: () => go({ kind: k }),
      }, label)));
    const body = el('tbody', {});
    let shown = 0;
    const more = el('button', { class: 'wb-more' });
    function page() {
      const next = Math.min(rows.length, shown + 100);
      for (; shown < next; ++shown) {
        const [i, a, b] = rows[shown];
        const e = entities[i];
        body.appendChild(el('tr', { 'data-entity': e.id, 'data-said': a, 'data-about': b },
          el('td', {}, entityLink(i), e.en ? el('span', { class: 'wb-en' }, ' ', ltr(e.en)) : null),
          el('td', { class: 'num' }, a ? number(a) : ''), el('td', { class: 'num' }, b ? number(b) : ''),
          el('td', { class: 'num' }, number(e.mentions))));
      }
      more.textContent = 'عرض المزيد (' + number(rows.length - shown) + ' باقية)';
      more.hidden = shown >= rows.length;
    }
    more.addEventListener('click', page);
    page();
    return el('section', { class: 'wb-panel', id: 'wb-index', 'data-count': rows.length },
      el('h2', {}, 'الكيانات ', el('span', { class: 'meta' }, '(' + number(rows.length) + ')')),
      input, kinds,
      el('table', { class: 'wb-index' },
        el('thead', {}, el('tr', {}, el('th', {}, 'الاسم'), el('th', { class: 'num', title: 'statements made' }, 'قال'),
          el('th', { class: 'num', title: 'statements to or about it' }, 'قيل عنه'),
          el('th', { class: 'num', title: 'mentions' }, 'ذُكر'))),
        body),
      more);
  }

  function homeView() {
    const selection = allIndices.filter((i) => selected(statements[i]));
    root.setAttribute('data-selected', selection.length);
    return [
      filterBar(allIndices),
      el('div', { class: 'wb-grid' },
        indexPanel(selection),
        el('div', {},
          el('section', { class: 'wb-panel' }, el('h2', {}, 'أكثر الكيانات ترابطًا: من تحدث إلى مَن أو عن مَن'),
            overviewDiagram(selection)),
          el('section', { class: 'wb-panel' }, el('h2', {}, 'الخط الزمني'), timeline(selection, 'wb-timeline')),
          el('section', { class: 'wb-panel' },
            el('h2', {}, 'التصريحات ', el('span', { class: 'meta' }, '(' + number(selection.length) + ')')),
            cardList(selection, 'wb-statements')))),
    ];
  }

  function entityView(i) {
    const e = entities[i];
    const mine = said[i].filter((k) => selected(statements[k]));
    const ofIt = heard[i].filter((k) => selected(statements[k]));
    const both = Array.from(new Set(said[i].concat(heard[i]))).sort((x, y) => x - y);
    root.setAttribute('data-selected', Array.from(new Set(mine.concat(ofIt))).length);
    // Which outlets quoted it (its statements in the selection, by their article's outlet), most first.
    const outletCount = new Map();
    for (const k of mine) {
      const d = statements[k].doc;
      const o = d === null ? '' : docs[d].source;
      if (o) outletCount.set(o, (outletCount.get(o) || 0) + 1);
    }
    const quotedBy = Array.from(outletCount.entries()).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
    const facts = el('dl', { class: 'wb-facts' },
      e.en ? el('div', {}, el('dt', {}, 'بالحروف اللاتينية: '), el('dd', {}, ltr(e.en))) : null,
      e.aliases && e.aliases.length ? el('div', { id: 'wb-aliases' }, el('dt', {}, 'أسماء أخرى: '),
        el('dd', {}, e.aliases.join('، '))) : null,
      e.titles && e.titles.length ? el('div', { id: 'wb-titles' }, el('dt', {}, 'الألقاب والمناصب: '),
        el('dd', {}, e.titles.join('، '))) : null,
      roles[i].size ? el('div', { id: 'wb-roles' }, el('dt', {}, 'الانتماء: '),
        el('dd', {}, roleList(i).slice(0, 12).map((r, n) => [n ? '، ' : '',
          r.dir === 'of' ? [r.title ? r.title + ' ' : '', entityLink(r.other)]
            : [entityLink(r.other), r.title ? ' (' + r.title + ')' : ''],
          r.n > 1 ? el('span', { class: 'meta' }, ' ×' + r.n) : null]),
        roles[i].size > 12 ? ' و' + number(roles[i].size - 12) + ' غيرها' : null)) : null,
      e.country ? el('div', {}, el('dt', {}, 'البلد: '), el('dd', {}, ltr(e.country))) : null,
      quotedBy.length ? el('div', { id: 'wb-outlets' }, el('dt', {}, 'نقلت تصريحاته: '),
        el('dd', {}, quotedBy.map(([o, n], k) => [k ? '، ' : '', o, el('span', { class: 'meta' }, ' ' + number(n))]))) : null,
      el('div', {}, el('dt', {}, 'الذكر: '), el('dd', {}, number(e.mentions) + ' مرة في ' + number(e.docs) + ' مقالًا')),
      el('div', {}, el('dt', {}, 'المعرّف: '), el('dd', {}, ltr(e.id))));
    return [
      filterBar(both),
      el('section', { class: 'wb-panel', id: 'wb-entity', 'data-entity': e.id },
        el('div', { class: 'wb-entity-head' },
          el('h2', {}, e.label),
          el('span', { class: 'wb-kind', style: 'background:' + (KIND_COLOUR[e.kind] || '#777') }, KIND_ONE[e.kind] || e.kind),
          el('a', { href: buildHash(Object.assign({}, state, { view: '', id: '' })) }, '← الفهرس')),
        facts),
      el('div', { class: 'wb-cols' },
        el('section', { class: 'wb-panel' }, el('h2', {}, 'شبكة ' + e.label), egoDiagram(i, mine.concat(ofIt))),
        el('section', { class: 'wb-panel' }, el('h2', {}, 'الخط الزمني'),
          timeline(Array.from(new Set(mine.concat(ofIt))).sort((x, y) => x - y), 'wb-timeline'))),
      el('div', { class: 'wb-cols' },
        el('section', { class: 'wb-panel' },
          el('h2', {}, 'ما قاله ', el('span', { class: 'meta' }, '(' + number(mine.length) + ')')),
          cardList(mine, 'wb-said')),
        el('section', { class: 'wb-panel' },
          el('h2', {}, 'ما قيل له أو عنه ', el('span', { class: 'meta' }, '(' + number(ofIt.length) + ')')),
          cardList(ofIt, 'wb-heard'))),
    ];
  }

  function docView(d) {
    const doc = docs[d];
    const mine = allIndices.filter((i) => statements[i].doc === d);
    root.setAttribute('data-selected', mine.length);
    return [el('section', { class: 'wb-panel', id: 'wb-doc', 'data-doc': doc.id },
      el('h2', {}, doc.title || doc.id),
      el('p', { class: 'docs' }, ltr(doc.id), doc.source ? ' · ' + doc.source : '',
        doc.dct ? [' · ', ltr(doc.dct), doc.dct_source === 'inferred' ? ' (تاريخ مستنتج من النص)' : ''] : '',
        doc.path ? [' · ', ltr(doc.path)] : '',
        doc.url ? [' · ', el('a', { href: doc.url, rel: 'noopener noreferrer', target: '_blank' }, 'المقال ↗')] : ''),
      el('h2', {}, 'التصريحات ', el('span', { class: 'meta' }, '(' + number(mine.length) + ')')),
      cardList(mine, 'wb-doc-statements'))];
  }

  function notFound(what) {
    root.setAttribute('data-selected', 0);
    return [el('p', { class: 'wb-empty' }, 'غير موجود: ' + what)];
  }

  function render() {
    state = parseHash();
    // One article with its static report: that report is the first view, as it always was.
    if (!location.hash && staticReport && docs.length === 1) state.view = 'report';
    let view;
    if (state.view === 'entity') view = entityById.has(state.id) ? entityView(entityById.get(state.id)) : notFound(state.id);
    else if (state.view === 'doc') view = docById.has(state.id) ? docView(docById.get(state.id)) : notFound(state.id);
    else if (state.view === 'report' && staticReport) view = [];
    else view = homeView();
    if (staticReport) staticReport.hidden = state.view !== 'report';
    root.setAttribute('data-view', state.view || 'index');
    root.replaceChildren(nav(), ...view);
  }

  document.body.classList.add('wb-on');
  root.hidden = false;
  render();
  document.documentElement.setAttribute('data-ready', '1');
  document.documentElement.setAttribute('data-render-ms', Math.round(performance.now()));
  document.documentElement.setAttribute('data-script-ms', Math.round(performance.now() - started));
})();
