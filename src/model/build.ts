/**
 * The model stage: a resolved OpenAPI document → {@link EntityModel} and {@link RelationshipGraph}.
 *
 * @module
 */
import { MODEL_RESERVED } from "../names/reserved.ts";
import { groupEntities } from "./entities.ts";
import { Inflector } from "../names/inflect.ts";
import { NameScope } from "../names/scope.ts";
import type { Diagnostic } from "../spec/diagnostics.ts";
import { ConfigTracker, type SyncPatternsConfig } from "./config.ts";
import { configuredKeys, configureEntities, configureOperations, relationshipOverrides } from "./config_apply.ts";
import { applySecurity } from "./security.ts";
import { buildOperation, customOperationName, declaredSyncMode, successResponse } from "./operations.ts";
import { declaredEntity, type RawOperation, readOperations } from "./paths.ts";
import { isObject, SchemaConverter, type SchemaSource } from "./schema.ts";
import { detectRelationships } from "./relationships.ts";
import type { Entity, EntityModel, Operation, RelationshipGraph, SyncMode } from "./types.ts";

/** Options of {@link buildModel}. */
export interface BuildModelOptions {
  /** Sync mode of entities whose spec says nothing. */
  syncMode: SyncMode;
  /** The config file's content, already checked ({@link checkConfig}). */
  config?: SyncPatternsConfig;
}

/**
 * Builds the entity model of a document.
 *
 * @example
 * ```ts
 * import { buildModel } from "./build.ts";
 * const source = { resolve: (v: unknown, p: string) => ({ value: v, pointer: p }), warn: () => {} };
 * const doc = { openapi: "3.1.0", info: { title: "T", version: "1" }, paths: {} };
 * buildModel(doc, source, { syncMode: "optimistic" }).model.entities; // => []
 * ```
 */
export function buildModel(
  doc: Record<string, unknown>,
  source: SchemaSource,
  options: BuildModelOptions,
): { model: EntityModel; graph: RelationshipGraph; configDiagnostics: Diagnostic[] } {
  const schemas = new SchemaConverter(source);
  const inflect = new Inflector(); // one per run: the stages ask about the same words
  const tracker = new ConfigTracker(options.config ?? {});
  const raws = configureOperations(readOperations(doc, source, inflect), tracker, inflect);
  const grouped = groupEntities(raws, source, schemas, options.syncMode, inflect, {
    keys: configuredKeys(tracker, inflect),
  });
  const { standalone, fixedNames } = grouped;
  // each entity's operations, indexed once (a filter over all operations per entity is quadratic on big specs)
  const opsByEntity = new Map<string, RawOperation[]>();
  for (const r of raws) {
    if (r.entity === undefined) continue;
    const list = opsByEntity.get(r.entity);
    if (list) list.push(r);
    else opsByEntity.set(r.entity, [r]);
  }
  const opsOf = (e: Entity) => opsByEntity.get(e.name) ?? [];
  const configured = configureEntities(
    grouped.entities,
    tracker,
    inflect,
    (e) =>
      opsOf(e).some((r) =>
        declaredEntity(r.op, inflect) !== undefined || declaredEntity(r.pathItem, inflect) !== undefined
      ),
    (e) => opsOf(e).some((r) => declaredSyncMode(r, source) !== undefined),
  );
  const entities = configured.entities;
  // an entity the config leaves out keeps its operations as plain functions, and its schemas their own names
  const droppedNames = new Set(configured.dropped.map((e) => e.name));
  for (const [pointer, f] of fixedNames) if (droppedNames.has(f.owner)) fixedNames.delete(pointer);
  for (const raw of raws) if (raw.entity !== undefined && droppedNames.has(raw.entity)) standalone.push({ raw });

  const byName = new Map<string, Entity>();
  for (const e of entities) if (!byName.has(e.name)) byName.set(e.name, e); // the first, as a find would give
  const itemPointers = new Map<Entity, string>();
  for (const [pointer, f] of fixedNames) {
    const e = byName.get(f.owner);
    if (e && f.role === "item") itemPointers.set(e, pointer);
  }
  const graph = detectRelationships(
    entities,
    itemPointers,
    schemas,
    source,
    inflect,
    relationshipOverrides(tracker, inflect),
  );

  // standalone operations: plain client functions with globally unique names
  const fnNames = new NameScope([], { ignoreCase: true });
  for (const n of MODEL_RESERVED) fnNames.reserve(n);
  for (const e of entities) fnNames.reserve(`${e.names.camelPlural}Api`);
  const operations: Operation[] = standalone.map((s) => {
    const raw = s.raw;
    const response = "response" in s ? s.response : successResponse(raw, source, schemas);
    const name = customOperationName(raw, [], fnNames);
    return buildOperation(raw, "custom", name, source, schemas, response, inflect);
  });

  // type names: entity schemas keep theirs; other components get theirs in first-reference order
  const typeNames = new NameScope([], { ignoreCase: true });
  for (const n of MODEL_RESERVED) typeNames.reserve(n);
  for (const e of entities) {
    const p = e.pascalName;
    for (const suffix of ["", "Create", "Update", "ListParams", "Relations", "Include", "Api"]) {
      typeNames.reserve(p + suffix);
    }
    for (const s of [e.schemas.item, e.schemas.create, e.schemas.update]) {
      if (s?.kind !== "object") continue;
      for (const prop of s.properties) {
        if (prop.schema.kind === "enum") typeNames.reserve(p + inflect.identifier(prop.name, "pascal"));
      }
    }
  }
  schemas.finishNames(typeNames, fixedNames);
  applySecurity(doc, raws, [
    ...entities.flatMap((e) => [...Object.values(e.operations), ...e.customOperations]),
    ...operations,
  ], source);

  const info = isObject(doc.info) ? doc.info : {};
  return {
    model: {
      title: typeof info.title === "string" ? info.title : "API",
      version: typeof info.version === "string" ? info.version : "",
      openapi: typeof doc.openapi === "string" ? doc.openapi : "",
      entities,
      schemas: schemas.namedSchemas(),
      operations,
    },
    graph,
    configDiagnostics: tracker.unmatched(),
  };
}
