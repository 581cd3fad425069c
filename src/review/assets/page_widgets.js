// quizscan review page: the widgets of page-wide items. An unidentified page offers the pages still
// lacking as one-key choices (the likeliest preselected: Enter takes it); a page with no marks found
// is keyed answer by answer, one row per field.
'use strict';

(() => {
  const QS = (window.QS = window.QS || {});
  const { el, button, IDENTITY } = QS.util;
  const SHOWN = 9;    // choices listed at once (keys 1-9); typing narrows the rest down

  QS.identityWidget = function identityWidget(it, env) {
    const all = (it.identity_choices || []).map((c) => ({
      value: c.value, label: c.participant_id + ' · ' + c.session + ' · page ' + c.sheet_page, detail: c.why, c,
    }));
    const notForm = { value: 'not-a-form', label: 'Not a page of this form', detail: 'a foreign page, a cover sheet, a stray print', key: 'x' };
    const w = { kind: 'page_identity', touched: false, typing: all.length === 0, sel: 0, rows: [] };
    w.root = el('div', 'identity');
    const list = el('ol', 'options page_identity');
    const typeRow = el('div', 'answer-row identity-type');
    const input = el('input', 'answer page_identity');
    Object.assign(input, { autocomplete: 'off', spellcheck: false, placeholder: '482913/pre/1' });
    input.setAttribute('autocapitalize', 'off');
    input.setAttribute('aria-label', 'participant/session/page');
    const typeBtn = button('type-another', 'type another page', 't', () => setTyping(true));
    const helpers = el('div', 'helpers');
    for (const [part, label] of [['pre', 'pre'], ['post', 'post'], ['1', 'page 1'], ['2', 'page 2']])
      helpers.append(button(null, label, null, () => fillPart(part)));
    typeRow.append(el('span', 'answer-label', 'ID/session/page'), input, helpers);
    const more = el('p', 'more-note');
    w.root.append(list, more, typeBtn, typeRow);

    const initial = env.initial !== undefined ? env.initial : null;
    if (initial && !all.some((r) => r.value === initial) && initial !== 'not-a-form') { w.typing = true; input.value = initial; }

    function visible() {
      const typed = input.value.trim().toLowerCase().replace(/\s+/g, '/');
      return (w.typing && typed ? all.filter((r) => r.value.startsWith(typed)) : all).slice(0, SHOWN);
    }
    function render() {
      w.rows = [...visible(), notForm];
      if (initial && !w.touched) {
        const at = w.rows.findIndex((r) => r.value === initial);
        if (at >= 0) w.sel = at;
      }
      w.sel = Math.min(w.sel, w.rows.length - 1);
      list.replaceChildren();
      w.rows.forEach((r, i) => {
        const li = el('li', 'option' + (i === w.sel ? ' selected' : ''));
        li.dataset.value = r.value;
        li.append(el('kbd', 'key', r.key || (i < 9 && !w.typing ? String(i + 1) : '↓')));
        const body = el('div', 'option-body');
        body.append(el('div', 'option-label', r.label), el('div', 'option-detail', r.detail));
        li.append(body);
        li.addEventListener('click', () => { w.sel = i; w.touched = true; render(); env.submit(r.value); });
        list.append(li);
      });
      const rest = all.length - visible().length;
      more.textContent = all.length === 0 ? 'No page is missing from the roster: type the page if you know it, or say it is not a form.'
        : rest > 0 && !w.typing ? rest + ' more pages are missing: type the first digits of the ID (t) to find one.' : '';
      typeRow.hidden = !w.typing;
      typeBtn.hidden = w.typing;
    }
    function setTyping(on) {
      w.typing = on;
      w.sel = 0;
      render();
      if (on) { input.focus(); input.select(); }
    }
    function fillPart(part) {
      const parts = input.value.trim().split(/[/\s]+/).filter(Boolean);
      if (part === 'pre' || part === 'post') parts[1] = part; else parts[2] = part;
      input.value = [parts[0] || '', parts[1] || '', parts[2] || ''].join('/').replace(/\/+$/, '');
      w.touched = true;
      render();
      input.focus();
    }
    input.addEventListener('input', () => { w.touched = true; w.sel = 0; render(); });

    w.value = () => {
      const typed = input.value.trim().toLowerCase().replace(/\s+/g, '/');
      if (w.typing && (IDENTITY.test(typed) || typed === 'not-a-form')) return typed;
      if (w.typing && typed && w.rows.length === 1) return typed;   // only "not a form" left: let the server say what is wrong
      return w.rows[w.sel] ? w.rows[w.sel].value : null;
    };
    w.missing = 'choose a page, or type one (t)';
    w.key = (e) => {
      const k = e.key;
      if (k === 'ArrowDown' || k === 'ArrowUp') {
        w.sel = (w.sel + (k === 'ArrowDown' ? 1 : w.rows.length - 1)) % w.rows.length;
        w.touched = true;
        render();
        return true;
      }
      if (!w.typing) {
        if (/^[1-9]$/.test(k) && Number(k) <= Math.min(9, w.rows.length - 1)) { w.sel = Number(k) - 1; w.touched = true; render(); return true; }
        if (k === 'x' || k === 'X') { w.sel = w.rows.length - 1; w.touched = true; render(); return true; }
        if (k === 't' || k === '/') { setTyping(true); return true; }
        if (/^[0-9]$/.test(k)) { setTyping(true); input.value = k; w.touched = true; render(); return true; }  // beyond the choices: an ID
        return false;
      }
      if (document.activeElement !== input) input.focus();
      if (k === 'Escape' && all.length) { input.value = ''; setTyping(false); return true; }
      const whole = input.selectionStart === 0 && input.selectionEnd === input.value.length;
      if ((k === 'x' || k === 'X') && (input.value === '' || whole)) { input.value = 'not-a-form'; w.touched = true; render(); return true; }
      if (k === ' ') { input.setRangeText('/', input.selectionStart, input.selectionEnd, 'end'); w.touched = true; render(); return true; }
      w.touched = true;
      return 'default';
    };
    w.focus = () => { if (w.typing) input.focus(); };
    w.select = (v) => { input.value = v; setTyping(true); };
    render();
    return w;
  };

  // A page whose marks were not found: every choice and checkbox field of it, keyed from the paper.
  // Value "q1=a;q2=;q3=bc;no_research=yes" (each field once, in print order).
  QS.answersWidget = function answersWidget(it, env) {
    const fields = Array.isArray(it.options) ? it.options.filter((o) => o && o.field) : [];
    const given = {};
    if (typeof env.initial === 'string')
      for (const part of env.initial.split(';')) { const [f, v] = part.split('='); if (f) given[f] = v ?? ''; }
    const w = { kind: 'page_answers', touched: false, cur: 0 };
    const rows = fields.map((f) => ({
      f, letters: (f.values || []).filter((v) => v !== 'yes'),
      // A checkbox (NO RESEARCH) starts unchosen: it needs an explicit answer.
      v: f.field in given ? given[f.field] : f.kind === 'checkbox' ? null : (f.read || ''),
    }));
    w.root = el('ol', 'answers');
    function render() {
      w.root.replaceChildren();
      rows.forEach((r, i) => {
        const li = el('li', 'answers-row' + (i === w.cur ? ' current' : '') + (r.v === null ? ' unset' : ''));
        li.append(el('span', 'answers-field', r.f.field));
        const opts = el('span', 'answers-opts');
        if (r.f.kind === 'checkbox') {
          opts.append(pick(i, 'yes', 'ticked', r.v === 'yes'), pick(i, '', 'not ticked', r.v === ''));
        } else {
          for (const l of r.letters) opts.append(pick(i, l, l, (r.v || '').includes(l), true));
          opts.append(pick(i, '', '–', r.v === ''));
        }
        const read = r.f.read ? 'read: ' + r.f.read : r.f.kind === 'checkbox' ? 'choose' : 'read: blank';
        li.append(opts, el('span', 'answers-now', r.v === null ? '?' : r.v === '' ? 'blank' : r.v), el('span', 'answers-read', read));
        li.addEventListener('click', () => { w.cur = i; render(); });
        w.root.append(li);
      });
    }
    function pick(i, value, label, on, toggles) {
      const b = el('button', 'pick' + (on ? ' on' : ''), label);
      b.type = 'button';
      b.addEventListener('click', (e) => {
        e.stopPropagation();
        set(i, value, toggles);
        w.cur = i;
        render();
      });
      return b;
    }
    function set(i, value, toggles) {
      const r = rows[i];
      w.touched = true;
      if (toggles && value) {
        const s = new Set((r.v || '').split('').filter(Boolean));
        if (s.has(value)) s.delete(value); else s.add(value);
        r.v = [...s].sort().join('');
      } else {
        r.v = value;
      }
    }
    const advance = () => { w.cur = Math.min(rows.length - 1, w.cur + 1); };
    w.value = () => (rows.some((r) => r.v === null) ? null : rows.map((r) => r.f.field + '=' + r.v).join(';'));
    w.missing = 'Choose ticked (y) or not ticked (n) for ' + rows.filter((r) => r.f.kind === 'checkbox').map((r) => r.f.field).join(', ') +
      ' — there is no default.';
    w.key = (e) => {
      const r = rows[w.cur];
      if (!r) return false;
      const k = e.key;
      const l = k.toLowerCase();
      if (k === 'ArrowDown' || k === 'ArrowUp') { w.cur = Math.max(0, Math.min(rows.length - 1, w.cur + (k === 'ArrowDown' ? 1 : -1))); }
      else if (r.f.kind === 'checkbox' && /^[yn]$/.test(l)) { set(w.cur, l === 'y' ? 'yes' : ''); advance(); }
      else if (r.letters.includes(l) && e.shiftKey) set(w.cur, l, true);
      else if (r.letters.includes(l)) { set(w.cur, l); advance(); }
      else if (k === 'Delete') { set(w.cur, ''); advance(); }
      else if (k === 'Backspace') set(w.cur, r.f.kind === 'checkbox' ? null : '');
      else return false;
      render();
      return true;
    };
    w.focus = () => {};
    w.select = () => {};
    render();
    return w;
  };
})();
