// quizscan review page: the queue, one open item at a time, answered by keys, mouse or touch
// through the review API; the sheet view (sheet.js) and the history (history.js) share its actions.
'use strict';

(() => {
  const QS = window.QS;
  const { el, api, withToken, shown, cropFigure, KIND_LABEL } = QS.util;
  const $ = (id) => document.getElementById(id);

  const state = {
    items: [], open: 0, resolved: 0, closed: 0, blind: false, next: [],
    mode: 'item',        // 'item' | 'sheet' | 'history'
    item: null,          // the item on screen (item mode)
    widget: null,
    crop: null,
    confirming: null,    // blind mode: the typed number awaiting a second Enter
    busy: false,
    pin: null,           // id to show first (an item just reopened by undo)
    skipped: [],         // ids put to the back of this tab's queue
    undoStack: [],       // decisions made in this tab: {id, revision, value}
    previewOn: false,
    imagesPurgedAt: null, // set once `quizscan purge --images` removed the scans' images
  };
  QS.state = state;

  function message(text, kind) {
    for (const id of ['message', 'done-message', 'sheet-message']) {
      const m = $(id);
      if (!m) continue;
      m.textContent = text || '';
      m.className = 'message' + (kind ? ' ' + kind : '');
    }
  }
  QS.message = message;

  function fatal(text) {
    const f = $('fatal');
    f.replaceChildren(el('h2', null, 'The review page cannot continue'), el('p', null, text),
      el('p', null, 'Open the exact URL that quizscan review printed (it carries ?token=…).'));
    f.hidden = false;
    for (const id of ['card', 'done', 'sheet', 'history']) $(id).hidden = true;
    state.item = null;
  }
  QS.util.setFatal(fatal);

  // ---- queue ---------------------------------------------------------------------
  async function loadQueue() {
    const r = await api('GET', '/api/queue');
    if (r.status !== 200) {
      if (r.status !== 401 && r.status !== 403) fatal(r.data.error || 'the queue could not be loaded');
      return false;
    }
    state.items = r.data.items || [];
    state.open = r.data.open ?? state.items.length;
    state.resolved = r.data.resolved ?? 0;
    state.closed = r.data.closed ?? 0;
    state.blind = !!r.data.blind;
    state.next = r.data.next || [];
    state.imagesPurgedAt = r.data.images_purged_at || null;
    $('blind-badge').hidden = !state.blind;
    return true;
  }
  QS.loadQueue = loadQueue;

  // The open items in this tab's order: skipped ones last.
  function ordered() {
    const skipped = (it) => state.skipped.indexOf(it.id);
    return [...state.items].sort((a, b) => skipped(a) - skipped(b));
  }
  QS.ordered = ordered;

  function renderProgress() {
    const total = state.open + state.resolved;
    $('count').textContent = total === 0 ? 'nothing to review' : state.open + ' of ' + total + ' left';
    $('bar-fill').style.width = (total ? (100 * state.resolved) / total : 100).toFixed(1) + '%';
  }

  function render() {
    renderProgress();
    if ($('fatal').hidden === false) return;
    document.body.dataset.mode = state.mode;
    $('card').hidden = true;
    $('done').hidden = true;
    $('sheet').hidden = state.mode !== 'sheet';
    $('history').hidden = state.mode !== 'history';
    if (state.mode !== 'item') for (const h of $('keys').querySelectorAll('[data-for]')) h.hidden = true;
    if (state.mode === 'history') return;
    if (state.items.length === 0) return renderDone();
    if (state.mode === 'sheet') return QS.sheet.render();
    let item = ordered()[0];
    if (state.pin !== null) item = state.items.find((i) => i.id === state.pin) || item;
    state.pin = null;
    showItem(item);
  }
  QS.render = render;

  function renderDone() {
    state.item = null;
    $('sheet').hidden = true;
    $('done').hidden = false;
    document.body.dataset.state = 'done';
    $('done-title').textContent = 'All done — ' + state.resolved + (state.resolved === 1 ? ' item' : ' items') + ' decided';
    $('done-closed').textContent = state.closed
      ? state.closed + (state.closed === 1 ? ' more item was' : ' more items were') + ' settled by quizscan itself (another scan of the page agreed, or the page turned up).'
      : '';
    const list = $('next-commands');
    list.replaceChildren();
    for (const c of state.next) list.append(el('li', null, '')), list.lastChild.append(el('code', null, c));
    for (const h of $('keys').querySelectorAll('[data-for], [data-not]')) h.hidden = true;
  }

  // ---- one item ------------------------------------------------------------------
  function headText(it) {
    const who = [];
    if (it.participant_id) who.push('Participant ' + it.participant_id);
    if (it.session) who.push(it.session);
    if (it.sheet_page) who.push('page ' + it.sheet_page);
    return who.join(' · ');
  }
  QS.headText = headText;

  function showItem(it) {
    state.item = it;
    state.confirming = null;
    const card = $('card');
    card.hidden = false;
    card.dataset.itemId = String(it.id);
    card.dataset.kind = it.kind;
    card.dataset.ready = '0';
    document.body.dataset.state = 'item';
    $('confirm').hidden = true;
    $('kind').textContent = it.digital && it.kind === 'number' ? 'Typed number (Google Forms)'
      : it.digital && it.kind === 'choice' ? 'Multiple choice (Google Forms)' : KIND_LABEL[it.kind] || it.kind;
    $('item-id').textContent = '#' + it.id;
    for (const h of $('keys').querySelectorAll('[data-for]')) h.hidden = !h.dataset.for.split(' ').includes(it.kind);
    for (const h of $('keys').querySelectorAll('[data-not]')) h.hidden = h.dataset.not.split(' ').includes(it.kind);
    $('audit').hidden = !it.audit;
    $('who').textContent = headText(it);
    $('where').textContent = it.source ? it.source + (it.page_index ? ', page ' + it.page_index : '') : '';
    $('question').textContent = it.question || (it.field ? 'Field ' + it.field : '');
    $('question').hidden = !$('question').textContent;
    $('reason').textContent = it.reason || '';

    const pending = [];
    // A number stays at least 72 px high (its digits must be read); a row of bubbles may shrink to fit.
    state.crop = cropFigure(it, { pageIfNoCrop: it.kind === 'page_answers', minHeight: it.kind === 'number' ? 72 : 40 });
    $('crop-slot').replaceChildren(...(state.crop.fig ? [state.crop.fig] : []));
    pending.push(state.crop.ready);
    // No picture: say why (typed on Google Forms, or purged after the analysis).
    const field = ['choice', 'number', 'checkbox'].includes(it.kind);
    $('no-image').textContent = it.image || !(field || it.kind === 'page_identity') ? ''
      : it.digital ? 'Typed on Google Forms: there is no image; the reason above quotes the answer.'
        : state.imagesPurgedAt ? 'The scanned image was purged on ' + state.imagesPurgedAt
          + ' (retention); decide from the reading and the reason above.' : '';
    $('no-image').hidden = !$('no-image').textContent;
    // Context: the whole page (always for an unidentified page; else toggled with p).
    const wantPreview = it.page_image && it.kind !== 'page_answers' && (it.kind === 'page_identity' || state.previewOn || !it.image);
    $('preview').hidden = !wantPreview;
    if (wantPreview) pending.push(QS.util.loadImage($('preview-img'), withToken(it.page_image)));

    state.widget = QS.widget(it, { blind: state.blind, submit: (v) => submit(v), onInput: clearConfirm });
    $('widget-slot').replaceChildren(state.widget.root);
    $('accept').textContent = it.kind === 'page_answers' ? 'Save answers' : 'Accept';
    $('accept').append(' ', el('kbd', null, 'Enter'));
    state.widget.focus();
    if (document.activeElement === document.body || !card.contains(document.activeElement)) card.focus();
    Promise.all(pending).then(() => { if (state.item === it) card.dataset.ready = '1'; });
  }

  function clearConfirm() {
    if (state.confirming !== null) { state.confirming = null; $('confirm').hidden = true; }
  }

  function sameNumber(a, b) {
    if (a === '' || b === '') return a === b;
    return Number(a) === Number(b);
  }

  // ---- actions (shared with the sheet view and the history) ------------------------
  // Posts a decision; answers {ok, data}. Messages for people on the way.
  async function decide(it, value, amend) {
    if (state.busy) return { ok: false };
    state.busy = true;
    const r = await api('POST', '/api/items/' + it.id + (amend ? '/amend' : ''), { value, revision: it.revision });
    state.busy = false;
    if (r.status === 200) {
      if (!amend) state.undoStack.push({ id: it.id, revision: r.data.item.revision, value: r.data.item.value });
      state.skipped = state.skipped.filter((id) => id !== it.id);
      const notes = [];
      const n = r.data.follow_ups || 0;
      if (n) notes.push(n + (n === 1 ? ' more number' : ' more numbers') + ' by this writer added to the queue: ' + (it.kind === 'page_identity'
        ? 'a digit of theirs was misread on another page.' : 'the digit you corrected may be misread there too.'));
      const closed = r.data.closed || 0;
      if (closed) notes.push(closed + (closed === 1 ? ' other item' : ' other items') + ' settled by this (another scan of the page agrees, or its missing page is found).');
      const added = r.data.added || 0;
      if (added) notes.push(added + (added === 1 ? ' field' : ' fields') + ' added: the scans of this page disagree there.');
      if (amend) notes.unshift('Changed #' + it.id + ' from ' + shown(it.value) + ' to ' + shown(r.data.item.value) + ' (the old decision stays in the history).');
      message(notes.join(' '), notes.length ? 'info' : '');
      return { ok: true, data: r.data };
    }
    if (r.status === 409 || r.status === 404) {
      message(r.data.error || 'someone else resolved this item', 'error');
      return { ok: false, stale: true, data: r.data };
    }
    if (r.status !== 401 && r.status !== 403) message(r.data.error || 'the server refused this answer (' + r.status + ')', 'error');
    return { ok: false, data: r.data };
  }
  QS.decide = decide;

  async function submit(forced) {
    const it = state.item;
    const w = state.widget;
    if (!it || !w || state.busy) return;
    const value = forced !== undefined ? forced : w.value();
    if (value === null) { message(w.missing, 'error'); return; }
    if (state.blind && it.kind === 'number' && !sameNumber(value, it.guess ?? '') && state.confirming !== value) {
      state.confirming = value;
      const c = $('confirm');
      c.replaceChildren(el('strong', null, 'Second look: '),
        document.createTextNode('you read ' + shown(value) + ', the recogniser read ' + shown(it.guess ?? '') + '. '),
        document.createTextNode('Check the boxes again: Enter keeps ' + shown(value) + ', or type the number you see.'));
      c.hidden = false;
      return;
    }
    const r = await decide(it, value, false);
    if (r.ok || r.stale) { if (await loadQueue()) render(); if (r.stale) message(r.data.error, 'error'); }
    else if (w.input) w.input.select();
  }

  async function undo() {
    if (state.busy) return;
    state.busy = true;
    const top = state.undoStack.pop();
    const r = top ? await api('POST', '/api/items/' + top.id + '/undo', { revision: top.revision }) : await api('POST', '/api/undo');
    state.busy = false;
    if (r.status === 200) {
      state.pin = r.data.item.id;
      if (state.mode === 'history') state.mode = 'item';
      if (await loadQueue()) render();
      message('Reopened the last decision' + (top ? ' (it was ' + shown(top.value) + ')' : '') + ' — decide it again.', 'info');
    } else if (r.status !== 401 && r.status !== 403) {
      message(r.data.error || 'nothing to undo', 'error');
    }
  }
  QS.undo = undo;

  function skip() {
    const it = state.item;
    if (!it) return;
    state.skipped = state.skipped.filter((id) => id !== it.id).concat([it.id]);
    message('Skipped #' + it.id + ' for now: it comes back at the end.', 'info');
    render();
  }

  function togglePreview() {
    const it = state.item;
    if (!it) return;
    state.previewOn = !state.previewOn;
    if (!it.page_image) { message('No page preview was stored for this item.', 'info'); return; }
    const show = state.previewOn || it.kind === 'page_identity' || !it.image;
    $('preview').hidden = !show || it.kind === 'page_answers';
    if (show) QS.util.loadImage($('preview-img'), withToken(it.page_image)).then(() => state.crop && state.crop.fit());
    else if (state.crop) state.crop.fit();
  }

  function setMode(mode) {
    state.mode = state.mode === mode ? 'item' : mode;
    message('');
    if (state.mode === 'history') QS.history.open();
    render();
  }
  QS.setMode = setMode;

  // ---- keyboard ------------------------------------------------------------------
  document.addEventListener('keydown', (e) => {
    if (e.isComposing) return;
    const key = e.key;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && key.toLowerCase() === 'z') { e.preventDefault(); undo(); return; }
    if (e.ctrlKey || e.metaKey || e.altKey) return;   // leave browser shortcuts alone
    if (state.mode === 'history') { QS.history.key(e); return; }
    if (state.mode === 'sheet') { QS.sheet.key(e); return; }
    if (!state.item) {
      if (key === 'h') { e.preventDefault(); setMode('history'); }
      return;
    }
    if (state.busy) { if (key.length === 1 || key === 'Enter') e.preventDefault(); return; }
    if (key === 'Enter') { e.preventDefault(); submit(); return; }
    const handled = state.widget.key(e);
    if (handled === 'default') return;   // typed into the widget's input
    if (handled) { e.preventDefault(); return; }
    if (key === 'u' || key === 'p' || key === 's' || key === 'h' || key === 'v' || key === 'Escape') {
      e.preventDefault();
      const fresh = state.widget.untouched ? state.widget.untouched() : !state.widget.touched;
      if (key === 'u' && (fresh || state.widget.value() === '')) undo();
      else if (key === 'p') togglePreview();
      else if (key === 's' || key === 'Escape') skip();
      else if (key === 'h') setMode('history');
      else if (key === 'v') setMode('sheet');
      return;
    }
    if (key.length === 1) e.preventDefault();
  });

  $('accept').addEventListener('click', () => submit());
  $('skip').addEventListener('click', skip);
  $('undo').addEventListener('click', undo);
  $('page-btn').addEventListener('click', togglePreview);
  $('sheet-btn').addEventListener('click', () => setMode('sheet'));
  $('history-btn').addEventListener('click', () => setMode('history'));
  $('done-history').addEventListener('click', () => setMode('history'));
  window.addEventListener('resize', () => { if (state.crop) state.crop.fit(); if (QS.sheet) QS.sheet.fit(); });

  // ---- start ---------------------------------------------------------------------
  (async () => {
    if (!new URLSearchParams(location.search).get('token')) { fatal('This page was opened without its token.'); return; }
    if (await loadQueue()) render();
  })();
})();
