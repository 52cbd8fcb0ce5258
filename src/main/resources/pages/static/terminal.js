// Gofer debug terminal: xterm.js on a websocket that speaks terminado's messages
// (["stdin", data], ["set_size", rows, cols] out; ["setup", {}], ["stdout", data], ["disconnect", 1] in).
// Same-origin only; a signed-in browser sends the session's XSRF token with the upgrade.
(function () {
  'use strict';
  var el = document.getElementById('terminal');
  var status = document.getElementById('terminal-status');
  if (!el || !status) { return; }
  function setStatus(text, state) {
    status.textContent = text;
    status.setAttribute('data-state', state);
  }
  if (!window.Terminal) {
    setStatus('The terminal could not load (xterm.js is missing).', 'closed');
    return;
  }
  var meta = document.querySelector('meta[name="gofer-xsrf"]');
  var xsrf = meta ? meta.getAttribute('content') : '';
  var url = (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host
    + el.getAttribute('data-socket') + (xsrf ? '?xsrf=' + encodeURIComponent(xsrf) : '');

  var term = new window.Terminal({ cursorBlink: true, scrollback: 5000, fontSize: 14 });
  var fit = window.FitAddon ? new window.FitAddon.FitAddon() : null;
  if (fit) { term.loadAddon(fit); }
  term.open(el);
  if (fit) { fit.fit(); }
  window.goferTerminal = term; // what the screen shows, for the browser tests

  var socket = new WebSocket(url);
  var disconnected = false;
  function send(message) {
    if (socket.readyState === WebSocket.OPEN) { socket.send(JSON.stringify(message)); }
  }
  socket.onopen = function () {
    setStatus('Connected; starting the container…', 'starting');
    send(['set_size', term.rows, term.cols]);
    term.focus();
  };
  socket.onmessage = function (event) {
    var message;
    try { message = JSON.parse(event.data); } catch (e) { return; }
    if (!Array.isArray(message)) { return; }
    if (message[0] === 'stdout') {
      term.write(message[1]);
      if (status.getAttribute('data-state') === 'setup') { setStatus('Connected.', 'open'); }
    } else if (message[0] === 'setup') {
      setStatus('Connected; starting the container…', 'setup');
    } else if (message[0] === 'disconnect') {
      disconnected = true;
    }
  };
  socket.onclose = function (event) {
    var why = event.reason || (disconnected ? 'the session ended'
      : 'the service refused or the connection failed (code ' + event.code + ')');
    setStatus('Closed: ' + why + '. Reload the page for a new container.', 'closed');
    term.setOption('disableStdin', true);
  };
  term.onData(function (data) { send(['stdin', data]); });
  term.onResize(function (size) { send(['set_size', size.rows, size.cols]); });
  window.addEventListener('resize', function () { if (fit) { fit.fit(); } });
  // Leaving the page ends the session at once: the service removes the container.
  window.addEventListener('pagehide', function () { socket.close(1000, 'page closed'); });
})();
