/**
 * The HTML viewer's inline script (plain ES2017, no libraries): reads the
 * embedded trace (`#trace-document`) and state table (`#trace-states`),
 * and steps through the trace. Step k shows state k (step 0 is the initial
 * state) with the rows that differ from state k − 1 marked; at the last
 * step of a lasso, Next goes back to the cycle's start, since the last
 * state is the cycle-start state again. A `#step-K` fragment opens step K.
 *
 * Kept free of template literals so it can live in one: nothing here may
 * contain a dollar sign followed by a brace, or a closing script tag.
 */
export const htmlScript = String.raw`
(function () {
  'use strict';
  var doc = JSON.parse(document.getElementById('trace-document').textContent);
  var table = JSON.parse(document.getElementById('trace-states').textContent);
  var last = doc.steps.length;
  var loop = typeof doc.loop === 'number' && doc.loop < last ? doc.loop : -1;
  var current = 0;
  var rows = Array.prototype.slice.call(document.querySelectorAll('#timeline tbody tr'));
  var position = document.getElementById('position');
  var title = document.getElementById('state-title');
  var stepText = document.getElementById('state-step');
  var note = document.getElementById('state-note');
  var body = document.getElementById('state-body');
  var buttons = {
    first: document.getElementById('first'),
    prev: document.getElementById('prev'),
    next: document.getElementById('next'),
    last: document.getElementById('last')
  };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // "next: mutex_lock(i_mutex) [SIGKILL, TIF_MEMDIE]": the flags as badges.
  function valueCell(value) {
    var td = el('td', 'value');
    var m = /^(.*) \[([^\]]+)\]$/.exec(value);
    td.appendChild(el('span', 'text', m ? m[1] : value));
    if (m) {
      m[2].split(', ').forEach(function (flag) {
        td.appendChild(document.createTextNode(' '));
        td.appendChild(el('span', 'flag flag-' + flag.replace(/[^A-Za-z_]/g, ''), flag));
      });
    }
    return td;
  }

  function renderState(k) {
    var values = table.values[k];
    var before = k > 0 ? table.values[k - 1] : null;
    var frag = document.createDocumentFragment();
    var i = 0;
    table.sections.forEach(function (section) {
      var t = el('table', 'fields');
      t.appendChild(el('caption', '', section.title));
      var head = el('thead');
      var hr = el('tr');
      var th1 = el('th', '', 'name');
      th1.scope = 'col';
      var th2 = el('th', '', 'value');
      th2.scope = 'col';
      hr.appendChild(th1);
      hr.appendChild(th2);
      head.appendChild(hr);
      t.appendChild(head);
      var tb = el('tbody');
      section.labels.forEach(function (label, j) {
        var value = values[i];
        var changed = before !== null && before[i] !== value;
        var tr = el('tr', changed ? 'changed' : '');
        tr.setAttribute('data-key', section.keys[j]);
        var th = el('th', '', label);
        th.scope = 'row';
        tr.appendChild(th);
        var td = valueCell(value);
        if (changed) td.appendChild(el('span', 'was', 'was: ' + before[i]));
        tr.appendChild(td);
        tb.appendChild(tr);
        i++;
      });
      t.appendChild(tb);
      frag.appendChild(t);
    });
    body.replaceChildren(frag);
  }

  function setDisabled(button, disabled) {
    button.setAttribute('aria-disabled', disabled ? 'true' : 'false');
  }

  function select(k, wrapped) {
    current = k;
    rows.forEach(function (row, j) {
      row.classList.toggle('selected', j === k);
      if (j === k) row.setAttribute('aria-current', 'step');
      else row.removeAttribute('aria-current');
    });
    position.textContent = 'step ' + k + ' of ' + last;
    title.textContent = k === 0 ? 'Initial state' : 'State after step ' + k;
    stepText.textContent = k === 0 ? 'Before any step.' : doc.steps[k - 1].actor + ': ' + doc.steps[k - 1].label;
    var message = '';
    if (wrapped) message = '↻ Back to the state after step ' + k + ': the state after step ' + last + ' is this one again, so steps ' + (k + 1) + '–' + last + ' repeat forever.';
    else if (k === last && loop >= 0) message = 'Last step of the cycle: Next goes back to the state after step ' + loop + ', the same state, and the cycle starts again with step ' + (loop + 1) + '.';
    else if (k === last && typeof doc.loop === 'number') message = 'No action is enabled: the system stays in this state forever.';
    else if (k === last) message = 'The property is violated in this state.';
    note.textContent = message;
    note.hidden = message === '';
    setDisabled(buttons.first, k === 0);
    setDisabled(buttons.prev, k === 0);
    setDisabled(buttons.next, k === last && loop < 0);
    setDisabled(buttons.last, k === last);
    buttons.next.title = k === last && loop >= 0 ? 'Back to the state after step ' + loop + ', where the cycle starts (→)' : 'Next step (→)';
    renderState(k);
    if (rows[k].scrollIntoView) rows[k].scrollIntoView({ block: 'nearest' });
  }

  function next() {
    if (current < last) select(current + 1, false);
    else if (loop >= 0) select(loop, true);
  }
  function prev() {
    if (current > 0) select(current - 1, false);
  }

  buttons.first.addEventListener('click', function () { select(0, false); });
  buttons.prev.addEventListener('click', prev);
  buttons.next.addEventListener('click', next);
  buttons.last.addEventListener('click', function () { select(last, false); });
  rows.forEach(function (row, k) {
    row.addEventListener('click', function () { select(k, false); });
  });
  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var tag = event.target && event.target.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
    var actions = { ArrowRight: next, ArrowLeft: prev, Home: function () { select(0, false); }, End: function () { select(last, false); } };
    var action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  var fromHash = /^#step-(\d+)$/.exec(location.hash);
  select(fromHash && Number(fromHash[1]) <= last ? Number(fromHash[1]) : 0, false);
})();
`;
