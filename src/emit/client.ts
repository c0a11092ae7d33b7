/**
 * The client emitter: `client/api.ts` (configuration, `ApiError`, one object of typed calls per
 * entity, one function per standalone operation) and `client/index.ts`.
 *
 * Calls take the path parameters in path order, then `body` when there is a request body, then
 * `params` (the query parameters), then `options` (an `AbortSignal`, extra headers). Answers are
 * parsed with the Zod schemas: a list returns the array of items (from the bare array, or from the
 * wrapper's array property; the wrapper's other fields such as a total are not exposed yet).
 *
 * @module
 */
import type { Entity, Operation, Parameter, Schema } from "../model/types.ts";
import { fixedFile, publicExports } from "./fixed.ts";
import { entityOperations } from "../model/crud.ts";
import type { NameScope } from "../names/scope.ts";
import type { EmitContext } from "./context.ts";
import { bindingName } from "./plan/resource_names.ts";
import type { Decl, SchemaPlan } from "./plan/schemas.ts";
import { tsType } from "./print/ts_type.ts";
import { CodeWriter, jsdoc, propertyKey, specifierList, stringLiteral } from "./print/writer.ts";
import { pascalCase } from "../names/identifiers.ts";
import { zodExpression } from "./print/zod.ts";

/** How an operation's answer is returned. */
type Answer =
  | { kind: "none" }
  | { kind: "raw" }
  | { kind: "list"; decl: Decl; wrapper?: string[] }
  | { kind: "decl"; decl: Decl; wrapper?: string }
  | { kind: "array"; decl: Decl }
  | { kind: "inline"; constName: string };

/** Shared state of one client render. */
interface Render {
  plan: SchemaPlan;
  names: NameScope;
  /** Module-level response schemas, written before the calls that use them. */
  hoisted: string[][];
  usesSchemas: boolean;
  usesZod: boolean;
  usesField: boolean;
}

/**
 * Renders the client files with the names of `plan` (it does not change the plan).
 *
 * @example
 * ```ts
 * import { emitContext } from "./context.ts";
 * import { emitClient } from "./client.ts";
 * const model = { title: "Shop", version: "", openapi: "3.1.0", entities: [], operations: [], schemas: [] };
 * emitClient(emitContext(model))["client/index.ts"].includes('export * from "./api.ts";'); // => true
 * ```
 */
export function emitClient(ctx: EmitContext): Record<string, string> {
  const { model, schemas: plan } = ctx;
  const names = plan.names.fork();
  const r: Render = {
    plan,
    names,
    hoisted: [],
    usesSchemas: false,
    usesZod: false,
    usesField: false,
  };

  // Entity names come from the plan; standalone functions take theirs here, in model order.
  const entityNames = model.entities.map((entity) => {
    const decls = plan.entities.get(entity.name)!;
    return { entity, listParams: decls.listParams, api: decls.api };
  });
  const functionNames = model.operations.map((op) => names.claim(bindingName(op.name)));

  const body: string[] = [];
  const section = (lines: string[]) => {
    if (lines.length) body.push("", ...lines);
  };
  for (const { entity, listParams, api } of entityNames) {
    section(listParamsType(r, entity, listParams));
    section(entityApi(r, entity, listParams, api));
  }
  model.operations.forEach((op, i) => {
    section(operationFunction(r, op, `export async function ${functionNames[i]}`, undefined, ""));
  });

  const w = new CodeWriter(`API client for ${model.title || "the API"}.`);
  if (r.usesZod) w.import("zod", "z");
  if (r.usesSchemas) w.importNamespace("../schemas/index.ts", "schemas");
  const anyOperation = model.operations.length > 0 ||
    model.entities.some((e) => Object.keys(e.operations).length > 0 || e.customOperations.length > 0);
  if (anyOperation) w.import("./core.ts", "request").importType("./core.ts", "CallOptions");
  if (r.usesField) w.import("./core.ts", "field");
  for (const lines of r.hoisted) w.line("", ...lines);
  w.lines(body);

  const index = new CodeWriter("The API client.");
  index.line(`export * from ${stringLiteral("./api.ts")};`);
  index.line(
    `export { ${specifierList(publicExports("client/core.ts")).join(", ")} } from ${stringLiteral("./core.ts")};`,
  );
  return {
    "client/core.ts": fixedFile("client/core.ts", "The client's fixed part: configuration, errors, requests."),
    "client/api.ts": w.toString(),
    "client/index.ts": index.toString(),
  };
}

/** The type of a parameter or body in a call signature. */
function typeOf(r: Render, schema: Schema): string {
  return tsType(schema, {
    ref: (name) => {
      const decl = r.plan.refs.get(name);
      if (!decl) return "unknown";
      r.usesSchemas = true;
      return `schemas.${decl.typeName}`;
    },
  });
}

function member(r: Render, p: Parameter): string {
  const type = typeOf(r, p.schema);
  return p.required ? `${propertyKey(p.name)}: ${type}` : `${propertyKey(p.name)}?: ${type} | undefined`;
}

function listParamsType(r: Render, entity: Entity, name: string): string[] {
  const lines = jsdoc(`Query parameters of the list operation of ${entity.names.pascal}.`);
  if (entity.filters.length === 0) return [...lines, `export type ${name} = Record<string, never>;`];
  lines.push(`export interface ${name} {`);
  for (const p of entity.filters) lines.push(...jsdoc(p.description, "  "), `  ${member(r, p)};`);
  lines.push("}");
  return lines;
}

function entityApi(r: Render, entity: Entity, listParams: string, api: string): string[] {
  const ops = entityOperations(entity).map((op) => ({ method: op.name, op }));
  if (ops.length === 0) return [];

  const lines = jsdoc(`The API of ${entity.names.pascal}.` + (entity.description ? `\n\n${entity.description}` : ""));
  lines.push(`export const ${api} = {`);
  for (const { method, op } of ops) {
    for (const l of operationFunction(r, op, `async ${propertyKey(method)}`, { entity, listParams }, "  ")) {
      lines.push(l);
    }
    lines[lines.length - 1] += ",";
  }
  lines.push("};");
  return lines;
}

/** Path parameters that occur in the path, in the order they occur. */
function sortedPathParams(op: Operation): Parameter[] {
  const at = (p: Parameter) => op.path.indexOf(`{${p.name}}`);
  return op.pathParams.filter((p) => at(p) >= 0).sort((a, b) => at(a) - at(b));
}

/**
 * `"/orders/" + encodeURIComponent(String(id)) + "/cancel"`: spec text only as string literals.
 *
 * @example
 * ```ts
 * import { pathExpression } from "./client.ts";
 * pathExpression("/a/{x}", new Map([["x", "x"]])); // => '"/a/" + encodeURIComponent(String(x))'
 * ```
 */
export function pathExpression(path: string, args: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  let literal = "";
  let last = 0;
  for (const match of path.matchAll(/\{([^{}]+)\}/g)) {
    const arg = args.get(match[1]);
    if (arg === undefined) continue;
    literal += path.slice(last, match.index);
    if (literal) parts.push(stringLiteral(literal));
    literal = "";
    parts.push(`encodeURIComponent(String(${arg}))`);
    last = match.index + match[0].length;
  }
  literal += path.slice(last);
  if (literal || parts.length === 0) parts.push(stringLiteral(literal));
  return parts.join(" + ");
}

interface BodyShape {
  type: string;
  bodyType: "json" | "raw";
  contentType?: string;
}

function bodyShape(r: Render, op: Operation, entity: Entity | undefined): BodyShape | undefined {
  const rb = op.requestBody;
  if (!rb) return undefined;
  const ct = rb.contentType.toLowerCase();
  if (ct === "multipart/form-data") return { type: "FormData", bodyType: "raw" };
  if (ct === "application/x-www-form-urlencoded") return { type: "URLSearchParams", bodyType: "raw" };
  if (ct !== "" && !/json/.test(ct)) return { type: "BodyInit", bodyType: "raw", contentType: rb.contentType };
  const contentType = ct === "" || ct === "application/json" ? undefined : rb.contentType;
  const decls = entity && r.plan.entities.get(entity.name);
  const view = op.kind === "create" ? decls?.create : op.kind === "update" ? decls?.update : undefined;
  if (view) {
    r.usesSchemas = true;
    return { type: `schemas.${view.typeName}`, bodyType: "json", contentType };
  }
  return { type: typeOf(r, rb.schema), bodyType: "json", contentType };
}

function answer(r: Render, op: Operation, entity: Entity | undefined): Answer {
  const decls = entity && r.plan.entities.get(entity.name);
  if (op.kind === "list" && decls) {
    // issue 10: a HAL list sits one level down (`_embedded.legs`)
    const wrapper = op.listWrapper === undefined ? undefined : [...(op.listWrapperParents ?? []), op.listWrapper];
    return { kind: "list", decl: decls.item, wrapper };
  }
  if (op.kind === "delete" && decls) return { kind: "none" };
  // an entity wrapped in an envelope (`{ account: {...}, activities: [...] }`) is unwrapped, so every
  // entity operation answers with the entity itself
  if (op.returnsEntity && decls) return { kind: "decl", decl: decls.item, wrapper: op.responseItemProperty };
  const schema = op.response?.schema;
  if (!schema || schema.kind === "unknown") return { kind: "raw" };
  const plain = (node: Schema) => node.kind === "ref" && !node.nullable && r.plan.refs.get(node.name);
  const single = plain(schema);
  if (single) return { kind: "decl", decl: single };
  const each = schema.kind === "array" && !schema.nullable && plain(schema.items);
  if (each) return { kind: "array", decl: each };
  // without an entity the name starts with the operation's, which may start with a digit (`0a list`)
  const base = pascalCase(`${entity?.names.pascal ?? ""} ${op.name} response`);
  const constName = r.names.claim(/^[0-9]/.test(base) ? `_${base}` : base, ["Schema"]) + "Schema";
  const expr = zodExpression(schema, {
    ref: (name) => {
      const decl = r.plan.refs.get(name);
      if (!decl) return "z.unknown()";
      r.usesSchemas = true;
      return `schemas.${decl.constName}`;
    },
    strict: false,
    defaults: false,
    getters: false,
    named: r.plan.named,
  });
  r.usesZod = true;
  const lines = [...expr];
  lines[0] = `const ${constName} = ${lines[0]}`;
  lines[lines.length - 1] += ";";
  r.hoisted.push([...jsdoc(`The answer of ${op.id}.`), ...lines]);
  return { kind: "inline", constName };
}

interface Arg {
  name: string;
  type: string;
  optional: boolean;
}

/** The doc, signature and body of one call; `head` is `async list` or `export async function x`. */
function operationFunction(
  r: Render,
  op: Operation,
  head: string,
  owner: { entity: Entity; listParams: string } | undefined,
  indent: string,
): string[] {
  const local = r.names.fork();
  local.claim("data");
  const args: Arg[] = [];
  const pathArgs = new Map<string, string>();
  const paramTags: string[] = [];
  for (const p of sortedPathParams(op)) {
    const name = local.claim(bindingName(p.identifier));
    pathArgs.set(p.name, name);
    args.push({ name, type: typeOf(r, p.schema), optional: false });
    if (p.description) paramTags.push(`@param ${name} ${p.description}`);
  }
  const body = bodyShape(r, op, owner?.entity);
  const bodyName = body && local.claim("body");
  if (body && bodyName) args.push({ name: bodyName, type: body.type, optional: op.requestBody?.required === false });

  let paramsName: string | undefined;
  if (op.kind === "list" && owner) {
    paramsName = local.claim("params");
    args.push({ name: paramsName, type: owner.listParams, optional: !owner.entity.filters.some((p) => p.required) });
  } else if (op.queryParams.length > 0) {
    paramsName = local.claim("params");
    const members = op.queryParams.map((p) => member(r, p));
    args.push({
      name: paramsName,
      type: `{ ${members.join("; ")} }`,
      optional: !op.queryParams.some((p) => p.required),
    });
  }
  const optionsName = local.claim("options");
  args.push({ name: optionsName, type: "CallOptions", optional: true });

  const ans = answer(r, op, owner?.entity);
  const field = (key: string, value: string) => (key === value ? key : `${key}: ${value}`);
  const spec = [
    field("operation", stringLiteral(op.id)),
    field("method", stringLiteral(op.method.toUpperCase())),
    field("path", pathExpression(op.path, pathArgs)),
  ];
  if (paramsName) spec.push(field("query", paramsName));
  if (body && bodyName) {
    spec.push(field("body", bodyName));
    if (body.bodyType === "raw") spec.push(field("bodyType", stringLiteral("raw")));
    if (body.contentType) spec.push(field("contentType", stringLiteral(body.contentType)));
  }
  spec.push(field("options", optionsName));

  // Each answer kind: how the request's result is taken (`lead`), and the statements after it.
  let returns: string;
  let lead = "const data = await ";
  let rest: string[];
  switch (ans.kind) {
    case "none":
      returns = "void";
      lead = "await ";
      rest = [];
      break;
    case "raw":
      returns = "unknown";
      lead = "return await ";
      rest = [];
      break;
    case "array":
      r.usesSchemas = true;
      returns = `schemas.${ans.decl.typeName}[]`;
      rest = [`return schemas.${ans.decl.constName}.array().parse(data);`];
      break;
    case "list": {
      r.usesSchemas = true;
      returns = `schemas.${ans.decl.typeName}[]`;
      let source = "data";
      for (const key of ans.wrapper ?? []) {
        r.usesField = true;
        source = `field(${source}, ${stringLiteral(key)})`;
      }
      rest = [`return schemas.${ans.decl.constName}.array().parse(${source});`];
      break;
    }
    case "decl": {
      r.usesSchemas = true;
      returns = `schemas.${ans.decl.typeName}`;
      let source = "data";
      if (ans.wrapper !== undefined) {
        r.usesField = true;
        source = `field(data, ${stringLiteral(ans.wrapper)})`;
      }
      rest = [`return schemas.${ans.decl.constName}.parse(${source});`];
      break;
    }
    case "inline":
      returns = `z.output<typeof ${ans.constName}>`;
      rest = [`return ${ans.constName}.parse(data);`];
      break;
  }

  // An optional argument before a required one is written `name: T | undefined` instead.
  const lastRequired = args.findLastIndex((a) => !a.optional);
  const signature = args.map((a, i) =>
    !a.optional
      ? `${a.name}: ${a.type}`
      : i < lastRequired
      ? `${a.name}: ${a.type} | undefined`
      : `${a.name}?: ${a.type}`
  );
  const text = [op.summary, op.description, `${op.method.toUpperCase()} ${op.path}`]
    .filter((t): t is string => typeof t === "string" && t.trim() !== "")
    .join("\n\n");
  return [
    ...jsdoc(text, indent, [...paramTags, ...(op.deprecated ? ["@deprecated"] : [])]),
    `${indent}${head}(${signature.join(", ")}): Promise<${returns}> {`,
    `${indent}  ${lead}request({`,
    ...spec.map((entry) => `${indent}    ${entry},`),
    `${indent}  });`,
    ...rest.map((line) => `${indent}  ${line}`),
    `${indent}}`,
  ];
}
