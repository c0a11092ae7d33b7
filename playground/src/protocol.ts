/**
 * Messages between the page and the generate worker (`worker.ts`).
 *
 * @module
 */
import type { Diagnostic, EntityModel, RelationshipGraph, SyncMode } from "../../mod.ts";
import type { FileChanges } from "./changes.ts";

/** Page → worker: generate this spec. */
export interface GenerateRequest {
  /** Increasing; a reply whose id is not the latest request's is stale and not shown. */
  id: number;
  /** The spec text; a big one comes as UTF-8 bytes, transferred (a 13 MB string is slow to structured-clone). */
  spec: string | Uint8Array<ArrayBuffer>;
  syncMode: SyncMode;
  /** Forget the previous generation (a new example or file): every file is then marked `same`. */
  resetBaseline: boolean;
}

/** Worker → page: the spec generated. */
export interface GenerateSuccess {
  id: number;
  ok: true;
  files: Record<string, string>;
  /** Marks against the worker's previous successful generation (none after a reset). */
  changes: FileChanges;
  model: EntityModel;
  graph: RelationshipGraph;
  diagnostics: Diagnostic[];
  /** Milliseconds parse + generate + change marking took in the worker. */
  ms: number;
}

/** Worker → page: the spec could not be used (the previous output stays). */
export interface GenerateFailure {
  id: number;
  ok: false;
  /** Where and why; `line`/`column` when the spec text says. */
  diagnostic: Diagnostic;
  ms: number;
}

/** What the worker answers. */
export type GenerateReply = GenerateSuccess | GenerateFailure;
