import { describe, expect, it } from 'vitest';
import { countMarked, idsMarked, withMark, type Mark, type Progress } from '../../src/lib/progress/model';
import { parseProgress, PROGRESS_FORMAT, PROGRESS_VERSION, serialiseProgress, type NoticeCode } from '../../src/lib/progress/serialise';
import { planHref, readPlanQuery } from '../../src/lib/progress/share';
import { readProgress, saveMark, STORAGE_KEY, writeProgress, type StorageLike } from '../../src/lib/progress/storage';

const valid = new Set(['matrix-operations', 'convolution', 'generative-networks', 'probabilities']);
const marks = (entries: Record<string, Mark>): Progress => new Map(Object.entries(entries));
const doc = (body: Record<string, unknown>) => JSON.stringify({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION, ...body });

class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('the progress model', () => {
  it('sets, changes and clears marks without changing the original', () => {
    const a = marks({ convolution: 'learning' });
    const b = withMark(withMark(a, 'convolution', 'known'), 'matrix-operations', 'known');
    expect([...a]).toEqual([['convolution', 'learning']]);
    expect(idsMarked(b, 'known')).toEqual(['convolution', 'matrix-operations']);
    expect(countMarked(b, ['convolution', 'probabilities'])).toBe(1);
    expect([...withMark(b, 'convolution', null).keys()]).toEqual(['matrix-operations']);
  });
});

describe('serialise and parse', () => {
  it.each([
    { name: 'empty', progress: marks({}) },
    { name: 'mixed', progress: marks({ convolution: 'known', probabilities: 'learning' }) },
  ])('round-trips $name progress, with and without a save time', ({ progress }) => {
    for (const text of [serialiseProgress(progress), serialiseProgress(progress, new Date('2025-01-02T03:04:05Z'))]) {
      const read = parseProgress(text, { validIds: valid });
      expect(read.notices).toEqual([]);
      expect([...read.progress]).toEqual([...progress]);
    }
  });

  it('writes the version and the format', () => {
    expect(JSON.parse(serialiseProgress(marks({ convolution: 'known' }), new Date(0)))).toEqual({
      format: PROGRESS_FORMAT,
      version: 1,
      saved: '1970-01-01T00:00:00.000Z',
      marks: { convolution: 'known' },
    });
  });

  it.each<{ name: string; text: string | null; kept: Record<string, Mark>; codes: NoticeCode[] }>([
    { name: 'nothing saved yet', text: null, kept: {}, codes: [] },
    { name: 'an empty string', text: '', kept: {}, codes: [] },
    { name: 'corrupt JSON', text: '{"version":1,"marks":{"convolution":"kno', kept: {}, codes: ['corrupt'] },
    { name: 'not JSON at all', text: 'undefined', kept: {}, codes: ['corrupt'] },
    { name: 'a JSON array', text: '["convolution"]', kept: {}, codes: ['not-progress'] },
    { name: 'a JSON number', text: '42', kept: {}, codes: ['not-progress'] },
    { name: 'null', text: 'null', kept: {}, codes: ['not-progress'] },
    { name: 'some other JSON object', text: '{"name":"my-package"}', kept: {}, codes: ['not-progress'] },
    { name: 'another format', text: JSON.stringify({ format: 'other-app', version: 1, marks: { convolution: 'known' } }), kept: {}, codes: ['not-progress'] },
    { name: 'marks that are not an object', text: doc({ marks: ['convolution'] }), kept: {}, codes: ['not-progress'] },
    { name: 'a newer version: what fits is kept', text: doc({ version: 2, marks: { convolution: 'known', probabilities: { level: 3 } } }), kept: { convolution: 'known' }, codes: ['other-version', 'bad-value'] },
    { name: 'a newer version with marks in another shape', text: doc({ version: 2, marks: [{ id: 'convolution' }] }), kept: {}, codes: ['other-version', 'not-progress'] },
    { name: 'no version (hand-written)', text: JSON.stringify({ marks: { convolution: 'known' } }), kept: { convolution: 'known' }, codes: ['other-version'] },
    { name: 'a version written as text', text: doc({ version: '1', marks: { convolution: 'known' } }), kept: { convolution: 'known' }, codes: ['other-version'] },
    { name: 'hand-edited values: case and spaces are forgiven', text: doc({ marks: { ' convolution ': ' Known', probabilities: 'LEARNING' } }), kept: { convolution: 'known', probabilities: 'learning' }, codes: [] },
    { name: 'bad values', text: doc({ marks: { convolution: 'mastered', probabilities: true, 'matrix-operations': null, 'generative-networks': 'known' } }), kept: { 'generative-networks': 'known' }, codes: ['bad-value'] },
    { name: 'keys that cannot be topic ids', text: doc({ marks: { '../etc': 'known', 'Convolution Nets': 'known', '': 'known', convolution: 'known' } }), kept: { convolution: 'known' }, codes: ['bad-id'] },
    { name: 'ids this Atlas does not have', text: doc({ marks: { 'deep-dreams': 'known', convolution: 'learning' } }), kept: { convolution: 'learning' }, codes: ['unknown-id'] },
    { name: 'every problem at once', text: doc({ version: 0, marks: { 'deep-dreams': 'known', convolution: 'maybe', 'A B': 'known', probabilities: 'known' } }), kept: { probabilities: 'known' }, codes: ['other-version', 'bad-id', 'bad-value', 'unknown-id'] },
  ])('$name', ({ text, kept, codes }) => {
    const read = parseProgress(text, { validIds: valid });
    expect(Object.fromEntries(read.progress)).toEqual(kept);
    expect(read.notices.map((n) => n.code)).toEqual(codes);
    for (const n of read.notices) expect(n.message.length).toBeGreaterThan(10);
  });

  it('names the ids it ignored', () => {
    const read = parseProgress(doc({ marks: { 'deep-dreams': 'known', 'time-travel': 'known' } }), { validIds: valid });
    expect(read.notices[0]).toMatchObject({ code: 'unknown-id', ids: ['deep-dreams', 'time-travel'] });
    expect(read.notices[0]!.message).toContain('"deep-dreams", "time-travel"');
  });

  it('keeps well-formed ids when it does not know which ids exist', () => {
    expect(Object.fromEntries(parseProgress(doc({ marks: { 'deep-dreams': 'known' } })).progress)).toEqual({ 'deep-dreams': 'known' });
  });

  it('says where the data came from', () => {
    expect(parseProgress('{', { source: 'The file' }).notices[0]!.message).toMatch(/^The file could not be read/);
  });
});

describe('localStorage', () => {
  it('saves marks and reads them back', () => {
    const storage = new MemoryStorage();
    saveMark(storage, 'convolution', 'known');
    saveMark(storage, 'probabilities', 'learning');
    saveMark(storage, 'convolution', null);
    expect(Object.fromEntries(readProgress(storage).progress)).toEqual({ probabilities: 'learning' });
  });

  it('replaces a corrupt value with valid progress on the next mark', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '{not json');
    expect(readProgress(storage).notices.map((n) => n.code)).toEqual(['corrupt']);
    saveMark(storage, 'convolution', 'known');
    expect(readProgress(storage)).toEqual({ progress: new Map([['convolution', 'known']]), notices: [] });
  });

  it.each([
    { name: 'missing storage', storage: null },
    { name: 'storage that throws (blocked, full)', storage: { getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('QuotaExceededError'); } } },
  ])('never throws with $name', ({ storage }) => {
    expect(readProgress(storage).notices.map((n) => n.code)).toEqual(['unavailable']);
    expect(writeProgress(storage, marks({ convolution: 'known' }))).toBe(false);
    expect(saveMark(storage, 'convolution', 'known').saved).toBe(false);
  });

  it('drops unknown ids when told which ids exist', () => {
    const storage = new MemoryStorage();
    writeProgress(storage, marks({ convolution: 'known', 'old-topic': 'known' }));
    const read = readProgress(storage, valid);
    expect([...read.progress.keys()]).toEqual(['convolution']);
    expect(read.notices.map((n) => n.code)).toEqual(['unknown-id']);
  });
});

describe('share links', () => {
  it.each([
    { link: {}, href: '/plan/' },
    { link: { goal: 'generative-networks' }, href: '/plan/?goal=generative-networks' },
    { link: { goal: 'generative-networks', prune: false }, href: '/plan/?goal=generative-networks&prune=0' },
    { link: { goal: 'convolution', marks: marks({ 'matrix-operations': 'known', probabilities: 'learning' }) }, href: '/plan/?goal=convolution&known=matrix-operations&learning=probabilities' },
    { link: { marks: marks({}) }, href: '/plan/?known=' },
  ])('$href', ({ link, href }) => {
    expect(planHref(link)).toBe(href);
    const back = readPlanQuery(href.slice(href.indexOf('?') + 1 || href.length), valid);
    expect(back.goal).toBe(link.goal ?? null);
    expect(back.prune).toBe(link.prune ?? true);
    expect(back.shared === null ? null : Object.fromEntries(back.shared)).toEqual(link.marks ? Object.fromEntries(link.marks) : null);
    expect(back.notices).toEqual([]);
  });

  it.each([
    { search: '?goal=convolution&known=matrix-operations,deep-dreams,,', kept: { 'matrix-operations': 'known' }, codes: ['unknown-id'] },
    { search: '?known=<script>,matrix-operations&learning=Probabilities', kept: { 'matrix-operations': 'known' }, codes: ['bad-id'] },
    { search: '?learning=convolution&known=convolution', kept: { convolution: 'known' }, codes: [] },
    { search: '?goal=&known=', kept: {}, codes: [] },
  ])('a hand-edited link $search keeps what is valid', ({ search, kept, codes }) => {
    const q = readPlanQuery(search, valid);
    expect(Object.fromEntries(q.shared ?? [])).toEqual(kept);
    expect(q.notices.map((n) => n.code)).toEqual(codes);
  });

  it('a link without marks leaves the reader’s own marks in charge', () => {
    expect(readPlanQuery('?goal=convolution').shared).toBeNull();
    expect(readPlanQuery('?goal=%20').goal).toBeNull();
  });
});
