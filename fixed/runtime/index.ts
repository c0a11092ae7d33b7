/**
 * The broadcast runtime: a WebSocket client for server events, the React hooks around it, and the sync that turns
 * events into the fewest requests.
 *
 * @module
 */
export * from "./broadcast.ts";
export * from "./react.ts";
export * from "./sync.ts";
