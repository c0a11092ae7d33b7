/**
 * React bindings of the broadcast client: a provider and the hooks that entity hooks call.
 *
 * Every hook is a no-op without a {@link BroadcastProvider} (and `useBroadcastInvalidation` without a QueryClient),
 * so generated hooks call them unconditionally.
 *
 * @module
 */
import * as React from "react";
import {
  type QueryClient,
  QueryClientContext,
  type QueryKey,
} from "@tanstack/react-query";
import {
  BroadcastClient,
  type BroadcastClientOptions,
  type BroadcastEvent,
  type BroadcastListener,
  type BroadcastState,
} from "./broadcast.ts";

/** The broadcast client of the nearest {@link BroadcastProvider}, or `null`. */
export const BroadcastContext: React.Context<BroadcastClient | null> = React
  .createContext<BroadcastClient | null>(
    null,
  );

/** Props of {@link BroadcastProvider}. */
export interface BroadcastProviderProps {
  /**
   * The endpoint; the provider owns a client for it (opened on mount, closed on unmount).
   * @default {"/ws/broadcast" on the page's host}
   */
  url?: string | URL;
  /** A client the app made and owns; `url` and `options` are then ignored. */
  client?: BroadcastClient;
  /** Options of the client the provider makes (read once, when the provider mounts). */
  options?: Omit<BroadcastClientOptions, "url" | "autoConnect">;
  children?: React.ReactNode;
}

/**
 * Gives the tree below one broadcast connection.
 *
 * @example
 * ```ts
 * React.createElement(BroadcastProvider, { url: "wss://api.example.com" }, app)
 * ```
 */
export function BroadcastProvider(
  props: BroadcastProviderProps,
): React.ReactElement {
  const { client, url, options, children } = props;
  const urlKey = url === undefined ? undefined : String(url);
  // read once, when the provider mounts (as documented): no ref read during render
  const [initialOptions] = React.useState(options);
  const owned = React.useMemo(() => {
    if (client) return null;
    if (
      urlKey === undefined &&
      typeof (globalThis as { location?: unknown }).location === "undefined"
    ) {
      return null; // server rendering: no page to take the host from
    }
    // no `url: undefined` key: apps compiled with exactOptionalPropertyTypes must accept this file
    const options = { ...initialOptions, autoConnect: false };
    return new BroadcastClient(
      urlKey === undefined ? options : { ...options, url: urlKey },
    );
  }, [client, urlKey, initialOptions]);
  React.useEffect(() => {
    if (!owned) return;
    owned.connect();
    return () => void owned.close();
  }, [owned]);
  return React.createElement(BroadcastContext.Provider, {
    value: client ?? owned,
  }, children);
}

/** The broadcast client of the nearest {@link BroadcastProvider}, or `null` without one. */
export function useBroadcastClient(): BroadcastClient | null {
  return React.useContext(BroadcastContext);
}

const noSubscription = () => () => {};

/** The connection state; `disconnected` without a provider. Re-renders when it changes. */
export function useBroadcastState(): BroadcastState {
  const client = useBroadcastClient();
  const subscribe = React.useMemo(
    () =>
      client
        ? (onChange: () => void) => client.onStateChange(onChange)
        : noSubscription,
    [client],
  );
  const get = (): BroadcastState => client?.state ?? "disconnected";
  return React.useSyncExternalStore(subscribe, get, get);
}

/**
 * Calls `listener` with each event of `channel` while mounted. The latest `listener` is used; it need not be stable.
 *
 * @param channel The channel (an entity's singular name).
 * @param listener Called with each event.
 * @param enabled Listen only while true.
 */
export function useBroadcastEvent(
  channel: string,
  listener: BroadcastListener,
  enabled = true,
): void {
  const client = useBroadcastClient();
  const listenerRef = React.useRef(listener);
  React.useEffect(() => {
    listenerRef.current = listener;
  });
  React.useEffect(() => {
    if (!client || !enabled || !channel) return;
    return client.subscribe(channel, (event) => listenerRef.current(event));
  }, [client, channel, enabled]);
}

/** Options of {@link useBroadcastInvalidation}. */
export interface BroadcastInvalidationOptions {
  /** The channel (an entity's singular name). */
  channel: string;
  /** The query key (prefix) to invalidate on an event, or a function of the event giving it. */
  queryKey?: QueryKey | ((event: BroadcastEvent) => QueryKey | undefined);
  /** Called on each event (besides invalidating `queryKey`, when given). */
  onEvent?: (
    event: BroadcastEvent,
    queryClient: QueryClient | undefined,
  ) => void;
  /** Only these event names; all by default. */
  events?: readonly string[];
  /**
   * Listen only while true.
   * @default {true}
   */
  enabled?: boolean;
  /**
   * The QueryClient to invalidate in; the one of the nearest `QueryClientProvider` by default. Pass the client
   * the collections were made with when it may differ.
   */
  queryClient?: QueryClient;
}

/**
 * Invalidates a query on each event of a channel; a TanStack DB query collection whose query is invalidated
 * refetches it and updates its rows.
 *
 * @param options See {@link BroadcastInvalidationOptions}.
 */
export function useBroadcastInvalidation(
  options: BroadcastInvalidationOptions,
): void {
  const contextClient = React.useContext(QueryClientContext);
  const { channel, enabled = true } = options;
  useBroadcastEvent(channel, (event) => {
    if (options.events && !options.events.includes(event.event)) return;
    const queryClient = options.queryClient ?? contextClient;
    options.onEvent?.(event, queryClient);
    const queryKey = typeof options.queryKey === "function"
      ? options.queryKey(event)
      : options.queryKey;
    if (queryKey && queryClient) {
      queryClient.invalidateQueries({ queryKey }).catch(() => {
        // a failed refetch is the query's error, reported where the query is read
      });
    }
  }, enabled);
}
