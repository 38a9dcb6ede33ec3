/**
 * Behaviour of <atlas-planner> (Planner.astro). State: the goal, the prune switch, the reader's
 * own marks (localStorage) and, when the page was opened from a shared link, the link's marks.
 * The URL always reflects goal, prune and the link's marks, so the address bar is shareable.
 */
import type { GraphJson } from '../../lib/graph/json';
import { mapPlanHref } from '../../lib/plan/highlight';
import { indexGraph, planPath, type PlanIndex } from '../../lib/plan/planner';
import { idsMarked, withMark, type Mark, type Progress } from '../../lib/progress/model';
import { parseProgress, serialiseProgress, unavailableNotice, type Notice } from '../../lib/progress/serialise';
import { planHref, readPlanQuery } from '../../lib/progress/share';
import { readProgress, writeProgress } from '../../lib/progress/storage';
import { browserStorage, onOtherTabChange } from './browser';

type Node = GraphJson['nodes'][number];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

class AtlasPlanner extends HTMLElement {
  private storage = browserStorage();
  private nodes = new Map<string, Node>();
  private index: PlanIndex | null = null;
  private goal: string | null = null;
  private prune = true;
  private own: Progress = new Map();
  /** The marks of a shared link, used instead of the reader's own until they choose. */
  private shared: Progress | null = null;
  private notices: { storage: Notice[]; link: Notice[]; other: Notice[] } = { storage: [], link: [], other: [] };
  private items = new Map<string, HTMLLIElement>();

  private $<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.querySelector<T>(selector)!;
  }

  async connectedCallback(): Promise<void> {
    this.hidden = false;
    document.querySelector('[data-needs-js]')?.remove();
    for (const li of this.$<HTMLTemplateElement>('template[data-items]').content.querySelectorAll('li')) {
      this.items.set(li.dataset['id']!, li);
    }
    let graph: GraphJson;
    try {
      const response = await fetch(this.dataset['graph']!);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      graph = (await response.json()) as GraphJson;
    } catch {
      this.$('[data-loading]').textContent = 'The topics could not be loaded. Check the connection and reload the page.';
      return;
    }
    this.$('[data-loading]').hidden = true;
    for (const node of graph.nodes) this.nodes.set(node.id, node);
    this.index = indexGraph(graph);
    const validIds = new Set(this.nodes.keys());

    const stored = readProgress(this.storage, validIds);
    this.own = stored.progress;
    this.notices.storage = stored.notices;
    const query = readPlanQuery(location.search, validIds);
    this.prune = query.prune;
    this.shared = query.shared;
    this.notices.link = query.notices;
    if (query.goal && !this.nodes.has(query.goal)) {
      this.notices.link.push({ code: 'unknown-id', ids: [query.goal], message: `The link asks for a plan towards "${query.goal}", a topic this Atlas does not have; choose a goal below.` });
    } else {
      this.goal = query.goal;
    }

    this.wire(validIds);
    this.render();
  }

  private wire(validIds: ReadonlySet<string>): void {
    const goal = this.$<HTMLSelectElement>('[data-goal]');
    goal.addEventListener('change', () => {
      this.goal = goal.value || null;
      this.render();
    });
    const prune = this.$<HTMLInputElement>('[data-prune]');
    prune.addEventListener('change', () => {
      this.prune = prune.checked;
      this.render();
    });
    this.$('[data-controls]').addEventListener('submit', (event) => event.preventDefault());

    this.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
      if (!button) return;
      const id = button.dataset['id'] ?? '';
      switch (button.dataset['action']) {
        case 'known':
          return this.markFromList(id);
        case 'forget':
          this.setMark(id, null);
          return this.announce(`${this.titleOf(id)} is no longer marked known. ${this.summaryText()}`);
        case 'use-own':
          this.shared = null;
          this.render();
          return this.announce(`Using your own marks. ${this.summaryText()}`);
        case 'adopt':
          return this.adopt();
        case 'print':
          return window.print();
        case 'export':
          return this.exportFile();
        case 'copy':
          return void this.copy(button);
      }
    });

    const file = this.$<HTMLInputElement>('[data-import]');
    file.addEventListener('change', () => void this.importFile(file, validIds));
    onOtherTabChange(() => {
      const read = readProgress(this.storage, validIds);
      this.own = read.progress;
      this.notices.storage = read.notices;
      this.render();
    });
  }

  /** The marks the plan uses: the link's, or the reader's own. */
  private marks(): Progress {
    return this.shared ?? this.own;
  }

  private titleOf(id: string): string {
    return this.nodes.get(id)?.title ?? id;
  }

  private setMark(id: string, mark: Mark | null): void {
    if (this.shared) {
      this.shared = withMark(this.shared, id, mark);
    } else {
      this.own = withMark(this.own, id, mark);
      if (!writeProgress(this.storage, this.own)) this.notices.storage = [unavailableNotice()];
      else this.notices.storage = this.notices.storage.filter((n) => n.code !== 'corrupt' && n.code !== 'not-progress');
    }
    this.render();
  }

  private markFromList(id: string): void {
    const order = [...this.$('[data-steps]').querySelectorAll('li')].map((li) => li.dataset['id']);
    const at = order.indexOf(id);
    this.setMark(id, 'known');
    // Keep the keyboard where it was: on the next step's button, else on the summary.
    const buttons = [...this.$('[data-steps]').querySelectorAll<HTMLButtonElement>('button.mark')];
    const next = buttons[Math.min(at, buttons.length - 1)];
    if (next) next.focus();
    else this.$('[data-heading]').focus();
    this.announce(`${this.titleOf(id)} marked known. ${this.summaryText()}`);
  }

  private adopt(): void {
    if (!this.shared) return;
    let merged = readProgress(this.storage, new Set(this.nodes.keys())).progress;
    for (const [id, mark] of this.shared) merged = withMark(merged, id, mark);
    const count = this.shared.size;
    this.own = merged;
    this.shared = null;
    if (!writeProgress(this.storage, this.own)) this.notices.storage = [unavailableNotice()];
    this.render();
    this.announce(`Saved ${plural(count, 'mark')} from the link as yours.`);
  }

  private exportFile(): void {
    const blob = new Blob([serialiseProgress(this.own, new Date())], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `atlas-progress-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    this.announce(`Exported ${plural(this.own.size, 'mark')}.`);
  }

  private async importFile(input: HTMLInputElement, validIds: ReadonlySet<string>): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch {
      text = '';
    }
    input.value = '';
    const read = parseProgress(text, { validIds, source: `The file “${file.name}”` });
    const unreadable = read.notices.some((n) => n.code === 'corrupt' || n.code === 'not-progress') && read.progress.size === 0;
    if (text === '' || unreadable) {
      this.notices.other = [...read.notices, { code: 'corrupt', message: 'Nothing was imported; your marks are unchanged.' }];
      if (text === '') this.notices.other[0] = { code: 'corrupt', message: `The file “${file.name}” is empty or could not be read.` };
      this.render();
      return;
    }
    this.own = read.progress;
    this.shared = null;
    this.notices.storage = writeProgress(this.storage, this.own) ? [] : [unavailableNotice()];
    this.notices.other = read.notices;
    this.render();
    this.announce(`Imported ${plural(read.progress.size, 'mark')} from ${file.name}.`);
  }

  private async copy(button: HTMLButtonElement): Promise<void> {
    const input = this.$<HTMLInputElement>(`#${button.dataset['target']}`);
    try {
      await navigator.clipboard.writeText(input.value);
      this.announce('Link copied.');
    } catch {
      input.select();
      this.announce('Press Ctrl+C (⌘+C) to copy the selected link.');
    }
    const label = button.textContent;
    button.textContent = 'Copied';
    setTimeout(() => (button.textContent = label), 1500);
  }

  private announce(text: string): void {
    const live = this.$('[data-announce]');
    live.textContent = '';
    requestAnimationFrame(() => (live.textContent = text));
  }

  private summaryText(): string {
    return this.$('[data-summary]').textContent ?? '';
  }

  private render(): void {
    const index = this.index;
    if (!index) return;
    const marks = this.marks();
    const known = idsMarked(marks, 'known');
    this.$<HTMLSelectElement>('[data-goal]').value = this.goal ?? '';
    this.$<HTMLInputElement>('[data-prune]').checked = this.prune;
    history.replaceState(history.state, '', planHref({ goal: this.goal, prune: this.prune, ...(this.shared ? { marks: this.shared } : {}) }));
    this.renderNotices();
    this.renderShared();
    this.renderProgress();

    const goal = this.goal;
    this.$('[data-empty]').hidden = goal !== null;
    this.$('[data-result]').hidden = goal === null;
    if (goal === null) {
      document.title = document.title.replace(/^.*? \| /, 'Plan your path | ');
      return;
    }
    const plan = planPath(index, { goal, known, prune: this.prune });
    const goalTitle = this.titleOf(goal);
    document.title = document.title.replace(/^.*? \| /, `Path to ${goalTitle} | `);
    const heading = this.$('[data-heading]');
    heading.tabIndex = -1;
    heading.textContent = `Your path to ${goalTitle}`;

    const summary = this.$('[data-summary]');
    if (plan.goalKnown) {
      summary.textContent = `${this.shared ? 'The link marks' : 'You marked'} ${goalTitle} as known: nothing is left to learn for it.`;
    } else if (plan.steps.length === 1) {
      summary.textContent = `${goalTitle} needs nothing you have not marked known: 1 topic, about ${plural(plan.hours, 'hour')} of study.`;
    } else {
      summary.textContent = `${plural(plan.steps.length, 'topic')} in order, the goal last: about ${plural(plan.hours, 'hour')} of study.`;
    }

    const steps = this.$('[data-steps]');
    steps.replaceChildren(
      ...plan.steps.map((id) => {
        const li = this.items.get(id)!.cloneNode(true) as HTMLLIElement;
        const tag = li.querySelector<HTMLElement>('[data-tag]')!;
        const labels = [id === goal ? 'goal' : '', marks.get(id) === 'learning' ? 'learning' : ''].filter(Boolean);
        tag.textContent = labels.join(' · ');
        tag.hidden = labels.length === 0;
        return li;
      }),
    );

    const skipped = this.$('[data-skipped]');
    const knownList = this.$('[data-known-list]');
    const shown = plan.goalKnown ? [goal] : plan.knownOnTheWay;
    skipped.hidden = shown.length === 0;
    this.$('[data-known-intro]').textContent = plan.goalKnown ? 'Marked known:' : `${plural(shown.length, 'topic')} you know:`;
    knownList.replaceChildren(
      ...shown.map((id) => {
        const li = document.createElement('li');
        const link = document.createElement('a');
        link.href = this.nodes.get(id)!.url;
        link.textContent = this.titleOf(id);
        const forget = document.createElement('button');
        forget.type = 'button';
        forget.dataset['action'] = 'forget';
        forget.dataset['id'] = id;
        forget.setAttribute('aria-label', `Unmark ${this.titleOf(id)}`);
        forget.textContent = 'Unmark';
        li.append(link, ' ', forget);
        return li;
      }),
    );
    const pruned = this.$('[data-pruned]');
    pruned.hidden = plan.pruned.length === 0;
    pruned.textContent = plan.pruned.length
      ? `Also left out, since only topics you know need ${plan.pruned.length === 1 ? 'it' : 'them'}: ${plan.pruned.map((id) => this.titleOf(id)).join(', ')}.`
      : '';

    this.$<HTMLAnchorElement>('[data-map]').href = mapPlanHref(goal, this.prune);
    // The link carries the marks that matter for this goal (those on its prerequisites), if any.
    const ancestors = planPath(index, { goal, known, prune: false });
    const relevant = new Set([goal, ...ancestors.steps, ...ancestors.knownOnTheWay]);
    const linkMarks = new Map([...marks].filter(([id]) => relevant.has(id)));
    const url = new URL(planHref({ goal, prune: this.prune, ...(linkMarks.size > 0 ? { marks: linkMarks } : {}) }), location.origin).href;
    this.$<HTMLInputElement>('[data-plan-link]').value = url;
    this.$('[data-print-url]').textContent = `Online: ${url}`;
  }

  private renderNotices(): void {
    const all = [...this.notices.storage, ...this.notices.link, ...this.notices.other];
    this.$('[data-notices]').replaceChildren(
      ...all.map((n) => {
        const p = document.createElement('p');
        p.textContent = n.code === 'corrupt' && this.notices.storage.includes(n) ? `${n.message} Marking a topic starts afresh.` : n.message;
        return p;
      }),
    );
  }

  private renderShared(): void {
    const box = this.$('[data-shared]');
    box.hidden = this.shared === null;
    if (!this.shared) return;
    const k = idsMarked(this.shared, 'known').length;
    const l = idsMarked(this.shared, 'learning').length;
    this.$('[data-shared-text]').textContent =
      `This plan uses the marks in the link (${plural(k, 'topic')} known${l ? `, ${l} learning` : ''}), not your own. ` +
      'Marking topics here changes the link only.';
  }

  private renderProgress(): void {
    const k = idsMarked(this.own, 'known').length;
    const l = idsMarked(this.own, 'learning').length;
    this.$('[data-progress-summary]').textContent =
      k + l === 0
        ? 'No topic is marked yet: mark topics known here or on their pages.'
        : `You know ${plural(k, 'topic')} of ${this.nodes.size}${l ? ` and are learning ${l}` : ''}.`;
    this.$<HTMLInputElement>('[data-progress-link]').value = new URL(planHref({ goal: this.goal, prune: this.prune, marks: this.own }), location.origin).href;
  }
}

customElements.define('atlas-planner', AtlasPlanner);
