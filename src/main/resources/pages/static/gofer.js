// Gofer pages: the upload form, instructor actions, live status and progress. Same-origin only;
// every change is a JSON or multipart fetch carrying the session's X-Gofer-XSRF header.
(function () {
  'use strict';
  var meta = function (name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : '';
  };
  var prefix = meta('gofer-prefix');
  var xsrf = meta('gofer-xsrf');
  var MAX_POLLS = 600; // bounded: about 20 minutes at 2 s

  function headers(extra) {
    var h = { 'X-Gofer-XSRF': xsrf };
    Object.keys(extra || {}).forEach(function (k) { h[k] = extra[k]; });
    return h;
  }

  function errorText(res) {
    return res.json().then(function (b) { return b.error || ('HTTP ' + res.status); },
      function () { return 'HTTP ' + res.status; });
  }

  function messageNear(el) {
    var m = el.parentElement && el.parentElement.querySelector('.form-message');
    return m || document.getElementById('upload-message');
  }

  function poll(url, every, onBody) {
    var n = 0;
    function tick() {
      if (++n > MAX_POLLS) { return; }
      fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (b) { if (b && onBody(b) !== false) { setTimeout(tick, every); } },
          function () { setTimeout(tick, every * 2); });
    }
    setTimeout(tick, every);
  }

  // Upload form: multipart POST to {prefix}submit, then the new submission's page.
  var form = document.getElementById('upload-form');
  if (form) {
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var msg = document.getElementById('upload-message');
      var button = form.querySelector('button');
      button.disabled = true;
      msg.textContent = 'Uploading…';
      fetch(form.getAttribute('data-submit'), {
        method: 'POST', credentials: 'same-origin', headers: headers(), body: new FormData(form)
      }).then(function (res) {
        if (res.status === 202) {
          return res.json().then(function (b) {
            msg.textContent = b.message;
            window.location.assign(prefix + 'pages/submissions/' + b.id);
          });
        }
        return errorText(res).then(function (t) { msg.textContent = 'Not submitted: ' + t; });
      }, function () { msg.textContent = 'Not submitted: the service did not answer.'; })
        .then(function () { button.disabled = false; });
    });
  }

  // Assignment upload (instructors): multipart POST of the zip (and solution) as a draft, then its page.
  var draft = document.getElementById('draft-form');
  if (draft) {
    draft.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var msg = document.getElementById('draft-message');
      var button = draft.querySelector('button');
      var key = draft.querySelector('input[name="key"]').value.trim();
      var data = new FormData(draft);
      data.delete('key');
      var solution = draft.querySelector('input[name="solution"]');
      if (!solution.files.length) { data.delete('solution'); }
      button.disabled = true;
      msg.textContent = 'Uploading…';
      fetch(draft.getAttribute('data-api') + key + '/draft', {
        method: 'POST', credentials: 'same-origin', headers: headers(), body: data
      }).then(function (res) {
        if (res.status === 201) {
          window.location.assign(draft.getAttribute('data-pages') + key);
          return null;
        }
        return errorText(res).then(function (t) { msg.textContent = 'Not uploaded: ' + t; });
      }, function () { msg.textContent = 'Not uploaded: the service did not answer.'; })
        .then(function () { button.disabled = false; });
    });
  }

  // Roster form: multipart POST of the CSV; the page shows the new roster, or the line that is wrong.
  var roster = document.getElementById('roster-form');
  if (roster) {
    roster.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var msg = document.getElementById('roster-message');
      var button = roster.querySelector('button');
      button.disabled = true;
      msg.textContent = 'Uploading…';
      fetch(roster.getAttribute('data-upload'), {
        method: 'POST', credentials: 'same-origin', headers: headers(), body: new FormData(roster)
      }).then(function (res) {
        if (res.ok) { window.location.reload(); return; }
        return errorText(res).then(function (t) { msg.textContent = 'Roster not changed: ' + t; });
      }, function () { msg.textContent = 'Roster not changed: the service did not answer.'; })
        .then(function () { button.disabled = false; });
    });
  }

  // Instructor buttons: POST their JSON body, then reload or follow a progress URL.
  Array.prototype.forEach.call(document.querySelectorAll('button[data-post]'), function (button) {
    button.addEventListener('click', function () {
      var msg = messageNear(button);
      button.disabled = true;
      fetch(button.getAttribute('data-post'), {
        method: 'POST', credentials: 'same-origin',
        headers: headers({ 'Content-Type': 'application/json' }), body: button.getAttribute('data-body')
      }).then(function (res) {
        if (!res.ok) { return errorText(res).then(function (t) { msg.textContent = t; button.disabled = false; }); }
        return res.json().then(function (b) {
          var progressUrl = button.getAttribute('data-progress');
          if (progressUrl) {
            msg.textContent = (b.requeued || 0) + ' submission(s) queued for regrading';
            followProgress(progressUrl, msg);
          } else if (button.getAttribute('data-done') === 'reload') {
            window.location.reload();
          }
        });
      }, function () { msg.textContent = 'The service did not answer.'; button.disabled = false; });
    });
  });

  function followProgress(url, msg) {
    var bar = document.getElementById('regrade-progress');
    if (bar) { bar.hidden = false; }
    poll(url, 1000, function (p) {
      var finished = p.graded + p.failed;
      if (bar) { bar.max = Math.max(1, p.total); bar.value = finished; }
      msg.textContent = 'Regrading: ' + finished + ' of ' + p.total + ' done (' + p.queued + ' queued, '
        + p.running + ' running)';
      if (p.done) {
        msg.textContent = 'Regrade finished: ' + finished + ' of ' + p.total + ' graded';
        msg.setAttribute('data-done', 'true');
        setTimeout(function () { window.location.reload(); }, 800);
        return false;
      }
      return true;
    });
  }

  // Display name on the leaderboard page: PUT to choose it, DELETE to remove it, then reload.
  var nameForm = document.getElementById('display-name-form');
  if (nameForm) {
    var nameMessage = document.getElementById('display-name-message');
    var sendName = function (method, body) {
      Array.prototype.forEach.call(nameForm.querySelectorAll('button'), function (b) { b.disabled = true; });
      fetch(nameForm.getAttribute('data-url'), {
        method: method, credentials: 'same-origin',
        headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(body)
      }).then(function (res) {
        if (res.ok) { window.location.reload(); return; }
        return errorText(res).then(function (t) { nameMessage.textContent = t; });
      }, function () { nameMessage.textContent = 'The service did not answer.'; })
        .then(function () {
          Array.prototype.forEach.call(nameForm.querySelectorAll('button'), function (b) { b.disabled = false; });
        });
    };
    nameForm.addEventListener('submit', function (ev) {
      ev.preventDefault();
      sendName('PUT', { display_name: nameForm.querySelector('input[name="display_name"]').value });
    });
    var removeName = document.getElementById('display-name-remove');
    if (removeName) {
      removeName.addEventListener('click', function () { sendName('DELETE', {}); });
    }
  }

  // Live status of a queued or running submission.
  Array.prototype.forEach.call(document.querySelectorAll('[data-poll]'), function (el) {
    poll(el.getAttribute('data-poll'), 2000, function (b) {
      var s = el.querySelector('.status');
      if (s) { s.textContent = b.status; s.className = 'status ' + b.status; }
      if (b.status === 'graded' || b.status === 'failed') { window.location.reload(); return false; }
      return true;
    });
  });

  // Instructor forms (extensions, overrides): the filled-in fields as JSON, numbers as numbers, with
  // the form's method (PUT or DELETE); reload on success, else show the service's message.
  Array.prototype.forEach.call(document.querySelectorAll('form.json-form'), function (f) {
    f.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var msg = f.querySelector('.form-message');
      var body = {};
      Array.prototype.forEach.call(f.querySelectorAll('input'), function (input) {
        var v = input.value.trim();
        if (v !== '') { body[input.name] = input.type === 'number' ? Number(v) : v; }
      });
      fetch(f.getAttribute('data-url'), {
        method: f.getAttribute('data-method'), credentials: 'same-origin',
        headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(body)
      }).then(function (res) {
        if (res.ok) { window.location.reload(); return; }
        return errorText(res).then(function (t) { msg.textContent = t; });
      }, function () { msg.textContent = 'The service did not answer.'; });
    });
  });

  // Pages that refresh themselves (the queue).
  var refresh = document.querySelector('[data-refresh]');
  if (refresh) {
    setTimeout(function () { window.location.reload(); }, 1000 * Number(refresh.getAttribute('data-refresh')));
  }
}());
