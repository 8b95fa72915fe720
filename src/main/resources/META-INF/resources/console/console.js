// The console's only script. Every action is a call of the gateway's API with a JSON (or, for an upload, CSV or
// JSON Lines) content type, as a script would make it; the browser sends the operator's login. Answers are shown as
// text (never as HTML).
'use strict';

async function callApi(url, body, type) {
  const response = await fetch(url, {
    method: 'POST',
    // X-Requested-With: with an OIDC login that has ended, the gateway answers 499 instead of a login page
    headers: { 'Content-Type': type, 'Accept': 'application/json', 'X-Requested-With': 'JavaScript' },
    body: body,
    credentials: 'same-origin'
  });
  let answer;
  if (response.status === 499 || response.status === 401) {
    // 499: the OIDC session has ended (the page asked not to be sent to a login page); 401: no login came with it
    return { status: 401, answer: { error: 'your login has ended: reload the page to log in again (nothing was sent)' } };
  }
  try {
    answer = await response.json();
  } catch (e) {
    answer = { error: response.status + ' ' + response.statusText };
  }
  return { status: response.status, answer: answer };
}

function say(out, text, ok) {
  out.textContent = text;
  out.className = 'answer ' + (ok ? 'ok' : 'refused');
}

function element(tag, text) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) {
    e.textContent = String(text);
  }
  return e;
}

// Buttons that call the API: data-post is the URL, data-reason the id of a reason field, data-out the answer's place
function actionButtons() {
  document.querySelectorAll('button[data-post]').forEach(function (button) {
    button.addEventListener('click', async function () {
      const out = document.getElementById(button.dataset.out);
      const body = {};
      if (button.dataset.reason) {
        body.reason = document.getElementById(button.dataset.reason).value;
      }
      button.disabled = true;
      say(out, 'Sending…', true);
      try {
        const result = await callApi(button.dataset.post, JSON.stringify(body), 'application/json');
        const ok = result.status < 300;
        say(out, ok ? 'Done: ' + (result.answer.status || 'OK') + '. Reloading…'
          : 'Refused (' + result.status + '): ' + (result.answer.error || result.answer.rule || JSON.stringify(result.answer)), ok);
        if (ok) {
          window.setTimeout(function () { window.location.reload(); }, 500);
        } else {
          button.disabled = false;
        }
      } catch (e) {
        say(out, 'Not sent: ' + e, false);
        button.disabled = false;
      }
    });
  });
}

// The submit page: the chosen file is the body of POST /api/batches?name=<its name>; the answer is the check's report
function uploadForm() {
  const form = document.getElementById('upload');
  if (!form) {
    return;
  }
  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    const out = document.getElementById(form.dataset.out);
    const file = document.getElementById('file').files[0];
    if (!file) {
      return;
    }
    const type = /\.csv$/i.test(file.name) ? 'text/csv' : 'application/x-ndjson';
    const send = document.getElementById('send');
    send.disabled = true;
    out.replaceChildren(element('p', 'Checking ' + file.name + '…'));
    try {
      const result = await callApi(form.dataset.action + '?name=' + encodeURIComponent(file.name), file, type);
      showReport(out, result);
    } catch (e) {
      out.replaceChildren(element('p', 'Not sent: ' + e));
    }
    send.disabled = false;
    out.focus();
  });
}

function showReport(out, result) {
  const a = result.answer;
  const parts = [];
  const head = element('h2', a.status ? 'Answer: ' + a.status : 'Refused (' + result.status + ')');
  head.id = 'upload-status';
  parts.push(head);
  if (a.message || a.error || a.rule) {
    parts.push(element('p', a.message || a.error || ((a.field ? a.field + ' ' : '') + a.rule)));
  }
  if (a.batchId) {
    const p = element('p', 'Batch ');
    const link = element('a', a.batchId);
    link.href = '/console/batches/' + encodeURIComponent(a.batchId);
    link.id = 'upload-batch';
    p.append(link);
    parts.push(p);
  }
  if (Array.isArray(a.errors) && a.errors.length > 0) {
    const table = element('table');
    table.id = 'upload-errors';
    const header = element('tr');
    ['Line', 'partner_trx_id', 'Field', 'Rule'].forEach(function (h) {
      const th = element('th', h);
      th.scope = 'col';
      header.append(th);
    });
    table.append(element('thead'));
    table.tHead.append(header);
    const body = element('tbody');
    a.errors.forEach(function (e) {
      const tr = element('tr');
      [e.line, e.partner_trx_id, e.field, e.rule].forEach(function (v) { tr.append(element('td', v)); });
      body.append(tr);
    });
    table.append(body);
    parts.push(table);
  }
  out.className = 'answer ' + (result.status < 300 ? 'ok' : 'refused');
  out.replaceChildren.apply(out, parts);
}

// The Stuck page's replay buttons (admin): POST /api/dlq/{queue}/replay. A queue that holds commands that can move
// money is replayed only after the operator confirmed it, and then with {"confirmMoneyMovement": true}; the answer
// (how many were replayed, which stayed and why) is shown as text.
function replayButtons() {
  document.querySelectorAll('button[data-replay]').forEach(function (button) {
    button.addEventListener('click', async function () {
      const out = document.getElementById(button.dataset.out);
      const money = button.dataset.money === 'true';
      if (money && !window.confirm('The dead letters of ' + button.dataset.queue + ' include commands that can move money. '
          + 'Ask the bank first whether they were carried out. Replay them?')) {
        say(out, 'Not replayed.', false);
        return;
      }
      button.disabled = true;
      say(out, 'Sending…', true);
      try {
        const result = await callApi(button.dataset.replay, JSON.stringify(money ? { confirmMoneyMovement: true } : {}),
          'application/json');
        const a = result.answer;
        if (result.status < 300) {
          const held = Array.isArray(a.held) ? a.held : [];
          let text = 'Replayed ' + a.replayed + ' to ' + a.queue + '; ' + held.length + ' stayed on the dead-letter queue.';
          held.forEach(function (h) { text += ' ' + (h.operation || '') + ' ' + (h.reference || h.messageId) + ': ' + h.held + '.'; });
          say(out, text + ' Reload the page to see the queue again.', true);
        } else {
          say(out, 'Refused (' + result.status + '): ' + (a.error || JSON.stringify(a)), false);
          button.disabled = false;
        }
      } catch (e) {
        say(out, 'Not sent: ' + e, false);
        button.disabled = false;
      }
    });
  });
}

document.addEventListener('DOMContentLoaded', function () {
  actionButtons();
  uploadForm();
  replayButtons();
});
