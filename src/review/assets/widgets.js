// quizscan review page: shared helpers and the answer widget of each item kind (bubbles, number,
// NO RESEARCH box, page identity, sheet problems, a page's answers). A widget answers keys and
// taps; its host (app.js, sheet.js, history.js) submits. Data from scans is set with textContent.
'use strict';

(() => {
  const QS = (window.QS = window.QS || {});
  const token = new URLSearchParams(location.search).get('token') || '';

  // ---- helpers ---------------------------------------------------------------------
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function button(cls, label, key, onClick) {
    const b = el('button', cls);
    b.type = 'button';
    b.append(document.createTextNode(label));
    if (key) b.append(' ', el('kbd', null, key));
    if (onClick) b.addEventListener('click', onClick);
    return b;
  }
  const withToken = (url) => url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token);
  const shown = (v) => (v === null || v === undefined || v === '' ? 'blank' : '“' + v + '”');
  const KIND_LABEL = {
    choice: 'Multiple choice', number: 'Handwritten number', checkbox: 'NO RESEARCH box',
    page_identity: 'Unidentified page', sheet_duplicate: 'Sheet scanned twice', sheet_missing: 'Sheet missing a page',
    page_answers: 'Key the page’s answers',
  };
  const IDENTITY = /^\d{6}\/(pre|post)\/[12]$/;

  let onFatal = () => {};
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
    if (res.status === 401 || res.status === 403) onFatal(data.error || 'refused by the server');
    return { status: res.status, data };
  }

  function loadImage(img, src) {
    return new Promise((resolve) => {
      img.onload = () => resolve(true);
      img.onerror = () => resolve(false);
      img.src = src;
    });
  }

  // A crop large enough to read: the box's width, at most 3x the scan's pixels and 260 px high.
  // Never below `minHeight` px high: a row too wide for the box at that height (a number's comb on a
  // phone) is shown wrapped, in strips one under the other, each overlapping the next by a tenth.
  function fitCrop(img, box, minHeight = 72) {
    const style = getComputedStyle(box);
    const boxWidth = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (!img.naturalWidth || boxWidth <= 0) return;
    const aspect = img.naturalWidth / img.naturalHeight;
    const width = Math.min(boxWidth, img.naturalWidth * 3, 260 * aspect);
    const minWidth = Math.min(minHeight, img.naturalHeight * 3) * aspect;
    for (const s of box.querySelectorAll('.strip')) s.remove();
    img.hidden = false;
    if (minWidth <= width + 1) {
      img.style.width = Math.round(width) + 'px';
      box.classList.remove('strips');
      return;
    }
    const step = 0.9 * boxWidth;
    const n = Math.ceil((minWidth - 0.1 * boxWidth) / step);
    const full = n * step + 0.1 * boxWidth;
    img.hidden = true;
    box.classList.add('strips');
    for (let i = 0; i < n; ++i) {
      const strip = el('div', 'strip');
      strip.style.width = Math.floor(boxWidth) + 'px';
      strip.style.height = Math.round(full / aspect) + 'px';
      const part = img.cloneNode();
      part.hidden = false;
      part.classList.add('strip-img');
      part.alt = 'the scanned field, part ' + (i + 1) + ' of ' + n;
      part.style.width = Math.round(full) + 'px';
      part.style.marginLeft = -Math.round(i * step) + 'px';
      strip.append(part);
      box.append(strip);
    }
  }

  // The item's picture: its crop, or (page answers, or no crop) the whole page.
  function cropFigure(it, opts = {}) {
    const fig = el('figure', 'crop-box');
    const img = el('img', 'crop');
    const src = it.image || (opts.pageIfNoCrop && it.page_image);
    img.alt = it.image ? 'the scanned field' : 'the scanned page';
    if (!src) return { fig: null, ready: Promise.resolve(true), fit: () => {} };
    if (!it.image) fig.classList.add('page-crop');
    fig.append(img);
    const fit = () => { if (it.image) fitCrop(img, fig, opts.minHeight); };
    const ready = loadImage(img, withToken(src)).then((ok) => { fit(); return ok; });
    return { fig, img, ready, fit };
  }

  QS.util = { el, button, api, withToken, shown, loadImage, fitCrop, cropFigure, KIND_LABEL, IDENTITY,
    setFatal: (f) => { onFatal = f; } };

  // ---- widgets ---------------------------------------------------------------------
  // env: {blind, submit(value), initial (value to start from; default the guess)}.
  // A widget: {root, kind, value() (null = not answerable yet), missing (why not), key(e) -> consumed,
  // touched, focus(), select(value)}.

  // Numbered options (keys 1-9 and cfg.pick's); a tap decides. cfg: {pick(key) -> value|undefined,
  // noDefault (nothing chosen until a key or tap), missing (what to say when nothing is chosen)}.
  function optionWidget(it, env, options, cfg = {}) {
    const values = options.map((o) => o.value);
    const initial = env.initial !== undefined ? env.initial : cfg.noDefault ? null : it.guess;
    const w = { kind: it.kind, touched: false, current: values.includes(initial) ? initial : cfg.noDefault ? null : values[0] };
    w.root = el('ol', 'options ' + it.kind);
    const sync = () => { for (const li of w.root.children) li.classList.toggle('selected', li.dataset.value === w.current); };
    options.forEach((o, i) => {
      const li = el('li', 'option');
      li.dataset.value = o.value;
      li.append(el('kbd', 'key', o.key || String(i + 1)));
      const body = el('div', 'option-body');
      body.append(el('div', 'option-label', o.label), el('div', 'option-detail', o.detail));
      li.append(body);
      if (o.image) {
        const img = el('img', 'thumb');
        img.alt = 'preview of ' + o.label;
        img.src = withToken(o.image);
        li.append(img);
      }
      li.addEventListener('click', () => { w.select(o.value); env.submit(o.value); });   // a tap decides
      w.root.append(li);
    });
    w.select = (v) => { w.current = v; w.touched = true; sync(); };
    w.value = () => w.current;
    w.missing = cfg.missing || 'choose one first';
    w.key = (e) => {
      const k = e.key;
      let pick = cfg.pick ? cfg.pick(k) : undefined;
      if (pick === undefined && /^[1-9]$/.test(k) && Number(k) <= options.length) pick = values[Number(k) - 1];
      if (pick === undefined) return false;
      w.select(pick);
      return true;
    };
    w.focus = () => {};
    sync();
    return w;
  }

  function checkboxWidget(it, env) {
    // No default: Enter does nothing until the person says ticked or not (issue 21).
    return optionWidget(it, env, [
      { value: 'yes', label: 'Ticked', detail: 'exclude this participant from the research data', key: '1 y' },
      { value: '', label: 'Not ticked', detail: 'blank: the participant stays in the research', key: '2 n' },
    ], {
      noDefault: true,
      missing: 'Look at the box and choose: ticked (y) or not ticked (n) — there is no default.',
      pick: (k) => (/^[yYxX]$/.test(k) ? 'yes' : /^[nN0]$/.test(k) ? '' : undefined),
    });
  }

  function sheetWidget(it, env) {
    if (it.kind === 'sheet_missing') {
      return optionWidget(it, env, [
        { value: 'rescan', label: 'Rescan', detail: 'the page exists; keep its fields pending until it is scanned', key: '1 r' },
        { value: 'blank', label: 'Blank', detail: 'the page was not handed in; count its fields as blank', key: '2 b' },
      ], { pick: (k) => (k === 'r' ? 'rescan' : k === 'b' ? 'blank' : undefined) });
    }
    return optionWidget(it, env, (it.candidates || []).map((c) => ({
      value: c.page_id === null ? '' : String(c.page_id),
      label: 'Keep ' + (c.source || 'page') + (c.page_index ? ', page ' + c.page_index : ''),
      detail: 'page id ' + c.page_id,
      image: c.image,
    })));
  }

  function choiceWidget(it, env) {
    const initial = env.initial !== undefined ? env.initial : (it.guess ?? '');
    const letters = (it.choices || []).map((c) => c.value);
    const w = { kind: 'choice', touched: false, current: initial, several: false };
    w.root = el('div', 'choice-widget');
    const row = el('div', 'bubbles');
    row.style.setProperty('--n', String(Math.max(letters.length, 1)));
    row.dataset.n = String(letters.length);
    for (const c of it.choices || []) {
      const b = el('button', 'bubble');
      b.type = 'button';
      b.dataset.value = c.value;
      const f = typeof c.fill === 'number' ? Math.max(0, Math.min(1, c.fill)) : null;
      const meter = el('div', 'meter');
      const fill = el('div', 'meter-fill');
      fill.style.width = f === null ? '0%' : Math.round(f * 100) + '%';
      meter.append(fill);
      const text = el('div', 'opt-text', c.text || '');
      text.title = c.text || '';
      b.append(el('div', 'circle', c.value), meter, el('div', 'pct', f === null ? 'fill ?' : 'fill ' + Math.round(f * 100) + '%'), text);
      // A tap marks this letter alone and decides; with "several marks" on, it toggles instead.
      b.addEventListener('click', () => {
        if (w.several) { toggle(c.value); return; }
        w.current = c.value; w.touched = true; sync(); env.submit(c.value);
      });
      row.append(b);
    }
    const answer = el('div', 'answer-row');
    const box = el('output', 'answer choice');
    const several = button('several', 'several marks', null, () => { w.several = !w.several; several.classList.toggle('on', w.several); });
    const blank = button('blank', 'blank', null, () => { w.current = ''; w.touched = true; sync(); env.submit(''); });
    answer.append(el('span', 'answer-label', 'Answer'), box, several, blank);
    w.root.append(row, answer);
    function sync() {
      box.textContent = w.current === '' ? 'blank' : w.current;
      box.classList.toggle('empty', w.current === '');
      for (const b of row.children) b.classList.toggle('selected', w.current.includes(b.dataset.value));
    }
    function toggle(letter) {
      if (!w.touched) w.current = '';
      w.touched = true;
      const set = new Set(w.current.split('').filter(Boolean));
      if (set.has(letter)) set.delete(letter); else set.add(letter);
      w.current = [...set].sort().join('');
      sync();
    }
    w.value = () => w.current;
    w.key = (e) => {
      const k = e.key.toLowerCase();
      if (k.length === 1 && letters.includes(k)) { toggle(k); return true; }
      if (e.key === 'Backspace' || e.key === 'Delete') {
        w.current = w.touched ? w.current.slice(0, -1) : '';
        w.touched = true;
        sync();
        return true;
      }
      return false;
    };
    w.select = (v) => { w.current = v; w.touched = true; sync(); };
    w.focus = () => {};
    sync();
    return w;
  }

  function numberWidget(it, env) {
    const hideGuess = env.blind && env.initial === undefined;
    const initial = env.initial !== undefined ? env.initial : (hideGuess ? '' : (it.guess ?? ''));
    const w = { kind: 'number', touched: false };
    w.root = el('div', 'answer-row');
    const input = el('input', 'answer number');
    Object.assign(input, { autocomplete: 'off', spellcheck: false, value: initial, placeholder: 'blank' });
    input.setAttribute('inputmode', 'decimal');
    input.setAttribute('aria-label', 'the number as written');
    input.addEventListener('input', () => { w.touched = true; if (env.onInput) env.onInput(); });
    const note = el('span', 'guess-note', hideGuess ? 'blind: type what you read'
      : it.guess === null || it.guess === undefined ? 'no machine reading' : 'machine read: ' + (it.guess === '' ? 'blank' : it.guess));
    const blank = button('blank', 'blank', null, () => { input.value = ''; w.touched = true; env.submit(''); });
    w.root.append(el('span', 'answer-label', 'Number'), input, el('span', 'unit', it.unit || ''), blank, note);
    w.input = input;
    w.value = () => { const v = input.value.trim(); return v.startsWith('.') ? '0' + v : v; };
    w.untouched = () => !w.touched && input.selectionStart === 0 && input.selectionEnd === input.value.length;
    w.key = (e) => {
      if (document.activeElement !== input) input.focus();
      if (e.key.length === 1 && !/^[0-9.]$/.test(e.key)) return false;
      w.touched = true;
      return 'default';   // let the input take it
    };
    w.select = (v) => { input.value = v; };
    w.focus = () => { input.focus(); input.select(); };
    return w;
  }

  QS.widget = function widget(it, env) {
    switch (it.kind) {
      case 'choice': return choiceWidget(it, env);
      case 'number': return numberWidget(it, env);
      case 'checkbox': return checkboxWidget(it, env);
      case 'page_identity': return QS.identityWidget(it, env);
      case 'page_answers': return QS.answersWidget(it, env);
      default: return sheetWidget(it, env);
    }
  };
  QS.optionWidget = optionWidget;
})();
