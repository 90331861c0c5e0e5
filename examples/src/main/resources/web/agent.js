'use strict';
(() => {
  const {request, me, connect, el, duration, time, logout} = Callwire;
  const $ = (id) => document.getElementById(id);
  const IVR = {'1': 'repair', '2': 'inquiry', '3': 'complaint', '4': 'help request'};
  let desk = null;
  let shownPop = null;
  let refreshTimer = null;
  let pendingKey = '';

  function status(text, ok) {
    $('status').textContent = text;
    $('status').className = 'status ' + (ok ? 'ok' : 'error');
  }

  async function act(path, body, done) {
    try {
      const result = await request('POST', '/api/agent/' + path, body);
      status(done || result.detail || 'done', true);
      scheduleRefresh();
      return result;
    } catch (err) {
      status(err.message, false);
      return null;
    }
  }

  function scheduleRefresh() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => { refreshTimer = null; refresh(); }, 120);
  }

  async function refresh() {
    try {
      desk = await request('GET', '/api/agent/desk');
    } catch (err) {
      status(err.message, false);
      return;
    }
    renderState();
    renderOffer(desk.offer);
    renderCalls();
    renderWrapUp();
  }

  let shownOffer = null;

  /** A task offered without a call (a follow-up to place): the customer, the work order, accept or reject. */
  function renderOffer(offer) {
    shownOffer = offer || null;
    $('offer').hidden = !offer;
    if (!offer) return;
    const customer = offer.customer;
    $('offer-customer').textContent = customer ? customer.name : 'Unknown customer';
    $('offer-tier').textContent = customer ? customer.tier : '';
    $('offer-phone').textContent = offer.ani || '(no number)';
    $('offer-task').textContent = offer.kind + ' task ' + offer.taskId;
    const o = offer.workOrder;
    $('offer-order').textContent = o ? 'Work order #' + o.id + ' ' + o.category + ' (' + o.priority + ', '
      + o.status.toLowerCase() + '): ' + o.notes : '';
    $('offer-title').textContent = offer.accepted ? 'Calling the customer…' : 'Follow-up call offered';
    $('btn-accept-offer').disabled = offer.accepted;
    $('btn-reject-offer').disabled = offer.accepted;
    if (!shownPop || shownPop.taskId !== offer.taskId) showPop(offer);
  }

  async function answerOffer(accept) {
    if (!shownOffer) return;
    const reservationId = shownOffer.reservationId;
    const result = accept
      ? await act('accept-offer', {reservationId}, 'calling ' + (shownOffer.ani || 'the customer'))
      : await act('reject-offer', {reservationId, reason: $('offer-reject-reason').value}, 'offer rejected');
    if (result && !accept) renderOffer(null);
  }

  function renderState() {
    const a = desk.agent;
    $('agent-state').textContent = a.state;
    $('agent-state').className = 'state s-' + a.state;
    $('agent-reason').textContent = a.reason ? '(' + a.reason + ')' : '';
    $('agent-since').textContent = a.since ? 'for ' + duration(desk.now - a.since) : '';
  }

  function button(label, cls, handler, enabled) {
    const b = el('button', {class: cls, onclick: handler}, label);
    b.disabled = !enabled;
    return b;
  }

  function destination() {
    const d = $('transfer-dest').value.trim();
    if (!d) status('enter a station or queue to transfer or consult to', false);
    return d;
  }

  function renderCalls() {
    const box = $('calls');
    box.replaceChildren();
    if (desk.calls.length === 0) {
      box.append(el('p', {class: 'muted'}, 'No calls.'));
    }
    for (const c of desk.calls) {
      const s = c.myState;
      const consult = c.parentCallId !== '';
      const card = el('div', {class: 'call s-' + s, 'data-call-id': c.id},
        el('div', {class: 'call-head'},
          el('b', {}, consult ? 'Consultation ' : 'Call '),
          el('span', {class: 'call-ani'}, c.ani || c.dnis), ' ',
          el('span', {class: 'tag'}, c.queue || c.direction), ' ',
          el('span', {class: 'call-state'}, s)),
        el('div', {class: 'muted small'}, 'call ' + c.id + ' — parties: '
          + c.legs.filter(l => l.state !== 'CLEARED' && l.state !== 'FAILED').map(l => l.device + ' ' + l.state).join(', ')));
      const row = el('div', {class: 'row'});
      row.append(
        button('Answer', 'btn-answer', () => act('answer', {callId: c.id}, 'answered'), s === 'ALERTING'),
        button('Hold', 'btn-hold secondary', () => act('hold', {callId: c.id}, 'on hold'), s === 'CONNECTED' && !consult),
        button('Retrieve', 'btn-retrieve secondary', () => act('retrieve', {callId: c.id}, 'retrieved'), s === 'CONNECTED' || s === 'HELD'),
        button('Transfer', 'btn-transfer secondary', () => { const d = destination(); if (d) act('transfer', {callId: c.id, destination: d}, 'transferred to ' + d); },
          (s === 'CONNECTED' || s === 'HELD') && !consult),
        button('Consult', 'btn-consult secondary', () => { const d = destination(); if (d) act('consult', {callId: c.id, destination: d}, 'consulting ' + d); },
          (s === 'CONNECTED' || s === 'HELD') && !consult),
        button('Hang up', 'btn-hangup danger', () => act('hangup', {callId: c.id}, 'hung up'), s !== 'ALERTING'));
      if (consult) {
        const pair = {callId: c.parentCallId, consultCallId: c.id};
        row.append(
          button('Complete transfer', 'btn-complete', () => act('complete-transfer', pair, 'transfer completed'), s === 'CONNECTED'),
          button('Conference', 'btn-conference secondary', () => act('conference', pair, 'conference'), s === 'CONNECTED'),
          button('Cancel consultation', 'btn-cancel-consult secondary', () => act('cancel-consult', pair, 'consultation cancelled'), true));
      }
      card.append(row);
      box.append(card);
      if (c.pop && (!shownPop || shownPop.callId !== c.id) && (s === 'ALERTING' || !shownPop)) {
        showPop(c.pop);
      }
    }
  }

  function showPop(pop) {
    shownPop = pop;
    $('pop-empty').hidden = true;
    $('pop-body').hidden = false;
    const customer = pop.customer;
    $('pop-customer-name').textContent = customer ? customer.name : 'Unknown caller';
    $('pop-tier').textContent = customer ? customer.tier : (pop.data['customer.tier'] || '');
    $('pop-ani').textContent = pop.ani;
    $('pop-queue').textContent = pop.queue || '-';
    $('pop-address').textContent = customer ? customer.address : '';
    const choice = pop.data['ivr.choice'];
    const data = Object.entries(pop.data).map(([k, v]) => k + '=' + v).join(', ');
    $('pop-ivr').textContent = (choice ? 'option ' + choice + (IVR[choice] ? ' (' + IVR[choice] + ')' : '') + '; ' : '') + data;
    $('pop-orders').replaceChildren(...(pop.openWorkOrders.length ? pop.openWorkOrders.map(o =>
      el('li', {class: o.status === 'ESCALATED' ? 'escalated' : ''}, '#' + o.id + ' ' + o.category + ' (' + o.priority + ', '
        + o.status.toLowerCase() + ', due ' + time(o.deadlineAt) + ') ' + o.notes)) : [el('li', {class: 'muted'}, 'none')]));
    $('pop-previous').replaceChildren(...(pop.previousCalls.length ? pop.previousCalls.map(p =>
      el('li', {}, time(p.endedAt) + ' ' + p.queue + ' ' + p.outcome + (p.agentId ? ' by ' + p.agentId : ''))) : [el('li', {class: 'muted'}, 'none')]));
  }

  function renderWrapUp() {
    const pending = desk.pendingDispositions;
    $('wrapup').hidden = pending.length === 0;
    const key = pending.map(p => p.callId).join(',');
    if (key === pendingKey) return;
    pendingKey = key;
    $('wrapup-call').replaceChildren(...pending.map(p => el('option', {value: p.callId}, p.ani + ' (' + p.callId + ')')));
    if ($('wrapup-category').options.length === 0) {
      $('wrapup-category').replaceChildren(...desk.categories.map(c => el('option', {value: c}, c)));
      $('wrapup-priority').replaceChildren(...desk.priorities.map(p => el('option', {value: p}, p)));
      $('wrapup-priority').value = 'normal';
    }
    const first = pending[0];
    if (first && shownPop && shownPop.callId === first.callId && shownPop.data['ivr.choice'] && IVR[shownPop.data['ivr.choice']]) {
      $('wrapup-category').value = IVR[shownPop.data['ivr.choice']];
    }
    loadHistory();
  }

  async function loadHistory() {
    try {
      const h = await request('GET', '/api/agent/history');
      $('history').tBodies[0].replaceChildren(...h.calls.map(c => el('tr', {},
        el('td', {}, time(c.endedAt)), el('td', {}, c.phone), el('td', {}, c.queue), el('td', {}, c.outcome),
        el('td', {}, c.workOrder ? '#' + c.workOrder.id + ' ' + c.workOrder.category : ''))));
    } catch (err) {
      status(err.message, false);
    }
  }

  function onMessage(m) {
    if (m.type === 'event') {
      const e = m.event;
      const item = el('li', {}, e.type + (e.state ? ' ' + e.state : '') + (e.callId ? ' call ' + e.callId : ''));
      $('events').prepend(item);
      while ($('events').children.length > 40) $('events').lastChild.remove();
      scheduleRefresh();
      if (e.type === 'CallEnded') setTimeout(loadHistory, 300);
    } else if (m.type === 'offer') {
      renderOffer(m);
    } else if (m.type === 'pop') {
      showPop(m);
      scheduleRefresh();
    } else if (m.type === 'error') {
      status(m.error.message, false);
    }
  }

  async function start() {
    const who = await me();
    if (who.role !== 'AGENT') { window.location.href = '/wallboard'; return; }
    $('agent-name').textContent = who.agentId;
    $('agent-station').textContent = who.station;
    for (const key of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']) {
      $('dtmf').append(el('button', {class: 'dtmf-key secondary', 'data-digit': key, onclick: () => {
        const call = desk && desk.calls.find(c => c.myState === 'CONNECTED');
        if (!call) { status('DTMF needs a connected call', false); return; }
        act('dtmf', {callId: call.id, digits: key}, 'sent ' + key);
      }}, key));
    }
    $('btn-ready').addEventListener('click', () => act('state', {state: 'ready'}, 'ready'));
    $('btn-notready').addEventListener('click', () => act('state', {state: 'not-ready', reason: $('notready-reason').value}, 'not ready'));
    $('btn-logout').addEventListener('click', logout);
    $('btn-accept-offer').addEventListener('click', () => answerOffer(true));
    $('btn-reject-offer').addEventListener('click', () => answerOffer(false));
    $('wrapup-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const result = await act('disposition', {
        callId: $('wrapup-call').value, category: $('wrapup-category').value, priority: $('wrapup-priority').value,
        notes: $('wrapup-notes').value, ready: $('wrapup-ready').checked}, 'work order created');
      if (result) {
        const o = result.workOrder;
        $('wrapup-result').textContent = 'Work order #' + o.id + ' created: ' + o.category + ', ' + o.priority
          + ', due ' + time(o.deadlineAt);
        $('wrapup-notes').value = '';
        pendingKey = '';
        loadHistory();
      }
    });
    connect(onMessage, (up) => { $('link').textContent = up ? 'online' : 'offline'; $('link').className = 'link ' + (up ? 'up' : 'down'); if (up) scheduleRefresh(); });
    await refresh();
    loadHistory();
    setInterval(() => { if (desk) { desk.now += 1000; renderState(); } }, 1000);
  }

  start().catch(err => status(err.message, false));
})();
