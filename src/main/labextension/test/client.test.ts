import { describe, expect, it } from 'vitest';
import { GoferClient, GoferError, loginUrl, servicePrefix, submitRequest } from '../src/client';

type Reply = { status: number; json?: unknown; html?: string };

/** A scripted fetch: answers in order, records every request. */
function scripted(...replies: Reply[]) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const r = replies.shift();
    if (!r) {
      throw new Error('unexpected request ' + url);
    }
    return r.json !== undefined
      ? new Response(JSON.stringify(r.json), { status: r.status, headers: { 'Content-Type': 'application/json' } })
      : new Response(r.html ?? '', { status: r.status, headers: { 'Content-Type': 'text/html' } });
  };
  return { fetch, calls, left: () => replies.length };
}

function client(fetch: (u: string, i?: RequestInit) => Promise<Response>, extra = {}) {
  const slept: number[] = [];
  const c = new GoferClient('/services/gofer/', {
    fetch,
    sleep: async ms => {
      slept.push(ms);
    },
    ...extra
  });
  return { c, slept };
}

describe('servicePrefix', () => {
  it('derives the service path from the single-user server path', () => {
    expect(servicePrefix('/user/alice/')).toBe('/services/gofer/');
    expect(servicePrefix('/hub-base/user/alice/lab-server/')).toBe('/hub-base/services/gofer/');
    expect(servicePrefix('/')).toBe('/services/gofer/');
  });
  it('uses a configured path, with a trailing slash', () => {
    expect(servicePrefix('/user/alice/', '/services/grader')).toBe('/services/grader/');
  });
});

describe('submitRequest', () => {
  it('posts the notebook as JSON with the XSRF header, never following a redirect', () => {
    const [url, init] = submitRequest('/services/gofer/', { cells: [] }, 'x1');
    expect(url).toBe('/services/gofer/submit');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(init.redirect).toBe('error');
    expect(init.headers).toMatchObject({ 'Content-Type': 'application/json', 'X-Gofer-XSRF': 'x1' });
    expect(JSON.parse(init.body as string)).toEqual({ nb: { cells: [] } });
  });
  it('leaves the header out without a session token', () => {
    const [, init] = submitRequest('/p/', {}, null);
    expect(init.headers).not.toHaveProperty('X-Gofer-XSRF');
  });
  it('signs in with a GET that comes back to api/session', () => {
    expect(loginUrl('/services/gofer/')).toBe('/services/gofer/login?next=%2Fservices%2Fgofer%2Fapi%2Fsession');
  });
});

describe('GoferClient.submit', () => {
  const accepted = { id: 7, status: 'queued', links: { self: '/services/gofer/api/submissions/7' } };

  it('uses an existing session', async () => {
    const s = scripted({ status: 200, json: { name: 'alice', xsrf: 'x1' } }, { status: 202, json: accepted });
    const { c } = client(s.fetch);
    expect(await c.submit({ cells: [] })).toEqual(accepted);
    expect(s.calls.map(x => x.url)).toEqual(['/services/gofer/api/session', '/services/gofer/submit']);
    expect((s.calls[1].init?.headers as Record<string, string>)['X-Gofer-XSRF']).toBe('x1');
  });

  it('signs in through the hub first when there is no cookie, so the POST is not lost', async () => {
    const s = scripted(
      { status: 401, json: { error: 'authentication required' } },
      { status: 200, json: { name: 'alice', xsrf: 'x2' } },
      { status: 202, json: accepted }
    );
    const { c } = client(s.fetch);
    await c.submit({});
    expect(s.calls.map(x => x.url)).toEqual([
      '/services/gofer/api/session',
      loginUrl('/services/gofer/'),
      '/services/gofer/submit'
    ]);
    expect(s.calls[1].init?.method).toBeUndefined();
    expect((s.calls[2].init?.headers as Record<string, string>)['X-Gofer-XSRF']).toBe('x2');
  });

  it('says the hub sign-in expired when the sign-in ends on the hub login page', async () => {
    const s = scripted({ status: 401, json: {} }, { status: 200, html: '<form>password</form>' });
    const { c } = client(s.fetch);
    await expect(c.submit({})).rejects.toThrow(/sign-in has expired/);
  });

  it('with a navigation sign-in (JupyterHub 4.1+), navigates to the login URL and asks api/session again', async () => {
    const s = scripted(
      { status: 401, json: { error: 'authentication required' } },
      { status: 200, json: { name: 'alice', xsrf: 'x3' } },
      { status: 202, json: accepted }
    );
    const navigated: string[] = [];
    const { c } = client(s.fetch, { signIn: async (url: string) => void navigated.push(url) });
    await c.submit({});
    expect(navigated).toEqual([loginUrl('/services/gofer/')]);
    expect(s.calls.map(x => x.url)).toEqual([
      '/services/gofer/api/session',
      '/services/gofer/api/session',
      '/services/gofer/submit'
    ]);
    expect((s.calls[2].init?.headers as Record<string, string>)['X-Gofer-XSRF']).toBe('x3');
  });

  it('with a navigation sign-in, says the hub sign-in expired when Gofer still has no session', async () => {
    const s = scripted({ status: 401, json: {} }, { status: 401, json: {} });
    const { c } = client(s.fetch, { signIn: async () => undefined });
    await expect(c.submit({})).rejects.toThrow(/sign-in has expired/);
  });

  it('signs in again once when the cookie ends between session and POST', async () => {
    const s = scripted(
      { status: 200, json: { name: 'alice', xsrf: 'old' } },
      { status: 401, json: {} },
      { status: 200, json: { name: 'alice', xsrf: 'new' } },
      { status: 202, json: accepted }
    );
    const { c } = client(s.fetch);
    expect((await c.submit({})).id).toBe(7);
    expect((s.calls[3].init?.headers as Record<string, string>)['X-Gofer-XSRF']).toBe('new');
  });

  it("shows the service's reason for a 4xx", async () => {
    const s = scripted(
      { status: 200, json: { name: 'alice', xsrf: 'x' } },
      { status: 400, json: { error: 'unknown assignment demo/s1/nope' } }
    );
    await expect(client(s.fetch).c.submit({})).rejects.toThrow('unknown assignment demo/s1/nope');
  });

  it('explains 403 and 5xx', async () => {
    const forbidden = scripted({ status: 403, json: {} });
    await expect(client(forbidden.fetch).c.submit({})).rejects.toThrow(/not allowed to use Gofer/);
    const down = scripted({ status: 200, json: { name: 'a' } }, { status: 503, html: 'Service Unavailable' });
    const err = await client(down.fetch).c.submit({}).catch(e => e);
    expect(err).toBeInstanceOf(GoferError);
    expect(err.message).toMatch(/not available right now \(HTTP 503/);
  });
});

describe('GoferClient.waitForGrade', () => {
  const accepted = { id: 3, status: 'queued', links: { self: '/services/gofer/api/submissions/3' } };

  it('reports queued and running, then returns the graded submission', async () => {
    const s = scripted(
      { status: 200, json: { id: 3, status: 'queued' } },
      { status: 200, json: { id: 3, status: 'running' } },
      { status: 200, json: { id: 3, status: 'graded', score: 1, max_score: 2 } }
    );
    const { c, slept } = client(s.fetch, { fastPolls: 2, fastPollMs: 10, slowPollMs: 50 });
    const seen: string[] = [];
    const done = await c.waitForGrade(accepted, u => seen.push(u.status));
    expect(done.status).toBe('graded');
    expect(seen).toEqual(['queued', 'running']);
    expect(slept).toEqual([10, 10, 50]);
    expect(s.calls.every(x => x.url === '/services/gofer/api/submissions/3')).toBe(true);
  });

  it('returns a failed submission as a result, not an error', async () => {
    const s = scripted({ status: 200, json: { id: 3, status: 'failed', reason: 'timeout' } });
    expect((await client(s.fetch).c.waitForGrade(accepted, () => {})).reason).toBe('timeout');
  });

  it('gives up after the longest wait, saying the submission is kept', async () => {
    let t = 0;
    const fetch = async () =>
      new Response(JSON.stringify({ id: 3, status: 'queued' }), { headers: { 'Content-Type': 'application/json' } });
    const { c } = client(fetch, { now: () => (t += 60_000), maxWaitMs: 5 * 60_000 });
    await expect(c.waitForGrade(accepted, () => {})).rejects.toThrow(/Submission #3 is saved/);
  });

  it('stops on an error answer while polling', async () => {
    const s = scripted({ status: 403, json: { error: 'not yours' } });
    await expect(client(s.fetch).c.waitForGrade(accepted, () => {})).rejects.toThrow('not yours');
  });
});

describe('GoferClient.attempts', () => {
  it("reads the student's standing on the assignment the submission names", async () => {
    const s = scripted({ status: 200, json: { assignment: 'c/s/hw 1', attempts: { used: 2, max: 3, remaining: 1 } } });
    expect(await client(s.fetch).c.attempts('c/s/hw 1')).toEqual({ used: 2, max: 3, remaining: 1 });
    expect(s.calls.map(x => x.url)).toEqual(['/services/gofer/api/assignments/c/s/hw%201']);
  });

  it('is null without limits, without an assignment, and when the answer cannot be read', async () => {
    expect(await client(scripted({ status: 200, json: { assignment: 'c/s/a' } }).fetch).c.attempts('c/s/a')).toBeNull();
    expect(await client(scripted().fetch).c.attempts(undefined)).toBeNull();
    expect(await client(scripted({ status: 404, json: { error: 'no assignment' } }).fetch).c.attempts('c/s/a')).toBeNull();
    expect(await client(scripted({ status: 200, html: '<html>' }).fetch).c.attempts('c/s/a')).toBeNull();
    expect(await client(scripted().fetch).c.attempts('c/s/a')).toBeNull(); // the request itself failed
  });
});
