/**
 * Broadcast events → the fewest requests: one subscription per channel for a whole store, events coalesced (acted on
 * in the next task, and at most once per 16 ms under a flood), and each event turned into the cheapest action that
 * keeps the rows right. After a reconnect, each watched entity is refetched once: events sent while the socket was
 * down never arrive.
 *
 * | event                                              | action                                                   |
 * | -------------------------------------------------- | -------------------------------------------------------- |
 * | `deleted` with `entity_id`                         | the row is removed locally: no request                   |
 * | `updated` with a valid `payload.data`              | the row is written as it is: no request                  |
 * | `updated` (or a custom event) with `entity_id`     | the row is fetched once and written, if it is loaded here |
 * | `created` with a valid `payload.data`              | the row is written at once, and the active queries whose |
 * |                                                    | filters it matches are refetched once (so they hold it)  |
 * | `created` with `entity_id` only                    | each active query that may hold it is refetched once     |
 * |                                                    | (not those whose key filter excludes it: `useOrder(x)`)  |
 * | no `entity_id`, or no way to fetch one row         | each active query of the entity is refetched once        |
 *
 * Events that arrive before the queued flush runs are coalesced: the last event of a row wins, and a row whose
 * fetch is under way is fetched once more after it, not once per event. A `created` event waits while a local insert
 * of the entity waits for the server (it may be that insert's row), up to {@link SETTLE_WAIT_MS}.
 *
 * No React and no TanStack imports: a {@link SyncTarget} adapts a collection.
 *
 * @module
 */
import type { BroadcastEvent, BroadcastState } from "./broadcast.ts";

/**
 * What {@link BroadcastSync} needs of the broadcast client: `subscribe`, and its connection state when it has one.
 * @internal
 */
export interface BroadcastSource {
  /** Listens to a channel; returns the function that stops listening. */
  subscribe(
    channel: string,
    listener: (event: BroadcastEvent) => void,
  ): () => void;
  /**
   * Listens to the connection state (the broadcast client has it): after a reconnect the events sent while the
   * socket was down are lost, so every watched entity is refetched once.
   */
  onStateChange?(
    listener: (state: BroadcastState, previous: BroadcastState) => void,
  ): () => void;
  /** The connection state now. */
  readonly state?: BroadcastState;
}

/**
 * A row key as events name it.
 * @internal
 */
export type RowKey = string | number;

/**
 * One entity's rows, as broadcast sync reaches them (an adapter over its collection).
 * @internal
 */
export interface SyncTarget {
  /** The channel the entity's events come on. */
  readonly channel: string;
  /** The loaded row of a key, else `undefined` (then an `updated` event costs nothing). */
  loaded(key: RowKey): object | undefined;
  /** The row of `payload.data` when it is a valid row of this entity, else `undefined`. */
  parse(data: unknown): object | undefined;
  /** The key of a row. */
  keyOf(row: object): RowKey;
  /**
   * Starts fetching one row; `hint` is the loaded row (for the parent ids a nested path needs). Gives `undefined`
   * when one row cannot be fetched (no get operation, a parent id missing): the entity is refetched instead. The
   * promise gives `undefined` when the row is gone (404).
   */
  fetch(
    key: RowKey,
    hint: object | undefined,
  ): Promise<object | undefined> | undefined;
  /** Writes a row the server has into the collection. */
  write(row: object): void;
  /** Removes a row from the collection (when it is there). */
  remove(key: RowKey): void;
  /** Refetches the entity's active queries, once each. */
  invalidate(): Promise<void>;
  /**
   * Refetches, once each, the active queries of the entity that new rows could belong to: those whose filters match one
   * of `rows` (a query whose filters cannot be read counts as matching), or could match one of the rows known only by
   * their `keys` (every query but those whose filters on the key exclude it). A TanStack DB query collection keeps a row
   * while a query that loaded it is alive: a new row written directly would go with the next query that loads it.
   */
  refresh(rows: readonly object[], keys?: readonly RowKey[]): Promise<void>;
  /**
   * True while a local insert waits for the server. A `created` event then may be that insert's own row, which would
   * show twice (under the temporary key and the server's) until the answer comes: such events wait for it.
   */
  settling?(): boolean;
}

/**
 * Options of {@link BroadcastSync}.
 * @internal
 */
export interface BroadcastSyncOptions {
  /**
   * How long events are gathered before they are acted on; 0 acts in the next task (events that arrived in one
   * read of the socket are still one batch).
   * @default {0}
   */
  coalesceMs?: number;
  /**
   * The least time between two flushes: under a flood of events (thousands a second) the rows are written at most
   * this often, each row once with its last event, instead of once per event. An event after a quiet spell is still
   * acted on at once.
   * @default {16}
   */
  minFlushIntervalMs?: number;
  /** Called when a fetch or refetch fails (the rows stay as they were). @default {console.error} */
  onError?: (error: unknown, channel: string) => void;
}

/**
 * How long a `created` event waits at most for the local inserts of its entity to settle.
 * @internal
 */
export const SETTLE_WAIT_MS = 2000;
/** How often a waiting `created` event looks again. */
const SETTLE_RETRY_MS = 20;

interface PendingRow {
  key: RowKey;
  event: BroadcastEvent;
  /** A `created` event that waited for local inserts: its row is not written again when it arrived meanwhile. */
  waited?: boolean;
}

interface Pending {
  /** The last event of each named row, by `String(key)`. */
  rows: Map<string, PendingRow>;
  /** An event without `entity_id` came. */
  whole: boolean;
}

interface ChannelEntry {
  /** Targets by how many watchers hold them. */
  targets: Map<SyncTarget, number>;
  off: () => void;
}

function isKey(value: unknown): value is RowKey {
  return (typeof value === "string" && value !== "") ||
    (typeof value === "number" && Number.isFinite(value));
}

/**
 * Keeps a store's collections in step with broadcast events at the least cost (see the module's table).
 *
 * @example
 * ```ts
 * const sync = new BroadcastSync(broadcastClient);
 * const stop = sync.watch(ordersTarget); // the first watch of "order" subscribes to the channel
 * stop();
 * ```
 * @internal
 */
export class BroadcastSync {
  readonly #source: BroadcastSource;
  readonly #coalesceMs: number;
  readonly #minFlushIntervalMs: number;
  /** When the last flush ran (`Date.now()`). */
  #lastFlush = -Infinity;
  readonly #onError: (error: unknown, channel: string) => void;
  readonly #channels = new Map<string, ChannelEntry>();
  readonly #pending = new Map<string, Pending>();
  /** Row fetches under way by channel and key; `again` when an event came after the fetch started. */
  readonly #fetching = new Map<string, { again: boolean }>();
  readonly #work = new Set<Promise<void>>();
  /** When each waiting `created` event first waited. */
  readonly #waitingSince = new WeakMap<BroadcastEvent, number>();
  readonly #retries = new Set<ReturnType<typeof setTimeout>>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Stops listening to the connection state; set while a channel is watched (so an idle sync holds nothing). */
  #offState: (() => void) | undefined;
  /** The socket was connected once while watched: a later `connected` is a reconnect. */
  #wasConnected = false;

  /**
   * @param source The broadcast client.
   * @param options See {@link BroadcastSyncOptions}.
   */
  constructor(source: BroadcastSource, options: BroadcastSyncOptions = {}) {
    this.#source = source;
    this.#coalesceMs = options.coalesceMs ?? 0;
    this.#minFlushIntervalMs = options.minFlushIntervalMs ?? 16;
    this.#onError = options.onError ??
      ((error, channel) =>
        console.error(`Broadcast sync of ${channel} failed`, error));
  }

  /** The channels subscribed to. */
  get channels(): string[] {
    return [...this.#channels.keys()];
  }

  /**
   * Keeps a target in step while watched. The first watch of a channel subscribes to it, the last stop
   * unsubscribes; watching the same target twice counts twice but acts once per event.
   *
   * @param target The entity's rows.
   * @returns The function that stops watching (calling it twice is harmless).
   */
  watch(target: SyncTarget): () => void {
    let entry = this.#channels.get(target.channel);
    if (!entry) {
      if (this.#channels.size === 0) this.#listenToState();
      const channel = target.channel;
      entry = { targets: new Map(), off: () => {} };
      this.#channels.set(channel, entry);
      entry.off = this.#source.subscribe(
        channel,
        (event) => this.receive(event),
      );
    }
    entry.targets.set(target, (entry.targets.get(target) ?? 0) + 1);
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      const current = this.#channels.get(target.channel);
      const count = current?.targets.get(target);
      if (!current || count === undefined) return;
      if (count > 1) current.targets.set(target, count - 1);
      else current.targets.delete(target);
      if (current.targets.size === 0) {
        current.off();
        this.#channels.delete(target.channel);
        if (this.#channels.size === 0) this.#stopListeningToState();
      }
    };
  }

  /**
   * After a reconnect, refetches every watched entity once (through the queued flush, so it is coalesced with the
   * events that come with it): events published while the socket was down never arrive.
   */
  #listenToState(): void {
    this.#wasConnected = this.#source.state === "connected";
    this.#offState = this.#source.onStateChange?.((state) => {
      if (state !== "connected") return;
      if (!this.#wasConnected) {
        this.#wasConnected = true;
        return;
      }
      for (const channel of this.#channels.keys()) {
        this.#pendingOf(channel).whole = true;
      }
      this.#schedule();
    });
  }

  #stopListeningToState(): void {
    this.#offState?.();
    this.#offState = undefined;
  }

  /**
   * Takes one event (the subscription calls it; tests and apps with other event sources may too). Acted on in
   * the queued flush, together with the events that come before it.
   *
   * @param event The event.
   */
  receive(event: BroadcastEvent): void {
    if (!this.#channels.has(event.channel)) return;
    const pending = this.#pendingOf(event.channel);
    const key = event.payload.entity_id;
    if (isKey(key)) {
      const id = String(key);
      pending.rows.delete(id); // re-inserted last: rows are handled in the order of their last event
      pending.rows.set(id, { key, event });
    } else pending.whole = true;
    this.#schedule();
  }

  #pendingOf(channel: string): Pending {
    let pending = this.#pending.get(channel);
    if (!pending) {
      pending = { rows: new Map(), whole: false };
      this.#pending.set(channel, pending);
    }
    return pending;
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    const throttle = this.#lastFlush + this.#minFlushIntervalMs - Date.now();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.flush();
    }, Math.max(this.#coalesceMs, throttle));
  }

  /** Puts a `created` event back for a later flush, unless a newer event of its row is queued by then. */
  #wait(row: PendingRow): void {
    const retry = setTimeout(() => {
      this.#retries.delete(retry);
      if (!this.#channels.has(row.event.channel)) return;
      const pending = this.#pendingOf(row.event.channel);
      const id = String(row.key);
      if (!pending.rows.has(id)) pending.rows.set(id, { ...row, waited: true });
      this.#schedule();
    }, SETTLE_RETRY_MS);
    this.#retries.add(retry);
  }

  /** Acts on the gathered events now (the queued flush does it otherwise). */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#lastFlush = Date.now();
    const batches = [...this.#pending];
    this.#pending.clear();
    for (const [channel, pending] of batches) {
      const targets = [...(this.#channels.get(channel)?.targets.keys() ?? [])];
      for (const target of targets) this.#apply(target, pending);
    }
  }

  /** Settles when the gathered events have been acted on and every fetch they started has settled. */
  async settled(): Promise<void> {
    for (;;) {
      if (this.#timer !== undefined || this.#pending.size > 0) this.flush();
      if (this.#work.size > 0) await Promise.all([...this.#work]);
      else if (this.#retries.size > 0) {
        await new Promise((resolve) => setTimeout(resolve, SETTLE_RETRY_MS));
      } else if (this.#timer === undefined && this.#pending.size === 0) return;
    }
  }

  /** Stops listening to every channel and drops gathered events. */
  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
    for (const retry of this.#retries) clearTimeout(retry);
    this.#retries.clear();
    for (const entry of this.#channels.values()) entry.off();
    this.#channels.clear();
    this.#stopListeningToState();
  }

  #apply(target: SyncTarget, pending: Pending): void {
    // a refetch of the entity's queries brings every loaded row: per-row fetches are then redundant
    let invalidate = pending.whole;
    const fetches: { key: RowKey; hint: object | undefined }[] = [];
    /** The rows of `created` events, for the queries they belong to. */
    const created: object[] = [];
    /** The keys of `created` events without a usable row: only their key tells which queries may hold them. */
    const createdKeys: RowKey[] = [];
    const now = Date.now();
    for (const entry of pending.rows.values()) {
      const { key, event } = entry;
      const loaded = target.loaded(key);
      if (event.event === "deleted") {
        if (loaded) target.remove(key);
        continue;
      }
      const data = event.payload.data;
      const parsed = data === undefined ? undefined : target.parse(data);
      const row = parsed && String(target.keyOf(parsed)) === String(key)
        ? parsed
        : undefined;
      if (event.event === "created") {
        if (!loaded && target.settling?.()) {
          const since = this.#waitingSince.get(event) ?? now;
          this.#waitingSince.set(event, since);
          if (now - since < SETTLE_WAIT_MS) {
            this.#wait(entry);
            continue;
          }
        }
        if (!row) {
          createdKeys.push(key);
          continue;
        }
        if (!(entry.waited && loaded)) target.write(row); // the insert's answer brought it already
        created.push(row);
        continue;
      }
      if (row) {
        target.write(row);
        continue;
      }
      // an update of a row not loaded here changes nothing on screen
      if (!loaded) continue;
      fetches.push({ key, hint: loaded });
    }
    for (const { key, hint } of fetches) {
      if (invalidate) break;
      if (!this.#fetchRow(target, key, hint)) invalidate = true;
    }
    if (invalidate) this.#track(target.invalidate(), target.channel);
    else if (created.length > 0 || createdKeys.length > 0) {
      this.#track(target.refresh(created, createdKeys), target.channel);
    }
  }

  /** Fetches one row and writes it (or removes it when gone); false when the target cannot fetch one row. */
  #fetchRow(
    target: SyncTarget,
    key: RowKey,
    hint: object | undefined,
  ): boolean {
    const id = `${target.channel}\u0000${String(key)}`;
    const running = this.#fetching.get(id);
    if (running) {
      running.again = true; // the answer under way may predate this event
      return true;
    }
    const request = target.fetch(key, hint);
    if (!request) return false;
    const state = { again: false };
    this.#fetching.set(id, state);
    const done = request.then(
      (row) => {
        if (row) target.write(row);
        else if (target.loaded(key)) target.remove(key);
      },
      (error: unknown) => this.#onError(error, target.channel),
    ).finally(() => {
      this.#fetching.delete(id);
      if (state.again) this.#fetchRow(target, key, target.loaded(key) ?? hint);
    });
    this.#track(done, target.channel);
    return true;
  }

  #track(work: Promise<void>, channel: string): void {
    const tracked: Promise<void> = work.catch((error: unknown) =>
      this.#onError(error, channel)
    ).finally(() => this.#work.delete(tracked));
    this.#work.add(tracked);
  }
}

const registry = new WeakMap<BroadcastSource, WeakMap<object, BroadcastSync>>();

/**
 * The one {@link BroadcastSync} of a broadcast client and a scope (a store): hooks that mount later share it,
 * so a channel is subscribed once per store however many hooks listen.
 *
 * @param source The broadcast client.
 * @param scope What the targets belong to (the store).
 * @returns The shared sync.
 * @internal
 */
export function broadcastSyncFor(
  source: BroadcastSource,
  scope: object,
): BroadcastSync {
  let byScope = registry.get(source);
  if (!byScope) {
    byScope = new WeakMap();
    registry.set(source, byScope);
  }
  let sync = byScope.get(scope);
  if (!sync) {
    sync = new BroadcastSync(source);
    byScope.set(scope, sync);
  }
  return sync;
}
