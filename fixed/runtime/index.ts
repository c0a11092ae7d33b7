/**
 * The broadcast runtime: a WebSocket client for server events and the React hooks that turn them into refetches.
 *
 * @module
 */
export * from "./broadcast.ts";
export * from "./react.ts";
