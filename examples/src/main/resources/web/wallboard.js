'use strict';
(() => {
  const {request, me, connect, el, duration, time, logout} = Callwire;
  const $ = (id) => document.getElementById(id);
  let board = null;
  const pushedAlerts = [];

  function status(text, ok) {
    $('status').textContent = text;
    $('status').className = 'status ' + (ok ? 'ok' : 'error');
  }

  async function post(path, body, done) {
    try {
      const r = await request('POST', '/api/supervisor/' + path, body);
      status(done || r.detail || 'done', true);
      return r;
    } catch (err) {
      status(err.message, false);
      return null;
    }
  }

  function render() {
    $('target').textContent = board.target;
    $('queues').tBodies[0].replaceChildren(...board.queues.map(q => el('tr', {'data-queue': q.id, class: q.belowTarget ? 'below' : ''},
      el('td', {}, q.id), el('td', {class: 'waiting num'}, q.waiting), el('td', {class: 'longest num'}, duration(q.longestWaitMs)),
      el('td', {class: 'sl num'}, q.serviceLevel.toFixed(1) + '%'), el('td', {class: 'answered num'}, q.answered),
      el('td', {class: 'abandoned num'}, q.abandoned), el('td', {class: 'asa num'}, duration(q.asaMs)),
      el('td', {class: 'aht num'}, duration(q.ahtMs)))));
    $('alerts').replaceChildren(...board.alerts.concat(pushedAlerts.slice(-3)).map(a => el('div', {class: 'alert'}, a)));
    const counts = {};
    board.agents.forEach(a => { counts[a.state] = (counts[a.state] || 0) + 1; });
    $('agent-summary').textContent = Object.entries(counts).map(([s, n]) => n + ' ' + s).join(', ');
    $('agents').tBodies[0].replaceChildren(...board.agents.map(a => {
      const select = el('select', {'aria-label': 'new state of ' + a.id},
        el('option', {value: 'ready'}, 'ready'), el('option', {value: 'not-ready'}, 'not ready'), el('option', {value: 'logout'}, 'log out'));
      return el('tr', {'data-agent': a.id},
        el('td', {}, a.id + ' (' + a.station + ')'), el('td', {class: 'state s-' + a.state}, a.state + (a.reason ? ' ' + a.reason : '')),
        el('td', {class: 'num'}, duration(a.timeInStateMs)),
        el('td', {}, select, el('button', {class: 'secondary small-btn', onclick: () =>
          post('agent-state', {agentId: a.id, state: select.value}, a.id + ': ' + select.value)}, 'Set')));
    }));
    $('live-calls').tBodies[0].replaceChildren(...board.calls.map(c => el('tr', {'data-call-id': c.id},
      el('td', {}, c.id), el('td', {}, c.queue), el('td', {}, c.agentId), el('td', {class: 'num'}, duration(c.talkingMs)),
      el('td', {}, ...['listen', 'whisper', 'barge'].map(mode => el('button', {class: 'secondary small-btn btn-' + mode,
        onclick: () => post('monitor', {callId: c.id, mode}, mode + ' on ' + c.id)}, mode))))));
    drawChart();
  }

  function drawChart() {
    const canvas = $('chart');
    const g = canvas.getContext('2d');
    const w = canvas.width, h = canvas.height, pad = 36;
    g.clearRect(0, 0, w, h);
    g.strokeStyle = '#ccd'; g.fillStyle = '#556'; g.font = '12px sans-serif'; g.lineWidth = 1;
    g.strokeRect(pad, 8, w - 2 * pad, h - pad);
    const points = board.history;
    const end = board.now, start = end - 3600 * 1000;
    const maxWaiting = Math.max(5, ...points.map(p => p[1]));
    const x = (t) => pad + (w - 2 * pad) * (t - start) / (end - start);
    const yW = (v) => 8 + (h - pad) * (1 - v / maxWaiting);
    const yS = (v) => 8 + (h - pad) * (1 - v / 100);
    g.fillText(String(maxWaiting), 4, 16); g.fillText('0', 4, h - pad + 8);
    g.fillText('100%', w - pad + 2, 16); g.fillText('0%', w - pad + 2, h - pad + 8);
    g.fillText('-60 min', pad, h - 8); g.fillText('now', w - pad - 20, h - 8);
    g.setLineDash([4, 4]); g.strokeStyle = '#d55';
    g.beginPath(); g.moveTo(pad, yS(board.target)); g.lineTo(w - pad, yS(board.target)); g.stroke(); g.setLineDash([]);
    const line = (color, y, index) => {
      g.strokeStyle = color; g.lineWidth = 2; g.beginPath();
      points.forEach((p, i) => { const px = x(p[0]), py = y(p[index]); if (i === 0) g.moveTo(px, py); else g.lineTo(px, py); });
      g.stroke();
    };
    line('#2a6fdb', yW, 1);
    line('#1a9a5a', yS, 2);
  }

  async function loadRecordings() {
    try {
      const r = await request('GET', '/api/supervisor/recordings');
      $('recordings').replaceChildren(...r.recordings.slice(0, 8).map(rec => el('li', {},
        rec.id + ' call ' + rec.callId + ' ' + (rec.agentId || '') + ' ' + time(rec.startedAt) + (rec.stoppedAt ? '' : ' (recording)') + ' ',
        el('button', {class: 'secondary small-btn btn-play', onclick: () => {
          $('player').src = '/api/supervisor/recordings/' + encodeURIComponent(rec.id) + '/audio'; $('player').play(); }}, 'Play'))));
    } catch (err) { status(err.message, false); }
  }

  async function loadWorkOrders() {
    try {
      const r = await request('GET', '/api/supervisor/workorders');
      $('workorders').tBodies[0].replaceChildren(...r.workOrders.map(o => el('tr', {'data-order': o.id, class: o.status === 'ESCALATED' ? 'below' : ''},
        el('td', {}, o.id), el('td', {}, o.category), el('td', {}, o.priority), el('td', {}, o.status), el('td', {}, o.agentId),
        el('td', {}, time(o.deadlineAt)), el('td', {}, o.notes),
        el('td', {}, o.status === 'CLOSED' ? '' : el('button', {class: 'secondary small-btn btn-close', onclick: async () => {
          if (await post('close-workorder', {id: String(o.id)}, 'work order ' + o.id + ' closed')) loadWorkOrders(); }}, 'Close')))));
      $('followups').replaceChildren(...r.followUps.map(f => el('li', {}, 'work order #' + f.workOrderId + ': ' + f.status
        + ', due ' + time(f.dueAt) + (f.taskId ? ', task ' + f.taskId : '') + (f.detail ? ' (' + f.detail + ')' : ''))));
    } catch (err) { status(err.message, false); }
  }

  function onMessage(m) {
    if (m.type === 'wallboard') { board = m; render(); }
    else if (m.type === 'alert') { pushedAlerts.push(m.message); if (board) render(); }
  }

  async function start() {
    const who = await me();
    if (who.role !== 'SUPERVISOR') { window.location.href = '/agent'; return; }
    $('supervisor-name').textContent = who.user;
    $('btn-logout').addEventListener('click', logout);
    const first = await request('GET', '/api/supervisor/wallboard');
    if (first.now) { board = first; render(); }
    connect(onMessage, (up) => { $('link').textContent = up ? 'online' : 'offline'; $('link').className = 'link ' + (up ? 'up' : 'down'); });
    loadRecordings(); loadWorkOrders();
    setInterval(() => { loadRecordings(); loadWorkOrders(); }, 10000);
  }

  start().catch(err => status(err.message, false));
})();
