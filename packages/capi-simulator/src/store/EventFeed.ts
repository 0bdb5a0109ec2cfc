export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: StoreEventType;
  resource: string;
  rv: number;
  name: string;
  namespace: string | undefined;
  labels: Record<string, string> | undefined;
  /** Labels before a modification, so label-selector watches can see objects leave or enter. */
  previousLabels?: Record<string, string> | undefined;
  json: string;
}

export type StoreListener = (event: StoreEvent) => void;

/**
 * The store's change events: tells listeners as they happen and keeps the
 * latest `size` of them so watches can resume from a resourceVersion.
 */
export class EventFeed {
  /** Watches from a resourceVersion below this get 410 Gone. */
  #compactedRevision = 0;
  #history: StoreEvent[] = [];
  #historyStart = 0;
  readonly #historySize: number;
  #listeners = new Set<StoreListener>();

  constructor(historySize: number) {
    this.#historySize = historySize;
  }

  get compactedRevision(): number {
    return this.#compactedRevision;
  }

  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Events after `rv`, or undefined when they are no longer kept (410 Gone). */
  eventsSince(rv: number): StoreEvent[] | undefined {
    if (rv < this.#compactedRevision) {
      return undefined;
    }
    const events = this.#history;
    let index = this.#historyStart;
    // History is ordered by rv; skip what the client has seen.
    let lo = index;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (events[mid].rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    index = lo;
    return events.slice(index);
  }

  /** Forgets every kept event; watches from below `revision` get 410 Gone. */
  compactTo(revision: number): void {
    this.#compactedRevision = revision;
    this.#history = [];
    this.#historyStart = 0;
  }

  emit(event: StoreEvent) {
    this.#history.push(event);
    const live = this.#history.length - this.#historyStart;
    if (live > this.#historySize) {
      const dropped = this.#history[this.#historyStart];
      this.#historyStart++;
      this.#compactedRevision = Math.max(this.#compactedRevision, dropped.rv);
      if (this.#historyStart > this.#historySize) {
        this.#history = this.#history.slice(this.#historyStart);
        this.#historyStart = 0;
      }
    }
    for (const listener of this.#listeners) {
      listener(event);
    }
  }
}
