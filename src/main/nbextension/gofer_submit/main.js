// Gofer's Submit button for the classic Jupyter Notebook (6.x), as a notebook extension.
//
// A click: save the notebook; make sure the browser holds Gofer's service cookie (sign in through
// the hub's OAuth with a GET that fetch() may redirect freely, so the POST itself is never
// redirected and never loses the notebook); POST {"nb": ...} with the session's XSRF header; poll
// the submission until it is graded; show the score and per-question feedback. Hidden tests are
// shown only as a count.
//
// Where Gofer is: nbconfig "notebook" section key gofer_submit.service_url (e.g.
// "/services/gofer/"), else the hub's base URL + "services/gofer/".
define(['jquery', 'base/js/namespace', 'base/js/utils'], function ($, Jupyter, utils) {
    'use strict';

    var FAST_POLL_MS = 1000;
    var SLOW_POLL_MS = 3000;
    var FAST_POLLS = 30;
    var MAX_WAIT_MS = 15 * 60 * 1000;
    var busy = false;

    function servicePrefix() {
        var configured = ((Jupyter.notebook.config || {}).data || {}).gofer_submit;
        if (configured && configured.service_url) {
            var url = String(configured.service_url);
            return url.charAt(url.length - 1) === '/' ? url : url + '/';
        }
        // Single-user servers live at {hub base}user/{name}/[server/]; Gofer at {hub base}services/gofer/.
        var base = utils.get_body_data('baseUrl') || '/';
        var m = /^(.*\/)user\/[^\/]+\/.*$/.exec(base);
        return (m ? m[1] : '/') + 'services/gofer/';
    }

    function GoferError(message) {
        this.message = message;
    }

    function sleep(ms) {
        return new Promise(function (resolve) { setTimeout(resolve, ms); });
    }

    function readJson(response) {
        var type = response.headers.get('Content-Type') || '';
        if (type.indexOf('json') < 0) {
            return Promise.resolve(null);
        }
        return response.json().catch(function () { return null; });
    }

    function errorFor(response, body, what) {
        var detail = body && body.error ? body.error : '';
        if (response.status === 401) {
            return new GoferError('Gofer could not tell who you are. Reload the page (sign in to the hub again) and retry.');
        }
        if (response.status === 403) {
            return new GoferError(detail || 'You are not allowed to use Gofer. Ask your instructor for access.');
        }
        if (response.status >= 500) {
            return new GoferError('Gofer is not available right now (HTTP ' + response.status + ' while ' + what +
                '). Your notebook is saved; try again in a minute.');
        }
        return new GoferError(detail || ('Gofer answered HTTP ' + response.status + ' while ' + what + '.'));
    }

    // The service cookie: ask for the session first; when there is none, sign in. fetch() follows
    // login -> hub authorize -> oauth_callback -> api/session, and the browser keeps the cookie.
    function session(prefix) {
        var opts = {credentials: 'same-origin', headers: {'Accept': 'application/json'}};
        return fetch(prefix + 'api/session', opts).then(function (response) {
            if (response.ok) {
                return readJson(response);
            }
            if (response.status !== 401) {
                return readJson(response).then(function (b) { throw errorFor(response, b, 'signing in'); });
            }
            var login = prefix + 'login?next=' + encodeURIComponent(prefix + 'api/session');
            return fetch(login, opts).then(function (r) {
                return readJson(r).then(function (b) {
                    if (!r.ok) {
                        throw errorFor(r, b, 'signing in');
                    }
                    if (!b || !b.name) {
                        // Redirected to the hub's login page: the hub session has ended.
                        throw new GoferError('Your hub sign-in has expired. Reload the page, sign in, and submit again.');
                    }
                    return b;
                });
            });
        });
    }

    function post(prefix, who, notebook) {
        var headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
        if (who && who.xsrf) {
            headers['X-Gofer-XSRF'] = who.xsrf;
        }
        return fetch(prefix + 'submit', {
            method: 'POST',
            credentials: 'same-origin',
            redirect: 'error',
            headers: headers,
            body: JSON.stringify({nb: notebook})
        });
    }

    function submit(prefix, notebook) {
        return session(prefix).then(function (who) {
            return post(prefix, who, notebook).then(function (response) {
                if (response.status === 401) {
                    // The cookie ended between the two requests: sign in once more and resend.
                    return session(prefix).then(function (again) { return post(prefix, again, notebook); });
                }
                return response;
            });
        }).then(function (response) {
            return readJson(response).then(function (body) {
                if (!response.ok || !body || body.id === undefined) {
                    throw errorFor(response, body, 'submitting');
                }
                return body;
            });
        });
    }

    function poll(prefix, accepted, onUpdate) {
        var url = (accepted.links && accepted.links.self) || (prefix + 'api/submissions/' + accepted.id);
        var started = Date.now();
        var count = 0;
        function next() {
            if (Date.now() - started > MAX_WAIT_MS) {
                throw new GoferError('Still grading after ' + Math.round(MAX_WAIT_MS / 60000) + ' minutes. ' +
                    'Submission #' + accepted.id + ' is saved; check back later.');
            }
            return sleep(count++ < FAST_POLLS ? FAST_POLL_MS : SLOW_POLL_MS).then(function () {
                return fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json'}});
            }).then(function (response) {
                return readJson(response).then(function (body) {
                    if (!response.ok || !body) {
                        throw errorFor(response, body, 'checking on submission #' + accepted.id);
                    }
                    if (body.status === 'graded' || body.status === 'failed') {
                        return body;
                    }
                    onUpdate(body);
                    return next();
                });
            });
        }
        return next();
    }

    // ---- the panel ----

    function panel() {
        var p = $('#gofer-submit-panel');
        if (p.length === 0) {
            p = $('<div id="gofer-submit-panel" role="status" aria-live="polite"/>').css({
                position: 'fixed', right: '16px', bottom: '16px', zIndex: 1000, width: '380px',
                maxHeight: '60vh', overflowY: 'auto', background: '#fff', border: '1px solid #ccc',
                borderRadius: '4px', boxShadow: '0 2px 8px rgba(0,0,0,.2)', padding: '10px 12px'
            });
            $('body').append(p);
        }
        return p;
    }

    function show(state, title, bodyNodes) {
        var p = panel().attr('data-gofer-state', state).empty();
        var close = $('<button type="button" class="close" aria-label="Close">&times;</button>')
            .on('click', function () { p.remove(); });
        p.append(close, $('<strong class="gofer-title"/>').text(title));
        (bodyNodes || []).forEach(function (n) { p.append(n); });
    }

    function fmt(x) {
        return (Math.round(Number(x) * 100) / 100).toString();
    }

    // The student's submissions used on the assignment, when it limits them (null otherwise, or
    // when the answer cannot be read: it only adds a line under the result).
    function attempts(prefix, assignment) {
        if (!assignment) {
            return Promise.resolve(null);
        }
        var path = assignment.split('/').map(encodeURIComponent).join('/');
        return fetch(prefix + 'api/assignments/' + path, {credentials: 'same-origin', headers: {Accept: 'application/json'}})
            .then(function (response) { return response.ok ? readJson(response) : null; })
            .then(function (body) { return body && body.attempts && typeof body.attempts.used === 'number' ? body.attempts : null; },
                function () { return null; });
    }

    function attemptsLine(a) {
        var used = a.max != null ? a.used + ' of ' + a.max : String(a.used);
        var left = a.remaining != null ? a.remaining : (a.max != null ? a.max - a.used : 1);
        var next = a.max != null && left <= 0 ? 'no submissions left.'
            : a.next_allowed_at ? 'the next is allowed at ' + new Date(a.next_allowed_at).toLocaleTimeString() + '.'
                : 'you may submit again.';
        return $('<p class="gofer-attempts"/>').text('Submissions used: ' + used + '; ' + next);
    }

    function showResult(result, standing) {
        var standingNodes = standing ? [attemptsLine(standing)] : [];
        if (result.status === 'failed') {
            show('failed', 'Grading failed', [
                $('<p class="gofer-reason"/>').text(result.reason || 'The grader could not run your notebook.')
            ].concat(standingNodes, [
                $('<p/>').text('Submission #' + result.id + '. Fix the problem and submit again, or ask your instructor.')
            ]));
            return;
        }
        var nodes = [$('<p class="gofer-score" style="font-size:1.4em;margin:6px 0"/>')
            .text('Score: ' + fmt(result.score) + ' / ' + fmt(result.max_score))];
        var list = $('<ul class="gofer-tests" style="padding-left:18px"/>');
        var hidden = 0;
        var shownHidden = 0;
        (result.tests || []).forEach(function (t) {
            if (t.hidden && !t.message) {
                hidden += 1;
                return;
            }
            if (t.hidden) {
                shownHidden += 1;
            }
            var item = $('<li/>').attr('data-test', t.name)
                .append($('<span/>').text((t.passed ? '\u2714 ' : '\u2718 ') + t.name + ': ' +
                    fmt(t.score) + ' / ' + fmt(t.max_score)));
            if (t.message && !t.passed) {
                item.append($('<pre class="gofer-feedback" style="white-space:pre-wrap;font-size:.85em"/>')
                    .text(t.message));
            }
            list.append(item);
        });
        nodes.push(list);
        // Until an instructor releases them, the service leaves hidden tests out and only counts them.
        hidden = Math.max(hidden, (result.hidden_tests || 0) - shownHidden);
        if (hidden > 0) {
            nodes.push($('<p class="gofer-hidden"/>').text(hidden + (hidden === 1 ? ' hidden test' : ' hidden tests') +
                ' also counted in the score.'));
        }
        (result.errors || []).slice(0, 3).forEach(function (e) {
            nodes.push($('<p class="gofer-cell-error" style="color:#a94442"/>')
                .text('A cell raised ' + (e.ename || e.error || 'an error') + (e.evalue ? ': ' + e.evalue : '')));
        });
        nodes = nodes.concat(standingNodes);
        nodes.push($('<p style="color:#777;margin:4px 0 0"/>').text('Submission #' + result.id));
        show('graded', 'Graded', nodes);
    }

    function onClick() {
        if (busy) {
            return;
        }
        busy = true;
        var prefix = servicePrefix();
        show('saving', 'Saving your notebook\u2026');
        Promise.resolve(Jupyter.notebook.save_notebook()).then(function () {
            show('submitting', 'Submitting to Gofer\u2026');
            return submit(prefix, Jupyter.notebook.toJSON());
        }).then(function (accepted) {
            show('queued', 'Submitted (#' + accepted.id + '): waiting for a grader\u2026');
            return poll(prefix, accepted, function (s) {
                show(s.status, s.status === 'running' ? 'Grading your notebook\u2026' : 'Waiting for a grader\u2026',
                    [$('<p/>').text('Submission #' + s.id)]);
            });
        }).then(function (finished) {
            return attempts(prefix, finished.assignment).then(function (standing) { showResult(finished, standing); });
        }).then(null, function (err) {
            var message = err instanceof GoferError ? err.message
                : 'Could not reach Gofer (' + (err && err.message ? err.message : err) + '). Your notebook is saved.';
            show('error', 'Submission problem', [$('<p class="gofer-error"/>').text(message)]);
        }).then(function () { busy = false; });
    }

    function load_ipython_extension() {
        var action = Jupyter.actions.register({
            icon: 'fa-paper-plane',
            help: 'Submit this notebook to Gofer for grading',
            help_index: 'zz',
            handler: onClick
        }, 'submit-notebook', 'gofer');
        Jupyter.toolbar.add_buttons_group([{action: action, label: 'Submit', id: 'gofer-submit-button'}],
            'gofer-submit-group');
    }

    return {load_ipython_extension: load_ipython_extension};
});
