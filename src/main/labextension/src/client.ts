/**
 * Talking to Gofer from a notebook page: the request sequence of the Submit button, without any
 * JupyterLab dependency so that it can be tested on its own. `fetch` and the clock are injected.
 *
 * 1. GET api/session; on 401 sign in through the hub: login?next=api/session, which the browser
 *    follows through the hub's OAuth (authorize -> oauth_callback -> api/session) and which leaves
 *    Gofer's cookie. Only this GET is ever redirected: a redirected POST would become a GET and
 *    lose the notebook. JupyterHub 4.1+ refuses its login cookie on a fetch() of the authorize page
 *    (a cookie-authenticated request that is not a navigation needs the hub's XSRF token, which a
 *    notebook page does not have), so the page signs in with a navigation (`signIn`, a hidden
 *    iframe) and then asks api/session again; without `signIn` the GET is a fetch (JupyterHub 3).
 * 2. POST submit {"nb": ...} as JSON with the session's X-Gofer-XSRF header.
 * 3. GET api/submissions/{id} until the status is graded or failed.
 * 4. GET api/assignments/{assignment}: the student's submissions used against the assignment's
 *    limits, when it has any (shown under the result; left out when it cannot be read).
 */

export type SubmissionStatus = 'queued' | 'running' | 'graded' | 'failed' | string;

export interface TestView {
  name: string;
  score: number;
  max_score: number;
  hidden: boolean;
  passed: boolean;
  message?: string | null;
}

export interface CellErrorView {
  ename?: string;
  evalue?: string;
  [key: string]: unknown;
}

export interface SubmissionView {
  id: number;
  status: SubmissionStatus;
  score?: number | null;
  max_score?: number | null;
  reason?: string | null;
  tests?: TestView[];
  hidden_tests?: number;
  errors?: CellErrorView[];
  assignment?: string;
  links?: { self?: string };
}

/** A student's standing against an assignment's submission limits (GET api/assignments/{key}). */
export interface AttemptsView {
  used: number;
  max?: number | null;
  remaining?: number | null;
  next_allowed_at?: string | null;
  may_now?: boolean;
}

export interface SessionView {
  name: string;
  instructor?: boolean;
  xsrf?: string | null;
}

/** A failure to show the student as it is. */
export class GoferError extends Error {}

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface ClientOptions {
  fetch: FetchLike;
  /** Loads the URL as a navigation (the browser follows the redirects) and resolves when it is done. */
  signIn?: (url: string) => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  fastPollMs?: number;
  slowPollMs?: number;
  fastPolls?: number;
  maxWaitMs?: number;
}

/** Where Gofer is: a configured path, else the hub's base URL (from the server's) + services/gofer/. */
export function servicePrefix(serverBaseUrl: string, configured?: string | null): string {
  if (configured) {
    return configured.endsWith('/') ? configured : configured + '/';
  }
  const m = /^(.*\/)user\/[^/]+\/.*$/.exec(serverBaseUrl);
  return (m ? m[1] : '/') + 'services/gofer/';
}

/** The POST that submits a notebook; never redirected. */
export function submitRequest(prefix: string, notebook: unknown, xsrf?: string | null): [string, RequestInit] {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json'
  };
  if (xsrf) {
    headers['X-Gofer-XSRF'] = xsrf;
  }
  return [
    prefix + 'submit',
    {
      method: 'POST',
      credentials: 'same-origin',
      redirect: 'error',
      headers,
      body: JSON.stringify({ nb: notebook })
    }
  ];
}

export function loginUrl(prefix: string): string {
  return prefix + 'login?next=' + encodeURIComponent(prefix + 'api/session');
}

async function readJson(response: Response): Promise<any> {
  const type = response.headers.get('Content-Type') || '';
  if (!type.includes('json')) {
    return null;
  }
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** What to tell the student about an unsuccessful answer. */
export function errorFor(status: number, body: any, what: string): GoferError {
  const detail = body && typeof body.error === 'string' ? body.error : '';
  if (status === 401) {
    return new GoferError('Gofer could not tell who you are. Reload the page (sign in to the hub again) and retry.');
  }
  if (status === 403) {
    return new GoferError(detail || 'You are not allowed to use Gofer. Ask your instructor for access.');
  }
  if (status >= 500) {
    return new GoferError(
      `Gofer is not available right now (HTTP ${status} while ${what}). Your notebook is saved; try again in a minute.`
    );
  }
  return new GoferError(detail || `Gofer answered HTTP ${status} while ${what}.`);
}

const JSON_GET: RequestInit = { credentials: 'same-origin', headers: { Accept: 'application/json' } };

export class GoferClient {
  private readonly fetch: FetchLike;
  private readonly signIn?: (url: string) => Promise<void>;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly fastPollMs: number;
  private readonly slowPollMs: number;
  private readonly fastPolls: number;
  readonly maxWaitMs: number;

  constructor(readonly prefix: string, options: ClientOptions) {
    this.fetch = options.fetch;
    this.signIn = options.signIn;
    this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
    this.now = options.now ?? (() => Date.now());
    this.fastPollMs = options.fastPollMs ?? 1000;
    this.slowPollMs = options.slowPollMs ?? 3000;
    this.fastPolls = options.fastPolls ?? 30;
    this.maxWaitMs = options.maxWaitMs ?? 15 * 60 * 1000;
  }

  /** Who the browser is to Gofer, signing in through the hub when there is no session yet. */
  async session(): Promise<SessionView> {
    const r = await this.fetch(this.prefix + 'api/session', JSON_GET);
    if (r.ok) {
      return readJson(r);
    }
    if (r.status !== 401) {
      throw errorFor(r.status, await readJson(r), 'signing in');
    }
    let signedIn: Response;
    if (this.signIn) {
      await this.signIn(loginUrl(this.prefix));
      signedIn = await this.fetch(this.prefix + 'api/session', JSON_GET);
      if (signedIn.status === 401) {
        // the navigation ended on the hub's login page: the hub session is over.
        throw new GoferError('Your hub sign-in has expired. Reload the page, sign in, and submit again.');
      }
    } else {
      signedIn = await this.fetch(loginUrl(this.prefix), JSON_GET);
    }
    const body = await readJson(signedIn);
    if (!signedIn.ok) {
      throw errorFor(signedIn.status, body, 'signing in');
    }
    if (!body || !body.name) {
      // fetch ended on the hub's login page: the hub session is over.
      throw new GoferError('Your hub sign-in has expired. Reload the page, sign in, and submit again.');
    }
    return body;
  }

  /** Sends the notebook; resolves to the 202 answer. */
  async submit(notebook: unknown): Promise<SubmissionView> {
    let who = await this.session();
    let r = await this.fetch(...submitRequest(this.prefix, notebook, who.xsrf));
    if (r.status === 401) {
      // The cookie ended between the two requests: sign in once more and resend.
      who = await this.session();
      r = await this.fetch(...submitRequest(this.prefix, notebook, who.xsrf));
    }
    const body = await readJson(r);
    if (!r.ok || !body || body.id === undefined) {
      throw errorFor(r.status, body, 'submitting');
    }
    return body;
  }

  /**
   * The caller's submissions used on the assignment, when it limits them; null when it does not, or
   * when the answer cannot be read: it only adds a line under the result.
   */
  async attempts(assignment: string | undefined): Promise<AttemptsView | null> {
    if (!assignment) {
      return null;
    }
    const path = assignment.split('/').map(encodeURIComponent).join('/');
    try {
      const r = await this.fetch(`${this.prefix}api/assignments/${path}`, JSON_GET);
      const body = r.ok ? await readJson(r) : null;
      const a = body?.attempts;
      return a && typeof a.used === 'number' ? a : null;
    } catch {
      return null;
    }
  }

  /** Polls until graded or failed, reporting each intermediate state. */
  async waitForGrade(accepted: SubmissionView, onUpdate: (s: SubmissionView) => void): Promise<SubmissionView> {
    const url = accepted.links?.self ?? `${this.prefix}api/submissions/${accepted.id}`;
    const started = this.now();
    for (let count = 0; ; count++) {
      if (this.now() - started > this.maxWaitMs) {
        throw new GoferError(
          `Still grading after ${Math.round(this.maxWaitMs / 60000)} minutes. ` +
            `Submission #${accepted.id} is saved; check back later.`
        );
      }
      await this.sleep(count < this.fastPolls ? this.fastPollMs : this.slowPollMs);
      const r = await this.fetch(url, JSON_GET);
      const body = await readJson(r);
      if (!r.ok || !body) {
        throw errorFor(r.status, body, `checking on submission #${accepted.id}`);
      }
      if (body.status === 'graded' || body.status === 'failed') {
        return body;
      }
      onUpdate(body);
    }
  }
}
