'use strict';
/* Shared by the pages: the API with the session's CSRF token, the event stream, small DOM helpers. */
const Callwire = (() => {
  let csrf = '';

  async function request(method, path, body) {
    const headers = {'Accept': 'application/json'};
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      headers['X-CSRF-Token'] = csrf;
    }
    const response = await fetch(path, {method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)});
    const text = await response.text();
    let data = {};
    try { data = text ? JSON.parse(text) : {}; } catch (e) { data = {error: {code: 'bad_response', message: text}}; }
    if (response.status === 401 && path !== '/api/login') {
      window.location.href = '/';
      throw new Error('not logged in');
    }
    if (!response.ok) {
      const error = new Error(data.error ? data.error.message : ('HTTP ' + response.status));
      error.code = data.error ? data.error.code : 'http_' + response.status;
      error.status = response.status;
      throw error;
    }
    return data;
  }

  async function me() {
    const who = await request('GET', '/api/me');
    csrf = who.csrf;
    return who;
  }

  function setCsrf(token) { csrf = token; }

  /** Opens the event stream and reopens it after a break; onMessage gets each parsed message. */
  function connect(onMessage, onState) {
    let delay = 500;
    function open() {
      const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host
        + '/ws?csrf=' + encodeURIComponent(csrf));
      socket.onopen = () => { delay = 500; if (onState) onState(true); };
      socket.onmessage = (m) => onMessage(JSON.parse(m.data));
      socket.onclose = (e) => {
        if (onState) onState(false);
        if (e.code === 4401) { window.location.href = '/'; return; }
        setTimeout(open, delay);
        delay = Math.min(delay * 2, 10000);
      };
    }
    open();
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.substring(2), v);
      else if (k.startsWith('data-')) node.setAttribute(k, v);
      else node[k] = v;
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function duration(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    return (h > 0 ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(r).padStart(2, '0');
  }

  function time(ms) {
    return ms ? new Date(ms).toLocaleString() : '';
  }

  async function logout() {
    try { await request('POST', '/api/logout', {}); } finally { window.location.href = '/'; }
  }

  return {request, me, setCsrf, connect, el, duration, time, logout};
})();
