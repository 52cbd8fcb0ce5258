/**
 * What the Submit panel shows, as plain data (testable without a DOM), and the DOM built from it
 * (text only: nothing from the server is ever parsed as HTML).
 */
import { AttemptsView, SubmissionView } from './client';

export type PanelState = 'saving' | 'submitting' | 'queued' | 'running' | 'graded' | 'failed' | 'error';

export interface PanelLine {
  kind: 'score' | 'test' | 'feedback' | 'hidden' | 'cell-error' | 'reason' | 'attempts' | 'note' | 'error';
  text: string;
  passed?: boolean;
}

export interface PanelModel {
  state: PanelState;
  title: string;
  lines: PanelLine[];
}

export function fmt(x: number | null | undefined): string {
  return String(Math.round(Number(x ?? 0) * 100) / 100);
}

export function progress(state: PanelState, submission?: SubmissionView): PanelModel {
  const id = submission ? [{ kind: 'note' as const, text: `Submission #${submission.id}` }] : [];
  switch (state) {
    case 'saving':
      return { state, title: 'Saving your notebook…', lines: [] };
    case 'submitting':
      return { state, title: 'Submitting to Gofer…', lines: [] };
    case 'running':
      return { state, title: 'Grading your notebook…', lines: id };
    default:
      return { state: 'queued', title: 'Waiting for a grader…', lines: id };
  }
}

export function failure(message: string): PanelModel {
  return { state: 'error', title: 'Submission problem', lines: [{ kind: 'error', text: message }] };
}

/**
 * "Submissions used: 2 of 3; the next is allowed at 14:05." `time` formats an ISO instant (the
 * browser's locale in the panel).
 */
export function attemptsLine(
  a: AttemptsView,
  time: (iso: string) => string = iso => new Date(iso).toLocaleTimeString()
): PanelLine {
  const used = a.max != null ? `${a.used} of ${a.max}` : `${a.used}`;
  let next: string;
  if (a.max != null && (a.remaining ?? a.max - a.used) <= 0) {
    next = 'no submissions left.';
  } else if (a.next_allowed_at) {
    next = `the next is allowed at ${time(a.next_allowed_at)}.`;
  } else {
    next = 'you may submit again.';
  }
  return { kind: 'attempts', text: `Submissions used: ${used}; ${next}` };
}

/** The finished submission: score, visible tests with feedback, hidden tests as a count. */
export function result(s: SubmissionView, attempts?: AttemptsView | null): PanelModel {
  const standing = attempts ? [attemptsLine(attempts)] : [];
  if (s.status === 'failed') {
    return {
      state: 'failed',
      title: 'Grading failed',
      lines: [
        { kind: 'reason', text: s.reason || 'The grader could not run your notebook.' },
        ...standing,
        { kind: 'note', text: `Submission #${s.id}. Fix the problem and submit again, or ask your instructor.` }
      ]
    };
  }
  const lines: PanelLine[] = [{ kind: 'score', text: `Score: ${fmt(s.score)} / ${fmt(s.max_score)}` }];
  let hidden = 0;
  let shownHidden = 0;
  for (const t of s.tests ?? []) {
    if (t.hidden && !t.message) {
      hidden += 1;
      continue;
    }
    if (t.hidden) {
      shownHidden += 1;
    }
    lines.push({
      kind: 'test',
      passed: t.passed,
      text: `${t.passed ? '✔' : '✘'} ${t.name}: ${fmt(t.score)} / ${fmt(t.max_score)}`
    });
    if (t.message && !t.passed) {
      lines.push({ kind: 'feedback', text: t.message });
    }
  }
  // Until an instructor releases them, the service leaves hidden tests out and only counts them.
  hidden = Math.max(hidden, (s.hidden_tests ?? 0) - shownHidden);
  if (hidden > 0) {
    lines.push({ kind: 'hidden', text: `${hidden} hidden test${hidden === 1 ? '' : 's'} also counted in the score.` });
  }
  for (const e of (s.errors ?? []).slice(0, 3)) {
    const name = e.ename || (typeof e.error === 'string' ? e.error : 'an error');
    lines.push({ kind: 'cell-error', text: `A cell raised ${name}${e.evalue ? ': ' + e.evalue : ''}` });
  }
  lines.push(...standing);
  lines.push({ kind: 'note', text: `Submission #${s.id}` });
  return { state: 'graded', title: 'Graded', lines };
}

/** Renders a model into `host` (replacing its content). */
export function render(host: HTMLElement, model: PanelModel): void {
  const doc = host.ownerDocument;
  host.replaceChildren();
  host.dataset.goferState = model.state;
  const title = doc.createElement('strong');
  title.className = 'gofer-title';
  title.textContent = model.title;
  host.appendChild(title);
  for (const line of model.lines) {
    const el = doc.createElement(line.kind === 'feedback' ? 'pre' : 'div');
    el.className = `gofer-${line.kind}` + (line.passed === false ? ' gofer-failed' : '');
    el.textContent = line.text;
    host.appendChild(el);
  }
}
