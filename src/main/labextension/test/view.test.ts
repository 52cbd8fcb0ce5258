import { describe, expect, it } from 'vitest';
import { attemptsLine, failure, fmt, progress, result } from '../src/view';

describe('result', () => {
  const graded = {
    id: 12,
    status: 'graded',
    score: 2,
    max_score: 3,
    tests: [
      { name: 'q1', score: 1, max_score: 1, hidden: false, passed: true, message: 'q1 results: All test cases passed!' },
      { name: 'q2', score: 0, max_score: 1, hidden: false, passed: false, message: 'Expected 2, got 3' },
      { name: 'q3', score: 1, max_score: 1, hidden: true, passed: true, message: null }
    ],
    errors: [{ ename: 'NameError', evalue: "name 'x' is not defined" }]
  };

  it('shows the score, visible tests with feedback for failures, hidden tests only as a count', () => {
    const m = result(graded);
    expect(m.state).toBe('graded');
    expect(m.lines.map(l => l.kind + ':' + l.text)).toEqual([
      'score:Score: 2 / 3',
      'test:✔ q1: 1 / 1',
      'test:✘ q2: 0 / 1',
      'feedback:Expected 2, got 3',
      'hidden:1 hidden test also counted in the score.',
      "cell-error:A cell raised NameError: name 'x' is not defined",
      'note:Submission #12'
    ]);
    expect(m.lines.some(l => l.text.includes('q3'))).toBe(false);
  });

  it('counts hidden tests the service left out of the list (results not released yet)', () => {
    const m = result({ ...graded, tests: graded.tests.slice(0, 2), hidden_tests: 2 });
    expect(m.lines.filter(l => l.kind === 'hidden').map(l => l.text)).toEqual([
      '2 hidden tests also counted in the score.'
    ]);
  });

  it('shows hidden tests in full to an instructor (they come with their message)', () => {
    const m = result({ ...graded, tests: [{ ...graded.tests[2], passed: false, score: 0, message: 'hidden detail' }] });
    expect(m.lines.map(l => l.text)).toContain('hidden detail');
    expect(m.lines.some(l => l.kind === 'hidden')).toBe(false);
  });

  it("shows a failed grading's reason", () => {
    const m = result({ id: 4, status: 'failed', reason: 'the notebook ran longer than 300 s' });
    expect(m.state).toBe('failed');
    expect(m.lines[0]).toEqual({ kind: 'reason', text: 'the notebook ran longer than 300 s' });
  });
});

describe('progress and failure', () => {
  it('names each state', () => {
    expect(progress('saving').title).toMatch(/Saving/);
    expect(progress('running', { id: 5, status: 'running' }).lines[0].text).toBe('Submission #5');
    expect(progress('queued', { id: 5, status: 'queued' }).state).toBe('queued');
    expect(failure('boom')).toEqual({ state: 'error', title: 'Submission problem', lines: [{ kind: 'error', text: 'boom' }] });
  });
  it('rounds scores for people', () => {
    expect(fmt(0.3333333)).toBe('0.33');
    expect(fmt(null)).toBe('0');
  });
});

describe('attempts', () => {
  const at = (iso: string) => iso.slice(11, 16);

  it('says how many submissions are used of the maximum and when the next is allowed', () => {
    expect(attemptsLine({ used: 2, max: 3, remaining: 1, next_allowed_at: '2026-12-03T14:05:00Z' }, at).text).toBe(
      'Submissions used: 2 of 3; the next is allowed at 14:05.'
    );
    expect(attemptsLine({ used: 1, max: 3, remaining: 2, next_allowed_at: null }, at).text).toBe(
      'Submissions used: 1 of 3; you may submit again.'
    );
    expect(attemptsLine({ used: 3, max: 3, remaining: 0 }, at).text).toBe('Submissions used: 3 of 3; no submissions left.');
    expect(attemptsLine({ used: 4, max: null, next_allowed_at: '2026-12-03T09:30:00Z' }, at).text).toBe(
      'Submissions used: 4; the next is allowed at 09:30.'
    );
  });

  it('stands under the result, graded or failed, and is absent without limits', () => {
    const graded = { id: 5, status: 'graded', score: 1, max_score: 1, tests: [] };
    const kinds = (m: { lines: { kind: string }[] }) => m.lines.map(l => l.kind);
    expect(kinds(result(graded, { used: 1, max: 2, remaining: 1 }))).toEqual(['score', 'attempts', 'note']);
    expect(kinds(result({ id: 6, status: 'failed', reason: 'timeout' }, { used: 2, max: 2, remaining: 0 }))).toEqual([
      'reason',
      'attempts',
      'note'
    ]);
    expect(kinds(result(graded, null))).toEqual(['score', 'note']);
  });
});
