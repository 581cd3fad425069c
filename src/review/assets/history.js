// quizscan review page: the history: find any item (by participant, field, session, file or #id),
// see every decision on it, and change one in place. A change is a new decision next to the old
// one (POST /api/items/{id}/amend); nothing is overwritten.
'use strict';

(() => {
  const QS = window.QS;
  const { el, button, api, shown, cropFigure, KIND_LABEL } = QS.util;
  const $ = (id) => document.getElementById(id);
  const view = { items: [], editing: null, timer: null, seq: 0 };

  function when(iso) {
    const d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  }
  const VIA = { web: 'review page', csv: 'CSV --apply', merge: 'quizscan (scans merged)', sheets: 'quizscan (sheet check)' };

  async function search() {
    const q = $('search').value.trim();
    const seq = ++view.seq;
    const r = await api('GET', '/api/search?limit=60&q=' + encodeURIComponent(q));
    if (seq !== view.seq || r.status !== 200) return;
    view.items = r.data.items || [];
    view.editing = null;
    $('search-note').textContent = q ? view.items.length + (view.items.length === 1 ? ' item' : ' items') + ' found'
      : view.items.length ? 'the latest decisions, newest first' : 'nothing decided yet';
    renderList();
  }

  function renderList() {
    const list = $('results');
    list.replaceChildren();
    for (const it of view.items) list.append(row(it));
  }

  function row(it) {
    const li = el('li', 'hist-row ' + it.state);
    li.dataset.itemId = String(it.id);
    const head = el('div', 'hist-head');
    head.append(el('span', 'item-id', '#' + it.id), el('span', 'kind', KIND_LABEL[it.kind] || it.kind),
      el('span', 'who', QS.headText(it)), el('span', 'hist-field', it.field || ''));
    const now = el('div', 'hist-value');
    if (it.state === 'open') now.append(el('span', 'badge open', 'open'), document.createTextNode(' machine read ' + shown(it.guess)));
    else now.append(el('strong', null, shown(it.value)), el('span', 'badge ' + (it.decided_by || 'person'), it.decided_by === 'machine' ? 'by quizscan' : 'by a person'));
    const trail = el('ol', 'trail');
    for (const t of it.trail || []) {
      const what = t.action === 'undo' ? 'reopened (was ' + shown(t.old_value) + ')' : shown(t.old_value) + ' → ' + shown(t.new_value);
      trail.append(el('li', null, when(t.at) + ' · ' + (VIA[t.via] || t.via) + ' · ' + what));
    }
    const edit = button('edit', it.state === 'open' ? 'Decide' : 'Change', null, () => startEdit(it, li));
    li.append(head, now, trail, edit);
    return li;
  }

  function startEdit(it, li) {
    if (view.editing) renderList();
    const target = li.isConnected ? li : $('results').querySelector(`[data-item-id="${it.id}"]`);
    if (!target) return;
    const box = el('div', 'hist-edit');
    const crop = cropFigure(it, { pageIfNoCrop: true, minHeight: it.kind === 'number' ? 64 : 40 });
    const widget = QS.widget(it, {
      blind: false, submit: (v) => save(v),
      initial: it.state === 'resolved' && it.value !== null ? it.value : undefined,
    });
    const actions = el('div', 'row-actions');
    actions.append(button('primary', it.state === 'open' ? 'Save' : 'Save change', 'Enter', () => save()),
      button(null, 'Cancel', 'Esc', () => { view.editing = null; renderList(); }));
    if (it.reason) box.append(el('p', 'reason', it.reason));
    if (crop.fig) box.append(crop.fig);
    box.append(widget.root, actions);
    target.append(box);
    target.classList.add('editing');
    view.editing = { it, widget, crop };
    widget.focus();
    crop.ready.then(() => target.scrollIntoView({ block: 'nearest' }));
  }

  async function save(forced) {
    const e = view.editing;
    if (!e) return;
    const value = forced !== undefined ? forced : e.widget.value();
    if (value === null) { QS.message(e.widget.missing, 'error'); return; }
    const r = await QS.decide(e.it, value, e.it.state === 'resolved');
    if (!r.ok) { if (r.stale) search(); return; }
    await QS.loadQueue();
    QS.render();
    await search();
  }

  function open() {
    $('search').value = '';
    view.editing = null;
    search();
    setTimeout(() => $('search').focus(), 0);
  }

  function key(e) {
    const k = e.key;
    if (view.editing) {
      if (k === 'Enter') { e.preventDefault(); save(); return; }
      if (k === 'Escape') { e.preventDefault(); view.editing = null; renderList(); $('search').focus(); return; }
      const handled = view.editing.widget.key(e);
      if (handled === 'default') return;
      if (handled || k.length === 1) e.preventDefault();
      return;
    }
    if (k === 'Escape') { e.preventDefault(); QS.setMode('history'); return; }
    if (k === 'Enter' && view.items.length) { e.preventDefault(); startEdit(view.items[0], $('results').firstChild); return; }
    if (document.activeElement !== $('search') && k.length === 1) $('search').focus();
  }

  $('search').addEventListener('input', () => { clearTimeout(view.timer); view.timer = setTimeout(search, 150); });
  $('history-close').addEventListener('click', () => QS.setMode('history'));
  QS.history = { open, key };
})();
