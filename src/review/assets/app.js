// quizscan review page: shows one open review item at a time and resolves it from the
// keyboard through the review API. Everything read from scans is set with textContent.
'use strict';

(() => {
  const token = new URLSearchParams(location.search).get('token') || '';
  const $ = (id) => document.getElementById(id);

  const KIND_LABEL = {
    choice: 'Multiple choice',
    number: 'Handwritten number',
    checkbox: 'NO RESEARCH box',
    page_identity: 'Unidentified page',
    sheet_duplicate: 'Sheet scanned twice',
    sheet_missing: 'Sheet missing a page',
  };
  const TEXT_KINDS = new Set(['number', 'page_identity']);
  const OPTION_KINDS = new Set(['checkbox', 'sheet_duplicate', 'sheet_missing']);

  const state = {
    items: [], open: 0, resolved: 0, blind: false,
    item: null,          // the item on screen
    value: '',           // answer for choice and option kinds (text kinds use the input)
    touched: false,      // a key was typed for this item (the first one replaces the guess)
    confirming: null,    // blind mode: the typed number awaiting a second Enter
    busy: false,
    pin: null,           // id to show first (an item just reopened by undo)
    undoStack: [],       // decisions made in this tab: {id, revision, value}
    previewOn: false,
    imagesPurgedAt: null, // set once `quizscan purge --images` removed the scans' images
  };

  // ---- small helpers -------------------------------------------------------------
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  const withToken = (url) => url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token);
  const shown = (v) => (v === null || v === undefined || v === '' ? 'blank' : '“' + v + '”');

  async function api(method, path, body) {
    const opts = { method, headers: { Authorization: 'Bearer ' + token } };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(path, opts);
    } catch (err) {
      return { status: 0, data: { error: 'cannot reach the review server — is quizscan review still running?' } };
    }
    let data = {};
    try { data = await res.json(); } catch (_) { /* not JSON */ }
    if (res.status === 401 || res.status === 403) fatal(data.error || 'refused by the server');
    return { status: res.status, data };
  }

  function message(text, kind) {
    for (const id of ['message', 'done-message']) {
      const m = $(id);
      m.textContent = text || '';
      m.className = 'message' + (kind ? ' ' + kind : '');
    }
  }

  function fatal(text) {
    const f = $('fatal');
    f.replaceChildren(el('h2', null, 'The review page cannot continue'), el('p', null, text),
      el('p', null, 'Open the exact URL that quizscan review printed (it carries ?token=…).'));
    f.hidden = false;
    $('card').hidden = true;
    $('done').hidden = true;
    state.item = null;
  }

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
    state.blind = !!r.data.blind;
    state.imagesPurgedAt = r.data.images_purged_at || null;
    $('blind-badge').hidden = !state.blind;
    return true;
  }

  function renderProgress() {
    const total = state.open + state.resolved;
    $('count').textContent = total === 0 ? 'nothing to review'
      : state.open + ' of ' + total + ' left';
    $('bar-fill').style.width = (total ? (100 * state.resolved) / total : 100).toFixed(1) + '%';
  }

  function render() {
    renderProgress();
    if ($('fatal').hidden === false) return;
    if (state.items.length === 0) {
      state.item = null;
      $('card').hidden = true;
      $('done').hidden = false;
      $('done-title').textContent = 'All done — ' + state.resolved + (state.resolved === 1 ? ' item' : ' items') + ' resolved';
      document.body.dataset.state = 'done';
      for (const h of $('keys').querySelectorAll('[data-for], [data-not]')) h.hidden = true;
      return;
    }
    let item = state.items[0];
    if (state.pin !== null) item = state.items.find((i) => i.id === state.pin) || item;
    state.pin = null;
    $('done').hidden = true;
    showItem(item);
  }

  // ---- one item ------------------------------------------------------------------
  function showItem(it) {
    state.item = it;
    state.touched = false;
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
    // Key hints for this kind only.
    for (const h of $('keys').querySelectorAll('[data-for]')) h.hidden = !h.dataset.for.split(' ').includes(it.kind);
    for (const h of $('keys').querySelectorAll('[data-not]')) h.hidden = h.dataset.not.split(' ').includes(it.kind);
    $('audit').hidden = !it.audit;
    const who = [];
    if (it.participant_id) who.push('Participant ' + it.participant_id);
    if (it.session) who.push(it.session);
    if (it.sheet_page) who.push('sheet page ' + it.sheet_page);
    $('who').textContent = who.join(' · ');
    $('where').textContent = it.source ? it.source + (it.page_index ? ', page ' + it.page_index : '') : '';
    $('question').textContent = it.question || (it.field ? 'Field ' + it.field : '');
    $('question').hidden = !$('question').textContent;
    $('reason').textContent = it.reason || '';

    // The crop, scaled up to the width of its box.
    const crop = $('crop');
    const box = $('crop-box');
    const pending = [];
    if (it.image) {
      box.hidden = false;
      crop.removeAttribute('style');
      pending.push(loadImage(crop, withToken(it.image)).then(() => fitCrop(crop)));
    } else {
      box.hidden = true;
      crop.removeAttribute('src');
    }
    // No picture: say why (typed on Google Forms, or purged after the analysis).
    const field = ['choice', 'number', 'checkbox'].includes(it.kind);
    $('no-image').textContent = it.image || !(field || it.kind === 'page_identity') ? ''
      : it.digital ? 'Typed on Google Forms: there is no image; the reason above quotes the answer.'
        : state.imagesPurgedAt ? 'The scanned image was purged on ' + state.imagesPurgedAt
          + ' (retention); decide from the reading and the reason above.' : '';
    $('no-image').hidden = !$('no-image').textContent;
    // Context: the whole page (always for an unidentified page; else toggled with p).
    const wantPreview = it.page_image && (it.kind === 'page_identity' || state.previewOn);
    $('preview').hidden = !wantPreview;
    if (wantPreview) pending.push(loadImage($('preview-img'), withToken(it.page_image)));

    // Answer widgets by kind.
    const input = $('answer');
    $('bubbles').hidden = it.kind !== 'choice';
    $('options').hidden = !OPTION_KINDS.has(it.kind);
    $('answer-row').hidden = OPTION_KINDS.has(it.kind);
    $('helpers').hidden = it.kind !== 'page_identity';
    $('unit').textContent = it.unit || '';
    input.readOnly = !TEXT_KINDS.has(it.kind);
    input.className = 'answer ' + it.kind;
    const hideGuess = state.blind && it.kind === 'number';
    const guess = it.guess ?? '';
    $('guess-note').textContent = hideGuess ? 'blind: type what you read'
      : it.guess === null || it.guess === undefined ? 'no machine reading'
        : 'machine read: ' + (guess === '' ? 'blank' : guess);

    if (it.kind === 'choice') {
      $('answer-label').textContent = 'Answer';
      input.placeholder = 'blank';
      state.value = guess;
      buildBubbles(it);
    } else if (it.kind === 'number') {
      $('answer-label').textContent = 'Number';
      input.placeholder = 'blank';
      input.value = hideGuess ? '' : guess;
    } else if (it.kind === 'page_identity') {
      $('answer-label').textContent = 'ID/session/page';
      input.placeholder = '482913/pre/1';
      input.value = guess;
    } else {
      buildOptions(it);
      const values = optionList(it).map((o) => o.value);
      state.value = values.includes(guess) ? guess : values[0];
    }
    syncAnswer();
    if (input.readOnly) input.blur(); else { input.focus(); input.select(); }
    if (input.readOnly) card.focus();

    Promise.all(pending).then(() => {
      if (state.item === it) card.dataset.ready = '1';
    });
  }

  function loadImage(img, src) {
    return new Promise((resolve) => {
      img.onload = () => resolve(true);
      img.onerror = () => resolve(false);
      img.src = src;
    });
  }

  function fitCrop(img) {
    const boxWidth = $('crop-box').clientWidth - 2;
    if (!img.naturalWidth || boxWidth <= 0) return;
    // Large enough to read at a glance: the box's width, at most 3x the scan's pixels
    // and at most 260 px high (a wide, short crop stays whole on a laptop screen).
    const byHeight = (260 * img.naturalWidth) / img.naturalHeight;
    img.style.width = Math.round(Math.min(boxWidth, img.naturalWidth * 3, byHeight)) + 'px';
  }

  function buildBubbles(it) {
    const row = $('bubbles');
    row.replaceChildren();
    for (const c of it.choices || []) {
      const b = el('div', 'bubble');
      b.dataset.value = c.value;
      const circle = el('div', 'circle', c.value);
      const meter = el('div', 'meter');
      const fill = el('div', 'meter-fill');
      const f = typeof c.fill === 'number' ? Math.max(0, Math.min(1, c.fill)) : null;
      fill.style.width = f === null ? '0%' : Math.round(f * 100) + '%';
      meter.append(fill);
      const pct = el('div', 'pct', f === null ? 'fill ?' : 'fill ' + Math.round(f * 100) + '%');
      const text = el('div', 'opt-text', c.text || '');
      text.title = c.text || '';
      b.append(circle, meter, pct, text);
      b.addEventListener('click', () => { typeChoice(c.value); });
      row.append(b);
    }
  }

  function optionList(it) {
    if (it.kind === 'checkbox') {
      return [
        { value: 'yes', label: 'Ticked', detail: 'exclude this participant from the research data' },
        { value: '', label: 'Not ticked', detail: 'blank' },
      ];
    }
    if (it.kind === 'sheet_missing') {
      return [
        { value: 'rescan', label: 'Rescan', detail: 'the page exists; keep its fields pending until it is scanned' },
        { value: 'blank', label: 'Blank', detail: 'the page was not handed in; count its fields as blank' },
      ];
    }
    return (it.candidates || []).map((c) => ({
      value: c.page_id === null ? '' : String(c.page_id),
      label: 'Keep ' + (c.source || 'page') + (c.page_index ? ', page ' + c.page_index : ''),
      detail: 'page id ' + c.page_id,
      image: c.image,
    }));
  }

  function buildOptions(it) {
    const list = $('options');
    list.className = 'options ' + it.kind;
    list.replaceChildren();
    optionList(it).forEach((o, i) => {
      const li = el('li', 'option');
      li.dataset.value = o.value;
      const key = el('kbd', 'key', String(i + 1));
      const body = el('div', 'option-body');
      body.append(el('div', 'option-label', o.label), el('div', 'option-detail', o.detail));
      li.append(key, body);
      if (o.image) {
        const img = el('img', 'thumb');
        img.alt = 'preview of ' + o.label;
        img.src = withToken(o.image);
        li.append(img);
      }
      li.addEventListener('click', () => { state.value = o.value; state.touched = true; syncAnswer(); });
      list.append(li);
    });
  }

  // Reflects state.value in the widgets of choice and option kinds.
  function syncAnswer() {
    const it = state.item;
    if (!it) return;
    if (it.kind === 'choice') {
      $('answer').value = state.value;
      for (const b of $('bubbles').children) b.classList.toggle('selected', state.value.includes(b.dataset.value));
    } else if (OPTION_KINDS.has(it.kind)) {
      for (const li of $('options').children) li.classList.toggle('selected', li.dataset.value === state.value);
    }
  }

  function typeChoice(letter) {
    if (!state.touched) state.value = '';
    state.touched = true;
    const set = new Set(state.value.split('').filter(Boolean));
    if (set.has(letter)) set.delete(letter); else set.add(letter);
    state.value = [...set].sort().join('');
    syncAnswer();
  }

  function currentValue() {
    const it = state.item;
    if (it.kind === 'number') {
      const v = $('answer').value.trim();
      return v.startsWith('.') ? '0' + v : v;
    }
    if (it.kind === 'page_identity') return $('answer').value.trim().toLowerCase().replace(/\s+/g, '/');
    return state.value;
  }

  function sameNumber(a, b) {
    if (a === '' || b === '') return a === b;
    return Number(a) === Number(b);
  }

  // ---- actions -------------------------------------------------------------------
  async function submit() {
    const it = state.item;
    if (!it || state.busy) return;
    const value = currentValue();
    if (state.blind && it.kind === 'number' && !sameNumber(value, it.guess ?? '') && state.confirming !== value) {
      state.confirming = value;
      const c = $('confirm');
      c.replaceChildren(
        el('strong', null, 'Second look: '),
        document.createTextNode('you read ' + shown(value) + ', the recogniser read ' + shown(it.guess ?? '') + '. '),
        document.createTextNode('Check the boxes again: Enter keeps ' + shown(value) + ', or type the number you see.'));
      c.hidden = false;
      return;
    }
    state.busy = true;
    const r = await api('POST', '/api/items/' + it.id, { value, revision: it.revision });
    state.busy = false;
    if (r.status === 200) {
      state.undoStack.push({ id: it.id, revision: r.data.item.revision, value: r.data.item.value });
      if (await loadQueue()) render();
      const n = r.data.follow_ups || 0;
      const what = n + (n === 1 ? ' more number' : ' more numbers') + ' by this writer added to the queue: ';
      if (n) message(what + (it.kind === 'page_identity'
        ? 'a digit of theirs was misread on another page.'
        : 'the digit you corrected may be misread there too.'), 'info');
      else message('');
    } else if (r.status === 409) {
      if (await loadQueue()) render();
      message(r.data.error || 'someone else resolved this item', 'error');
    } else if (r.status !== 401 && r.status !== 403) {
      message(r.data.error || 'the server refused this answer (' + r.status + ')', 'error');
      if (TEXT_KINDS.has(it.kind)) $('answer').select();
    }
  }

  async function undo() {
    if (state.busy) return;
    state.busy = true;
    const top = state.undoStack.pop();
    const r = top ? await api('POST', '/api/items/' + top.id + '/undo', { revision: top.revision })
      : await api('POST', '/api/undo');
    state.busy = false;
    if (r.status === 200) {
      state.pin = r.data.item.id;
      if (await loadQueue()) render();
      message('Reopened the last decision' + (top ? ' (it was ' + shown(top.value) + ')' : '') + ' — decide it again.', 'info');
    } else if (r.status !== 401 && r.status !== 403) {
      message(r.data.error || 'nothing to undo', 'error');
    }
  }

  function togglePreview() {
    const it = state.item;
    if (!it) return;
    state.previewOn = !state.previewOn;
    if (!it.page_image) {
      message('No page preview was stored for this item.', 'info');
      return;
    }
    const show = state.previewOn || it.kind === 'page_identity';
    $('preview').hidden = !show;
    if (show) loadImage($('preview-img'), withToken(it.page_image)).then(() => fitCrop($('crop')));
    else fitCrop($('crop'));
  }

  function fillIdentityPart(part) {
    const input = $('answer');
    if (part === 'not-a-form') input.value = 'not-a-form';
    else {
      const parts = input.value.trim().split(/[\/\s]+/).filter(Boolean);
      if (part === 'pre' || part === 'post') { parts[1] = part; }
      else { parts[2] = part; }
      input.value = [parts[0] || '', parts[1] || '', parts[2] || ''].join('/').replace(/\/+$/, '');
    }
    state.touched = true;
    input.focus();
  }

  // ---- keyboard ------------------------------------------------------------------
  document.addEventListener('keydown', (e) => {
    if (e.isComposing) return;
    const key = e.key;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && key.toLowerCase() === 'z') {
      e.preventDefault();
      undo();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;   // leave browser shortcuts alone
    const it = state.item;
    if (!it) return;
    if (state.busy) { if (key.length === 1 || key === 'Enter') e.preventDefault(); return; }
    if (key === 'Enter') { e.preventDefault(); submit(); return; }
    const input = $('answer');
    if (it.kind !== 'page_identity') {
      const untouched = !state.touched && (it.kind !== 'number' || input.selectionStart === 0 && input.selectionEnd === input.value.length);
      if (key === 'u' && (untouched || currentValue() === '')) { e.preventDefault(); undo(); return; }
      if (key === 'p') { e.preventDefault(); togglePreview(); return; }
    }
    if (it.kind === 'choice') {
      if (/^[a-dA-D]$/.test(key)) { e.preventDefault(); typeChoice(key.toLowerCase()); }
      else if (key === 'Backspace' || key === 'Delete') {
        e.preventDefault();
        state.value = state.touched ? state.value.slice(0, -1) : '';
        state.touched = true;
        syncAnswer();
      } else if (key.length === 1) e.preventDefault();
    } else if (it.kind === 'number') {
      if (document.activeElement !== input) input.focus();
      if (key.length === 1 && !/^[0-9.]$/.test(key)) { e.preventDefault(); return; }
      state.touched = true;
    } else if (it.kind === 'page_identity') {
      if (document.activeElement !== input) input.focus();
      const all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
      if ((key === 'x' || key === 'X') && (input.value === '' || all)) {
        e.preventDefault();
        input.value = 'not-a-form';
      } else if (key === ' ') {
        e.preventDefault();
        input.setRangeText('/', input.selectionStart, input.selectionEnd, 'end');
      }
      state.touched = true;
    } else if (OPTION_KINDS.has(it.kind)) {
      const opts = optionList(it);
      let pick = null;
      if (/^[1-9]$/.test(key) && Number(key) <= opts.length) pick = opts[Number(key) - 1].value;
      if (it.kind === 'checkbox') {
        if (key === 'y' || key === 'x') pick = 'yes';
        if (key === 'n' || key === '0' || key === 'Backspace' || key === 'Delete') pick = '';
      }
      if (it.kind === 'sheet_missing') {
        if (key === 'r') pick = 'rescan';
        if (key === 'b') pick = 'blank';
      }
      if (pick !== null) { state.value = pick; state.touched = true; syncAnswer(); }
      if (key.length === 1 || key === 'Backspace') e.preventDefault();
    }
  });

  $('answer').addEventListener('input', () => {
    state.touched = true;
    if (state.confirming !== null) { state.confirming = null; $('confirm').hidden = true; }
  });
  for (const b of $('helpers').querySelectorAll('button')) {
    b.addEventListener('click', () => fillIdentityPart(b.dataset.part));
  }
  window.addEventListener('resize', () => fitCrop($('crop')));

  // ---- start ---------------------------------------------------------------------
  (async () => {
    if (!token) { fatal('This page was opened without its token.'); return; }
    if (await loadQueue()) render();
  })();
})();
