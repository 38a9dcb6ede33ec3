/**
 * <atlas-map>: the map of all topics. The markup (toolbar, canvas, panel) is rendered by
 * MapExplorer.astro; this element fetches graph.json, loads cytoscape and dagre with dynamic
 * imports, draws the graph and keeps the view (selection and filters) in the URL.
 * The graph logic lives in src/lib/graph/view.ts; this file only connects it to the page.
 */
import type { Core, EdgeSingular, ElementDefinition, NodeSingular } from 'cytoscape';
import type { DagreLayoutOptions } from 'cytoscape-dagre';
import { CATEGORIES, CATEGORY_LABELS, LEVELS, LEVEL_LABELS, type Category, type Level } from '../../lib/content/taxonomy';
import type { GraphJson } from '../../lib/graph/json';
import {
  edgeKey,
  findTopics,
  highlightOf,
  indexGraph,
  layeredLayout,
  matchesFilter,
  parseMapState,
  sameOriginGraphUrl,
  serialiseMapState,
  type GraphEdge,
  type GraphIndex,
  type GraphNode,
  type Highlight,
  type MapState,
  type Point,
} from '../../lib/graph/view';
import { DAGRE_LIMIT, MAP_DAGRE } from '../../lib/graph/dagre-options';
import { planHighlight, readMapPlan, type PlanHighlight } from '../../lib/plan/highlight';
import type { Progress } from '../../lib/progress/model';
import { readProgress } from '../../lib/progress/storage';
import { graphStylesheet, levelShapeSvg, readColours, watchTheme } from './graph-style';
import { loadCytoscape, loadCytoscapeWithDagre } from './load-cytoscape';


type HistoryMode = 'push' | 'replace' | 'none';
/** The class that says how an element relates to the selection ('' when nothing is selected). */
type Role = '' | 'focus' | 'up' | 'down' | 'dimmed' | 'path';
/** Keyboard moves: along the edges (to a prerequisite or to what it unlocks) or along a column of the layout. */
type Direction = 'before' | 'after' | 'previous' | 'next';

/** What tests and the benchmark read from the map (see `inspect()`). */
export interface MapInspection {
  state: MapState;
  /** prebuilt: dagre's layout made at build time (site-layout.ts). */
  layout: 'prebuilt' | 'dagre' | 'layered';
  nodes: number;
  visible: string[];
  ancestors: string[];
  descendants: string[];
  dimmed: string[];
  zoom: number;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

function shape(level: Level): HTMLElement {
  const span = el('span', { class: 'shape', 'data-level': level });
  span.innerHTML = levelShapeSvg(level, 12);
  return span;
}

/** Marks show in the label as text, so they never rely on colour: ✓ known, ◔ learning. */
function markedTitle(title: string, mark: 'known' | 'learning' | undefined): string {
  return mark === 'known' ? `✓ ${title}` : mark === 'learning' ? `◔ ${title}` : title;
}

/** The build-time layout, or null if it cannot be had (the map then lays out itself). */
async function fetchLayout(url: string): Promise<Record<string, Point> | null> {
  try {
    const response = await fetch(url);
    return response.ok ? ((await response.json()) as Record<string, Point>) : null;
  } catch {
    return null;
  }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export class AtlasMap extends HTMLElement {
  private cy: Core | null = null;
  private index: GraphIndex | null = null;
  private edgesByKey = new Map<string, GraphEdge>();
  private state: MapState = { focus: null, levels: [], categories: [] };
  private highlight: Highlight | null = null;
  private roles = new Map<string, Role>();
  private graphParam: string | null = null;
  /** `?plan=<goal>`: the reader's plan towards a goal, shown whenever no topic is selected. */
  private plan: PlanHighlight | null = null;
  private planQuery = '';
  private layoutName: MapInspection['layout'] = 'dagre';
  private large = false;
  private drawn = false;
  private stopWatchingTheme: (() => void) | null = null;
  private resizeObserver: ResizeObserver | null = null;

  private get canvas() {
    return this.querySelector<HTMLElement>('[data-canvas]')!;
  }
  private get status() {
    return this.querySelector<HTMLElement>('[data-status]')!;
  }
  private get tooltip() {
    return this.querySelector<HTMLElement>('[data-tooltip]')!;
  }

  connectedCallback(): void {
    performance.mark('atlas-map-start');
    this.querySelector('[data-placeholder]')!.textContent = 'Loading the map…';
    this.start().catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      this.querySelector('[data-placeholder]')!.textContent = `The map could not be drawn (${message}). The outline below lists every topic.`;
      this.dataset.state = 'failed';
    });
  }

  disconnectedCallback(): void {
    this.stopWatchingTheme?.();
    this.resizeObserver?.disconnect();
    this.cy?.destroy();
  }

  private async start(): Promise<void> {
    this.graphParam = new URLSearchParams(location.search).get('graph');
    const custom = sameOriginGraphUrl(this.graphParam, location.href);
    // The site's own graph comes with its layout, made by dagre at build time; a custom graph is
    // laid out here. The library loads while the files arrive.
    const library = loadCytoscape();
    const layoutUrl = custom ? null : (this.dataset.layout ?? null);
    const [response, prebuilt] = await Promise.all([fetch(custom ?? this.dataset.graph ?? '/graph.json'), layoutUrl ? fetchLayout(layoutUrl) : null]);
    if (!response.ok) throw new Error(`HTTP ${response.status} for the graph`);
    const json = (await response.json()) as GraphJson;
    this.large = json.nodes.length > DAGRE_LIMIT;
    const index = indexGraph(json);
    const complete = prebuilt && json.nodes.every((n) => prebuilt[n.id]) ? new Map(Object.entries(prebuilt)) : null;
    const points = this.large ? layeredLayout(index, { nodeSep: 40, rankSep: 140, direction: 'LR' }) : complete;
    this.layoutName = this.large ? 'layered' : points ? 'prebuilt' : 'dagre';
    const cytoscape = points ? await library : await loadCytoscapeWithDagre();
    performance.mark('atlas-map-loaded');

    this.index = index;
    const marks = this.readMarks(index);
    this.readPlan(json, index, marks);
    this.edgesByKey = new Map(json.edges.map((e) => [edgeKey(e), e]));

    const elements: ElementDefinition[] = [
      ...json.nodes.map((n) => ({
        group: 'nodes' as const,
        data: { id: n.id, title: markedTitle(n.title, marks.get(n.id)), level: n.level },
        ...(points ? { position: { ...points.get(n.id)! } } : {}),
      })),
      ...json.edges.map((e) => ({ group: 'edges' as const, data: { id: edgeKey(e), source: e.from, target: e.to } })),
    ];
    this.querySelector('[data-placeholder]')?.remove();
    const cy = cytoscape({
      container: this.canvas,
      elements,
      style: graphStylesheet(readColours(), { large: this.large }),
      layout: points ? { name: 'preset', fit: true, padding: 30 } : { name: 'null' },
      minZoom: 0.03,
      maxZoom: 3,
      boxSelectionEnabled: false,
      autoungrabify: true,
      autounselectify: true,
      textureOnViewport: this.large,
      hideEdgesOnViewport: this.large,
      ...(this.large ? { pixelRatio: 1 } : {}),
    });
    this.cy = cy;
    if (!points) {
      const layout: DagreLayoutOptions = {
        name: 'dagre',
        // Left to right: with labels under the nodes this packs a graph closest to the canvas's shape.
        ...MAP_DAGRE,
        // Space the nodes by their labels, so that zoomed in no two labels overlap.
        nodeDimensionsIncludeLabels: true,
        fit: true,
        padding: 30,
      };
      cy.layout(layout).run();
    }
    performance.mark('atlas-map-layout');
    performance.measure('atlas-map-layout', 'atlas-map-start', 'atlas-map-layout');

    this.bindGraphEvents(cy);
    this.bindControls();
    this.apply(this.stateFromLocation(), 'replace', { centre: true });
    this.stopWatchingTheme = watchTheme(() => cy.style().fromJson(graphStylesheet(readColours(), { large: this.large })).update());
    this.resizeObserver = new ResizeObserver(() => cy.resize());
    this.resizeObserver.observe(this.canvas);
    window.addEventListener('popstate', () => this.apply(this.stateFromLocation(), 'none', { centre: true }));

    cy.one('render', () => {
      requestAnimationFrame(() => {
        performance.mark('atlas-map-ready');
        performance.measure('atlas-map-ready', 'atlas-map-start', 'atlas-map-ready');
        this.dataset.state = 'ready';
      });
    });
    cy.forceRender();
  }

  // -- state -----------------------------------------------------------------------------------

  private stateFromLocation(): MapState {
    const state = parseMapState(location.search);
    if (state.focus && !this.index!.nodes.has(state.focus)) {
      this.say(`No topic has the id “${state.focus}”.`);
      return { ...state, focus: null };
    }
    return state;
  }

  private urlFor(state: MapState): string {
    const query = serialiseMapState(state);
    const extra = [this.planQuery, this.graphParam ? `graph=${encodeURIComponent(this.graphParam)}` : ''].filter(Boolean).join('&');
    return `${location.pathname}${query}${extra ? `${query ? '&' : '?'}${extra}` : ''}`;
  }

  /** Moves the view to `next`: filters, highlight, panel, URL. */
  private apply(next: MapState, history: HistoryMode, options: { centre?: boolean; fit?: boolean } = {}): void {
    const previous = this.state;
    this.state = next;
    const first = !this.drawn;
    this.drawn = true;
    const filtersChanged =
      first || previous.levels.join() !== next.levels.join() || previous.categories.join() !== next.categories.join();
    if (filtersChanged) {
      this.applyFilters();
      if (options.fit !== false && !(options.centre && next.focus)) this.fitVisible();
    }
    if (filtersChanged || previous.focus !== next.focus) {
      this.applyHighlight();
      this.renderPanel();
    }
    if (options.centre && next.focus) this.centreOn(next.focus);
    if (history !== 'none') {
      const url = this.urlFor(next);
      if (url !== location.pathname + location.search) {
        if (history === 'push') window.history.pushState(null, '', url);
        else window.history.replaceState(null, '', url);
      }
    }
  }

  private select(id: string | null, history: HistoryMode, options: { centre?: boolean } = {}): void {
    this.apply({ ...this.state, focus: id }, history, options);
  }

  private applyFilters(): void {
    const cy = this.cy!;
    const index = this.index!;
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        n.toggleClass('filtered', !matchesFilter(index.nodes.get(n.id())!, this.state));
      });
    });
    for (const box of this.querySelectorAll<HTMLInputElement>('input[name="level"]')) {
      box.checked = this.state.levels.length === 0 || this.state.levels.includes(box.value as Level);
    }
    for (const box of this.querySelectorAll<HTMLInputElement>('input[name="category"]')) {
      box.checked = this.state.categories.length === 0 || this.state.categories.includes(box.value as Category);
    }
    const shown = cy.nodes().not('.filtered').length;
    this.canvas.setAttribute('aria-label', this.canvasLabel(shown));
  }

  private canvasLabel(shown: number): string {
    const total = this.index!.json.nodes.length;
    const what = shown === total ? `all ${total} topics` : `${shown} of ${total} topics`;
    return `Prerequisite map showing ${what}. Arrow keys move between topics, Enter opens the selected topic.`;
  }

  /**
   * Lights the selection, its ancestors, its descendants and the paths among them; dims the rest.
   * Only elements whose role changes are touched: restyling is what costs on a large graph.
   */
  private applyHighlight(): void {
    const cy = this.cy!;
    const index = this.index!;
    const focus = this.state.focus;
    this.highlight = focus && index.nodes.has(focus) ? highlightOf(index, focus) : null;
    const h = this.highlight;
    const roles = this.roles;
    const set = (element: NodeSingular | EdgeSingular, role: Role) => {
      const id = element.id();
      const before = roles.get(id) ?? '';
      if (before === role) return;
      if (before) element.removeClass(before);
      if (role) element.addClass(role);
      roles.set(id, role);
    };
    const plan = h ? null : this.plan;
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const id = n.id();
        if (plan) set(n, id === plan.plan.goal ? 'focus' : plan.steps.has(id) ? 'up' : 'dimmed');
        else set(n, !h ? '' : id === h.focus ? 'focus' : h.ancestors.has(id) ? 'up' : h.descendants.has(id) ? 'down' : 'dimmed');
      });
      cy.edges().forEach((e) => {
        if (plan) set(e, plan.steps.has(e.source().id()) && plan.steps.has(e.target().id()) ? 'path' : 'dimmed');
        else set(e, !h ? '' : h.edges.has(e.id()) ? 'path' : 'dimmed');
      });
      cy.nodes('.cursor').removeClass('cursor');
      if (h && document.activeElement === this.canvas) cy.getElementById(h.focus).addClass('cursor');
    });
  }

  private fitVisible(): void {
    const cy = this.cy!;
    const shown = cy.nodes().not('.filtered');
    if (shown.length > 0) cy.fit(shown, 30);
  }

  private centreOn(id: string): void {
    const cy = this.cy!;
    const node = cy.getElementById(id);
    if (node.empty()) return;
    if (cy.zoom() < 1) cy.zoom(1);
    this.centreNode(node as NodeSingular);
  }

  /** Pans so that the node itself (not the box around it and its label) sits in the middle. */
  private centreNode(node: NodeSingular): void {
    const cy = this.cy!;
    const p = node.position();
    const z = cy.zoom();
    cy.pan({ x: cy.width() / 2 - p.x * z, y: cy.height() / 2 - p.y * z });
  }

  /** Brings a node into view without jumping when it is already visible; zooms in enough to read labels. */
  private reveal(node: NodeSingular): void {
    const cy = this.cy!;
    if (cy.zoom() < 0.8) {
      cy.zoom(0.8);
      this.centreNode(node);
      return;
    }
    const p = node.renderedPosition();
    const margin = 40;
    if (p.x < margin || p.y < margin || p.x > cy.width() - margin || p.y > cy.height() - margin) this.centreNode(node);
  }

  private say(message: string): void {
    this.status.textContent = message;
  }

  // -- the side panel ----------------------------------------------------------------------------

  /** The reader's marks (known, learning) from this browser; a notice if they could not all be read. */
  private readMarks(index: GraphIndex): Progress {
    const { progress, notices } = readProgress(window.localStorage, new Set(index.nodes.keys()));
    if (notices.length > 0) this.say(notices.map((n) => n.message).join(' '));
    return progress;
  }

  private readPlan(json: GraphJson, index: GraphIndex, marks: Progress): void {
    const { goal, prune } = readMapPlan(location.search);
    if (!goal) return;
    if (!index.nodes.has(goal)) {
      this.say(`No topic has the id “${goal}”, so no plan is shown.`);
      return;
    }
    this.plan = planHighlight(json, goal, marks, prune);
    this.planQuery = `plan=${encodeURIComponent(goal)}${prune ? '' : '&prune=0'}`;
  }

  private renderPlanPanel(plan: PlanHighlight, title: HTMLElement, body: HTMLElement): void {
    const index = this.index!;
    const goal = index.nodes.get(plan.plan.goal)!;
    const hours = plan.plan.steps.reduce((sum, id) => sum + index.nodes.get(id)!.hours, 0);
    title.textContent = `Your path to ${goal.title}`;
    body.replaceChildren(
      el(
        'p',
        {},
        plan.plan.steps.length === 0
          ? 'You have marked this topic known: nothing left to learn on the way.'
          : `${plural(plan.plan.steps.length, 'topic')} in study order, about ${plural(hours, 'hour')}; they are highlighted on the map, the rest dimmed.`,
      ),
      el(
        'ol',
        { class: 'edges' },
        ...plan.plan.steps.map((id) => {
          const node = index.nodes.get(id)!;
          return el('li', {}, el('button', { type: 'button', 'data-select': id }, shape(node.level), ` ${node.title}`));
        }),
      ),
      el('p', {}, el('a', { href: `/plan/?goal=${encodeURIComponent(goal.id)}` }, 'Open this plan as a list')),
    );
  }

  private renderPanel(): void {
    const title = this.querySelector<HTMLElement>('[data-panel-title]')!;
    const body = this.querySelector<HTMLElement>('[data-panel-body]')!;
    const index = this.index!;
    const h = this.highlight;
    const node = h ? index.nodes.get(h.focus) : undefined;
    if ((!h || !node) && this.plan) {
      this.renderPlanPanel(this.plan, title, body);
      return;
    }
    if (!h || !node) {
      title.textContent = 'Select a topic';
      body.replaceChildren(
        el(
          'p',
          {},
          'Click or tap a topic on the map, use the arrow keys on the map, find one by name, or pick one from the outline below. ',
          'Its prerequisites and everything it leads to are highlighted.',
        ),
      );
      return;
    }
    title.textContent = node.title;
    const hidden = !matchesFilter(node, this.state) ? [el('p', { class: 'note' }, 'The filters hide this topic on the map.')] : [];
    body.replaceChildren(
      el(
        'p',
        { class: 'facts' },
        el('span', { class: 'badge', 'data-level': node.level }, shape(node.level), ` ${LEVEL_LABELS[node.level]}`),
        ` ${CATEGORY_LABELS[node.category]} · about ${plural(node.hours, 'hour')} of study`,
      ),
      el('p', {}, node.description),
      el('p', {}, el('a', { href: node.url, class: 'open' }, `Open “${node.title}”`)),
      el(
        'p',
        { class: 'counts' },
        `${plural(h.ancestors.size, 'topic')} to learn first in all; it leads on to ${plural(h.descendants.size, 'topic')}.`,
      ),
      ...hidden,
      el('h3', {}, 'Before this'),
      this.edgeList(index.prerequisitesOf.get(node.id) ?? [], 'from', 'Nothing: this is a starting point.'),
      el('h3', {}, 'This unlocks'),
      this.edgeList(index.unlocksOf.get(node.id) ?? [], 'to', 'Nothing yet: this is where a path ends.'),
      el('p', {}, el('button', { type: 'button', class: 'clear', 'data-clear': '' }, 'Clear selection')),
    );
  }

  private edgeList(edges: readonly GraphEdge[], end: 'from' | 'to', empty: string): HTMLElement {
    if (edges.length === 0) return el('p', { class: 'empty' }, empty);
    const index = this.index!;
    return el(
      'ul',
      { class: 'edges' },
      ...edges.map((e) => {
        const other = index.nodes.get(e[end])!;
        return el(
          'li',
          {},
          el(
            'button',
            { type: 'button', 'data-select': other.id, 'data-edge': edgeKey(e) },
            shape(other.level),
            ` ${other.title}`,
            el('span', { class: 'level' }, ` (${LEVEL_LABELS[other.level]})`),
          ),
          el('span', { class: 'why' }, e.why),
        );
      }),
    );
  }

  // -- events ------------------------------------------------------------------------------------

  private bindGraphEvents(cy: Core): void {
    cy.on('tap', (event) => {
      const target = event.target as Core | NodeSingular | EdgeSingular;
      if (target === cy) {
        this.hideTip();
        if (this.state.focus) this.select(null, 'push');
        return;
      }
      const element = target as NodeSingular | EdgeSingular;
      // An edge drawn over the node it leaves can catch a click meant for the node.
      const node = element.isNode() ? element : this.endpointAt(element, event.position);
      if (node) this.tapNode(node);
      else if (element.isEdge()) this.showTip(element);
    });
    cy.on('mouseover', 'edge', (event) => {
      const edge = event.target as EdgeSingular;
      const node = this.endpointAt(edge, event.position);
      if (node) this.showNodeTip(node);
      else this.showTip(edge);
    });
    cy.on('mouseout', 'edge', () => this.hideTip());
    cy.on('mouseover', 'node', (event) => {
      this.canvas.style.cursor = 'pointer';
      this.showNodeTip(event.target as NodeSingular);
    });
    cy.on('mouseout', 'node', () => {
      this.canvas.style.cursor = '';
      this.hideTip();
    });
    cy.on('viewport', () => this.hideTip());
  }

  /** The end of `edge` whose body contains the model position `at`, if any. */
  private endpointAt(edge: EdgeSingular, at: { x: number; y: number }): NodeSingular | null {
    for (const node of [edge.source(), edge.target()]) {
      const box = node.boundingBox({ includeLabels: false, includeOverlays: false });
      if (at.x >= box.x1 && at.x <= box.x2 && at.y >= box.y1 && at.y <= box.y2) return node;
    }
    return null;
  }

  private tapNode(target: NodeSingular): void {
    performance.clearMarks('atlas-select-start');
    performance.mark('atlas-select-start');
    const id = target.id();
    this.select(id, 'push');
    const node = this.index!.nodes.get(id)!;
    this.say(`Selected ${node.title}.`);
    // Selection time as the reader sees it: until the frame with the new highlight has been painted.
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.clearMarks('atlas-select-end');
        performance.mark('atlas-select-end');
        performance.clearMeasures('atlas-select');
        performance.measure('atlas-select', 'atlas-select-start', 'atlas-select-end');
      }),
    );
  }

  private showTip(edge: EdgeSingular, hover = true): void {
    const data = this.edgesByKey.get(edge.id());
    if (!data || edge.hasClass('filtered') || !edge.visible()) return;
    const index = this.index!;
    const tip = this.tooltip;
    tip.replaceChildren(
      el('strong', {}, `${index.nodes.get(data.from)!.title} → ${index.nodes.get(data.to)!.title}`),
      el('span', {}, data.why),
    );
    const p = edge.renderedMidpoint();
    const width = this.cy!.width();
    tip.style.left = `${Math.min(Math.max(p.x, 8), Math.max(width - 8, 8))}px`;
    tip.style.top = `${p.y}px`;
    tip.classList.toggle('below', p.y < 90);
    tip.hidden = false;
    this.cy!.edges('.hover').removeClass('hover');
    if (hover) edge.addClass('hover');
  }

  /** The title of a node under the pointer: at the overview's zoom its label is too small to draw. */
  private showNodeTip(node: NodeSingular): void {
    const data = this.index!.nodes.get(node.id());
    if (!data) return;
    const tip = this.tooltip;
    tip.replaceChildren(el('strong', {}, data.title), el('span', {}, `${LEVEL_LABELS[data.level]} · ${CATEGORY_LABELS[data.category]}`));
    const p = node.renderedPosition();
    tip.style.left = `${p.x}px`;
    tip.style.top = `${p.y - node.renderedOuterHeight() / 2}px`;
    tip.classList.toggle('below', p.y < 90);
    tip.hidden = false;
  }

  private hideTip(): void {
    this.tooltip.hidden = true;
    this.cy?.edges('.hover').removeClass('hover');
  }

  private bindControls(): void {
    const cy = this.cy!;
    const canvas = this.canvas;

    // Find a topic by title or alias.
    const form = this.querySelector<HTMLFormElement>('[data-find]')!;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const query = new FormData(form).get('q')?.toString() ?? '';
      this.find(query);
    });

    // Filters.
    this.addEventListener('change', (event) => {
      const box = event.target as HTMLInputElement;
      if (box.name !== 'level' && box.name !== 'category') return;
      const checked = [...this.querySelectorAll<HTMLInputElement>(`input[name="${box.name}"]:checked`)].map((b) => b.value);
      if (checked.length === 0) {
        box.checked = true;
        this.say(`At least one ${box.name} stays shown.`);
        return;
      }
      const next =
        box.name === 'level'
          ? { ...this.state, levels: LEVELS.filter((l) => checked.includes(l)) }
          : { ...this.state, categories: CATEGORIES.filter((c) => checked.includes(c)) };
      this.apply(parseMapState(serialiseMapState(next)), 'push');
      this.say(`${cy.nodes().not('.filtered').length} topics shown.`);
    });
    this.querySelector('[data-reset]')!.addEventListener('click', () => {
      this.apply({ ...this.state, levels: [], categories: [] }, 'push');
      this.say(`All ${cy.nodes().length} topics shown.`);
    });

    // Zoom and fit.
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-zoom]')) {
      button.addEventListener('click', () => this.zoomBy(button.dataset.zoom === 'in' ? 1.3 : button.dataset.zoom === 'out' ? 1 / 1.3 : 0));
    }

    // The panel: prerequisites and unlocks select their topic; hovering or focusing one shows its edge.
    const panel = this.querySelector<HTMLElement>('[data-panel]')!;
    panel.addEventListener('click', (event) => {
      const target = event.target as HTMLElement;
      const pick = target.closest<HTMLElement>('[data-select]');
      if (pick) {
        this.select(pick.dataset.select!, 'push', { centre: true });
        this.querySelector<HTMLElement>('[data-panel-title]')!.focus();
      } else if (target.closest('[data-clear]')) {
        this.select(null, 'push');
        this.say('Selection cleared.');
        canvas.focus();
      }
    });
    const edgeOf = (event: Event) => (event.target as HTMLElement).closest<HTMLElement>('[data-edge]');
    const enter = (event: Event) => {
      const key = edgeOf(event)?.dataset.edge;
      const edge = key ? cy.getElementById(key) : null;
      if (edge && edge.nonempty() && edge.isEdge()) this.showTip(edge);
    };
    panel.addEventListener('mouseover', enter);
    panel.addEventListener('focusin', enter);
    panel.addEventListener('mouseout', (event) => edgeOf(event) && this.hideTip());
    panel.addEventListener('focusout', (event) => edgeOf(event) && this.hideTip());

    // The outline below the map: "Show on map" buttons.
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-map-select]')) {
      button.hidden = false;
      button.addEventListener('click', () => {
        const id = button.dataset.mapSelect!;
        const node = this.index!.nodes.get(id);
        if (!node) return;
        const filters = matchesFilter(node, this.state) ? {} : { levels: [], categories: [] };
        this.apply({ ...this.state, ...filters, focus: id }, 'push', { centre: true });
        this.scrollIntoView({ block: 'start' });
        canvas.focus({ preventScroll: true });
        this.say(`${node.title} selected on the map. Arrow left goes to its prerequisites, arrow right to what it unlocks.`);
      });
    }

    // Keyboard on the canvas.
    canvas.addEventListener('focus', () => {
      if (this.state.focus) cy.getElementById(this.state.focus).addClass('cursor');
    });
    canvas.addEventListener('blur', () => cy.nodes('.cursor').removeClass('cursor'));
    canvas.addEventListener('keydown', (event) => {
      const moves: Record<string, Direction> = { ArrowLeft: 'before', ArrowRight: 'after', ArrowUp: 'previous', ArrowDown: 'next' };
      const direction = moves[event.key];
      if (direction) {
        event.preventDefault();
        this.move(direction);
      } else if (event.key === 'Enter' && this.state.focus) {
        event.preventDefault();
        location.assign(this.index!.nodes.get(this.state.focus)!.url);
      } else if (event.key === 'Escape' && this.state.focus) {
        event.preventDefault();
        this.select(null, 'push');
        this.say('Selection cleared.');
      } else if (event.key === '+' || event.key === '=') {
        this.zoomBy(1.3);
      } else if (event.key === '-') {
        this.zoomBy(1 / 1.3);
      } else if (event.key === '0') {
        this.zoomBy(0);
      } else if (event.key === 'Home') {
        event.preventDefault();
        this.moveTo(this.firstVisible());
      }
    });
  }

  private zoomBy(factor: number): void {
    const cy = this.cy!;
    if (factor === 0) {
      this.fitVisible();
      return;
    }
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  private find(query: string): void {
    const index = this.index!;
    const matches = findTopics(index.json, query, 6);
    const best = matches[0];
    if (!best) {
      this.say(query.trim() ? `No topic matches “${query.trim()}”.` : 'Type a title or an alias to find a topic.');
      return;
    }
    const reset = !matchesFilter(best, this.state);
    this.apply({ ...this.state, focus: best.id, ...(reset ? { levels: [], categories: [] } : {}) }, 'push', { centre: true, fit: false });
    const others = matches.slice(1).map((n) => n.title);
    this.say(
      `Found ${best.title} (${LEVEL_LABELS[best.level]}).` +
        (reset ? ' The filters were cleared to show it.' : '') +
        (others.length > 0 ? ` Other matches: ${others.join(', ')}.` : ''),
    );
  }

  private firstVisible(): NodeSingular | null {
    const cy = this.cy!;
    for (const n of this.index!.json.nodes) {
      const node = cy.getElementById(n.id);
      if (!node.hasClass('filtered')) return node as NodeSingular;
    }
    return null;
  }

  private moveTo(node: NodeSingular | null): void {
    if (!node) return;
    this.select(node.id(), 'replace');
    node.addClass('cursor');
    this.reveal(node);
    this.announce(this.index!.nodes.get(node.id())!);
  }

  private announce(node: GraphNode): void {
    const index = this.index!;
    const before = (index.prerequisitesOf.get(node.id) ?? []).length;
    const after = (index.unlocksOf.get(node.id) ?? []).length;
    this.say(
      `${node.title}, ${LEVEL_LABELS[node.level]} level, ${CATEGORY_LABELS[node.category]}. ` +
        `${plural(before, 'prerequisite')} (arrow left), unlocks ${plural(after, 'topic')} (arrow right). Enter opens it.`,
    );
  }

  /** Arrow keys: left to a prerequisite, right to a topic it unlocks, up and down along the same column. */
  private move(direction: Direction): void {
    const cy = this.cy!;
    const index = this.index!;
    const current = this.state.focus ? cy.getElementById(this.state.focus) : null;
    if (!current || current.empty() || current.hasClass('filtered')) {
      this.moveTo(this.firstVisible());
      return;
    }
    const here = current.position();
    const shown = (id: string) => {
      const n = cy.getElementById(id);
      return n.nonempty() && !n.hasClass('filtered') ? (n as NodeSingular) : null;
    };
    let candidates: NodeSingular[];
    if (direction === 'before' || direction === 'after') {
      const edges = (direction === 'before' ? index.prerequisitesOf : index.unlocksOf).get(current.id()) ?? [];
      candidates = edges.map((e) => shown(direction === 'before' ? e.from : e.to)).filter((n): n is NodeSingular => n !== null);
    } else {
      const sameColumn = (n: NodeSingular) => Math.abs(n.position().x - here.x) < 1;
      const onSide = (n: NodeSingular) => (direction === 'previous' ? n.position().y < here.y : n.position().y > here.y);
      candidates = cy
        .nodes()
        .not('.filtered')
        .nodes()
        .toArray()
        .filter((n) => sameColumn(n) && onSide(n));
    }
    const next = candidates.sort((a, b) => Math.abs(a.position().y - here.y) - Math.abs(b.position().y - here.y))[0];
    if (!next) {
      const title = index.nodes.get(current.id())!.title;
      const what = {
        before: 'has no prerequisite shown',
        after: 'unlocks nothing shown',
        previous: 'is first in its column',
        next: 'is last in its column',
      }[direction];
      this.say(`${title} ${what}.`);
      return;
    }
    this.moveTo(next);
  }

  // -- test hook ---------------------------------------------------------------------------------

  /** The map's state as plain data, for tests and the benchmark. */
  /** The label a node shows (with its mark), for tests. */
  labelOf(id: string): string | null {
    const node = this.cy?.getElementById(id);
    return node && !node.empty() ? String(node.data('title')) : null;
  }

  inspect(): MapInspection {
    const cy = this.cy!;
    const ids = (selector: string) => cy.nodes(selector).map((n) => n.id());
    return {
      state: this.state,
      layout: this.layoutName,
      nodes: cy.nodes().length,
      visible: cy.nodes().not('.filtered').map((n) => n.id()),
      ancestors: ids('.up'),
      descendants: ids('.down'),
      dimmed: ids('.dimmed'),
      zoom: cy.zoom(),
    };
  }

  /** Where a node is drawn, relative to the canvas box (null when hidden or unknown). */
  renderedPosition(id: string): { x: number; y: number } | null {
    const node = this.cy?.getElementById(id);
    if (!node || node.empty() || node.hasClass('filtered')) return null;
    return node.renderedPosition();
  }
}
