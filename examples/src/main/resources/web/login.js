'use strict';
document.getElementById('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  try {
    const who = await Callwire.request('POST', '/api/login', {
      user: document.getElementById('user').value,
      password: document.getElementById('password').value});
    window.location.href = who.role === 'SUPERVISOR' ? '/wallboard' : '/agent';
  } catch (err) {
    error.textContent = err.message;
  }
});
