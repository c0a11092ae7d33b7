/**
 * The generated module as the explorer sees it: hooks looked up by the names the generator gives them.
 *
 * @module
 */
import type { Entity } from "../../../../src/model/types.ts";

/** The generated module, looked up by name. */
// deno-lint-ignore no-explicit-any
export type GeneratedApi = Record<string, any>;

/** A row as the hooks return it. */
export type Row = Record<string, unknown>;
/** Shows an error (of a write) to the user. */
export type Report = (error: unknown) => void;

/** What the generated write hooks return (the part the explorer uses). */
export interface Mutation {
  mutate: (
    variables: unknown,
    callbacks?: {
      onSuccess?: (data: unknown) => void;
      onError?: (e: unknown) => void;
    },
  ) => void;
  isPending: boolean;
}

/** Stands in for a write hook the API lacks. */
export const noMutation = (): Mutation | undefined => undefined;

/** The list hook of an entity, if the module has it. */
export function listHook(
  api: GeneratedApi,
  entity: Entity,
): ((options: object) => ListState) | undefined {
  const hook = api[`use${entity.names.pascalPlural}`];
  return typeof hook === "function" ? hook : undefined;
}

/** What the generated list hooks return (the part the explorer uses). */
export interface ListState {
  data: Row[];
  isLoading: boolean;
  isReady?: boolean;
  isError?: boolean;
  error?: unknown;
}
