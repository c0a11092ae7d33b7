/**
 * The client emitter: `client/api.ts` (configuration, `ApiError`, one object of typed calls per
 * entity, one function per standalone operation) and `client/index.ts`.
 *
 * Calls take the path parameters in path order, then `body` when there is a request body, then
 * `params` (the query, header and cookie parameters), then `options` (an `AbortSignal`, extra headers,
 * a timeout). Each call passes its operation's `security` to `request()`, which sends only those
 * credentials. Answers are parsed with the Zod schemas inside `request()`, so a body that is not the
 * described JSON rejects with an `ApiError`: a list returns the array of items (from the bare array,
 * or from the wrapper's array property). A wrapped list also gets a `<list>Page` call (`ordersApi.listPage`)
 * that returns `{ items, page }`: `page` holds the wrapper's other fields (a total, a next cursor), typed and
 * checked with the wrapper's schema when the spec names one.
 *
 * @module
 */
import type { Entity, Operation, Parameter, Schema, SecurityScheme } from "../model/types.ts";
import { fixedFile, publicExports } from "./fixed.ts";
import { entityOperations } from "../model/crud.ts";
import type { NameScope } from "../names/scope.ts";
import type { EmitContext } from "./context.ts";
import { bindingName } from "./plan/resource_names.ts";
import type { Decl, SchemaPlan } from "./plan/schemas.ts";
import { tsType } from "./print/ts_type.ts";
import { CodeWriter, jsdoc, layOut, propertyKey, specifierList, stringLiteral } from "./print/writer.ts";
import { pascalCase } from "../names/identifiers.ts";
import { zodExpression } from "./print/zod.ts";
import { SCHEMA_FILE_NOTES } from "./schemas.ts";

/** `[[{ scheme: "key", type: "apiKey", in: "header", name: "X-Key" }]]`: spec text only as string literals. */
function securityExpression(security: SecurityScheme[][]): string {
  const scheme = (s: SecurityScheme) =>
    s.type === "apiKey"
      ? `{ scheme: ${stringLiteral(s.scheme)}, type: "apiKey", in: ${stringLiteral(s.in)}, name: ${
        stringLiteral(s.name)
      } }`
      : `{ scheme: ${stringLiteral(s.scheme)}, type: ${stringLiteral(s.type)} }`;
  return `[${security.map((alternative) => `[${alternative.map(scheme).join(", ")}]`).join(", ")}]`;
}

/** How an operation's answer is returned. */
type Answer =
  | { kind: "none" }
  | { kind: "raw" }
  | { kind: "list"; decl: Decl; wrapper?: string[] }
  | { kind: "decl"; decl: Decl; wrapper?: string }
  | { kind: "array"; decl: Decl }
  | { kind: "inline"; typeName: string };

/** Shared state of one client render. */
interface Render {
  plan: SchemaPlan;
  names: NameScope;
  /** Response schemas of their own, with their types: `client/answers.ts`. */
  answers: string[][];
  /** Their names, imported into `client/api.ts`. */
  answerNames: string[];
  /** An answer refers to a named schema. */
  answersUseSchemas: boolean;
  usesSchemas: boolean;
  /** A `<list>Page` call was written: import `requestPage` and `ListPage`. */
  usesPages: boolean;
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
    answers: [],
    answerNames: [],
    answersUseSchemas: false,
    usesSchemas: false,
    usesPages: false,
  };

  // Entity names come from the plan; standalone functions take theirs here, in model order.
  const entityNames = model.entities.map((entity) => {
    const decls = plan.entities.get(entity.name)!;
    return { entity, listParams: decls.listParams, api: decls.api };
  });
  const functionNames = model.operations.map((op) => names.claim(bindingName(op.name)));

  // Each declaration is laid out as soon as it is written (its many small strings die young); the answer schemas
  // it adds go to client/answers.ts.
  const body: string[] = [];
  const section = (lines: string[]) => {
    if (lines.length) body.push(layOut(lines));
  };
  for (const { entity, listParams, api } of entityNames) {
    section(listParamsType(r, entity, listParams));
    section(entityApi(r, entity, listParams, api));
  }
  model.operations.forEach((op, i) => {
    section(operationFunction(r, op, `export async function ${functionNames[i]}`, undefined, ""));
  });

  const w = new CodeWriter(`API client for ${model.title || "the API"}.`);
  if (r.usesSchemas) w.importNamespace("../schemas/index.ts", "schemas");
  for (const name of r.answerNames) w.importType("./answers.ts", name).import("./answers.ts", `${name}Schema`);
  const anyOperation = model.operations.length > 0 ||
    model.entities.some((e) => Object.keys(e.operations).length > 0 || e.customOperations.length > 0);
  if (anyOperation) w.import("./core.ts", "request").importType("./core.ts", "CallOptions");
  if (r.usesPages) w.import("./core.ts", "requestPage").importType("./core.ts", "ListPage");
  for (const text of body) w.line("").laidOut(text);

  const index = new CodeWriter("The API client.");
  index.line(`export * from ${stringLiteral("./api.ts")};`);
  index.line(
    `export { ${specifierList(publicExports("client/core.ts")).join(", ")} } from ${stringLiteral("./core.ts")};`,
  );
  const files: Record<string, string> = {
    "client/core.ts": fixedFile("client/core.ts", "The client's fixed part: configuration, errors, requests."),
    "client/api.ts": w.toString(),
    "client/index.ts": index.toString(),
  };
  if (r.answers.length > 0) {
    const answers = new CodeWriter("The answers of operations that have no schema of their own.", SCHEMA_FILE_NOTES);
    answers.import("zod", "z");
    if (r.answersUseSchemas) answers.importNamespace("../schemas/index.ts", "schemas");
    for (const lines of r.answers) answers.line("", ...lines);
    files["client/answers.ts"] = answers.toString();
  }
  return files;
}

/**
 * True when the call of `op` takes a `params` argument before its call options: it has query, header or cookie
 * parameters (an entity's list takes one always). The collections pass `undefined` in its place.
 */
export function takesParams(op: Operation): boolean {
  return op.queryParams.length + op.headerParams.length + (op.cookieParams?.length ?? 0) > 0;
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
    // the wrapper's total and cursors, which the plain list drops
    const pageMethod = pageCallOf(entity, op);
    if (pageMethod !== undefined) {
      const owner = { entity, listParams, page: true };
      for (const l of operationFunction(r, op, `async ${propertyKey(pageMethod)}`, owner, "  ")) lines.push(l);
      lines[lines.length - 1] += ",";
    }
  }
  lines.push("};");
  return lines;
}

/**
 * The name of the page call (`listPage`) that the client writes for an entity's list operation when the API wraps
 * its rows (`{ items, total }`); undefined for other operations, a bare array, or when an operation of the entity
 * already has that name.
 */
export function pageCallOf(entity: Entity, op: Operation): string | undefined {
  if (op.kind !== "list" || op.listWrapper === undefined) return undefined;
  const name = `${op.name}Page`;
  return entityOperations(entity).some((o) => o.name === name) ? undefined : name;
}

/**
 * The type of a wrapped list's page fields, in a module that imports the schemas as `schemas`: the wrapper's
 * schema without the rows' property, and the schema that checks the wrapper, when the answer is a named schema
 * (`usesSchemas`); else any JSON fields.
 */
export function pageFieldsType(plan: SchemaPlan, op: Operation): { type: string; parser?: string } {
  const schema = op.response?.schema;
  const decl = schema?.kind === "ref" && !schema.nullable ? plan.refs.get(schema.name) : undefined;
  const rowsKey = op.listWrapperParents?.[0] ?? op.listWrapper!;
  if (!decl) return { type: "Record<string, unknown>" };
  return {
    type: `Omit<schemas.${decl.typeName}, ${stringLiteral(rowsKey)}>`,
    parser: `schemas.${decl.constName}`,
  };
}

function pageType(r: Render, op: Operation): { type: string; parser?: string } {
  const page = pageFieldsType(r.plan, op);
  if (page.parser) r.usesSchemas = true;
  return page;
}

/** Path parameters that occur in the path, in the order they occur. */
function sortedPathParams(op: Operation): Parameter[] {
  const at = (p: Parameter) => op.path.indexOf(`{${p.name}}`);
  return op.pathParams.filter((p) => at(p) >= 0).sort((a, b) => at(a) - at(b));
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
  const typeName = r.names.claim(/^[0-9]/.test(base) ? `_${base}` : base, ["", "Schema"]);
  const constName = `${typeName}Schema`;
  const ref = (name: string) => {
    const decl = r.plan.refs.get(name);
    if (decl) r.answersUseSchemas = true;
    return decl;
  };
  const expr = zodExpression(schema, {
    ref: (name) => {
      const decl = ref(name);
      return decl ? `schemas.${decl.constName}` : "z.unknown()";
    },
    strict: false,
    defaults: false,
    getters: false,
    named: r.plan.named,
  });
  const type = tsType(schema, {
    ref: (name) => {
      const decl = ref(name);
      return decl ? `schemas.${decl.typeName}` : "unknown";
    },
  });
  const lines = [...expr];
  lines[0] = `export const ${constName}: z.ZodType<${typeName}, ${typeName}> = ${lines[0]}`;
  lines[lines.length - 1] += ";";
  r.answers.push([
    ...jsdoc(`The answer of ${op.id}.`),
    `export type ${typeName} = ${type};`,
    ...jsdoc(`The Zod schema of {@link ${typeName}}.`),
    ...lines,
  ]);
  r.answerNames.push(typeName);
  return { kind: "inline", typeName };
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
  owner: { entity: Entity; listParams: string; page?: boolean } | undefined,
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
  // header and cookie parameters join the query parameters in `params` (a wire name taken twice keeps the first)
  const wireNames = new Set(op.queryParams.map((p) => p.name));
  const extras = [...op.headerParams, ...(op.cookieParams ?? [])].filter((p) => {
    if (wireNames.has(p.name)) return false;
    wireNames.add(p.name);
    return true;
  });
  if (op.kind === "list" && owner) {
    paramsName = local.claim("params");
    args.push({ name: paramsName, type: owner.listParams, optional: !owner.entity.filters.some((p) => p.required) });
  } else if (takesParams(op)) {
    paramsName = local.claim("params");
    const all = [...op.queryParams, ...extras];
    args.push({
      name: paramsName,
      type: `{ ${all.map((p) => member(r, p)).join("; ")} }`,
      optional: !all.some((p) => p.required),
    });
  }
  const optionsName = local.claim("options");
  args.push({ name: optionsName, type: "CallOptions", optional: true });

  const ans = answer(r, op, owner?.entity);
  const field = (key: string, value: string) => (key === value ? key : `${key}: ${value}`);
  const spec = [
    field("operation", stringLiteral(op.id)),
    field("method", stringLiteral(op.method.toUpperCase())),
    field("path", stringLiteral(op.path)),
  ];
  if (pathArgs.size > 0) {
    spec.push(`pathParams: { ${[...pathArgs].map(([wire, arg]) => field(propertyKey(wire), arg)).join(", ")} }`);
  }
  if (paramsName) {
    const picked = (list: Parameter[]) =>
      `{ ${list.map((p) => `${propertyKey(p.name)}: ${paramsName}?.[${stringLiteral(p.name)}]`).join(", ")} }`;
    const headers = extras.filter((p) => p.in === "header");
    const cookies = extras.filter((p) => p.in === "cookie");
    if (extras.length === 0) spec.push(field("query", paramsName));
    else {
      if (op.queryParams.length > 0) spec.push(`query: ${picked(op.queryParams)}`);
      if (headers.length > 0) spec.push(`headers: ${picked(headers)}`);
      if (cookies.length > 0) spec.push(`cookies: ${picked(cookies)}`);
    }
  }
  if (body && bodyName) {
    spec.push(field("body", bodyName));
    if (body.bodyType === "raw") spec.push(field("bodyType", stringLiteral("raw")));
    if (body.contentType) spec.push(field("contentType", stringLiteral(body.contentType)));
  }
  if (op.security) spec.push(`security: ${securityExpression(op.security)}`);

  // Each answer kind: its type, and the schema (and path into the answer) that request() parses it with.
  let returns: string;
  let lead = "return await ";
  let call = "request";
  let parser: string | undefined;
  let wrapper: string[] | undefined;
  switch (ans.kind) {
    case "none":
      returns = "void";
      lead = "await ";
      break;
    case "raw":
      returns = "unknown";
      break;
    case "array":
      r.usesSchemas = true;
      returns = `schemas.${ans.decl.typeName}[]`;
      parser = `schemas.${ans.decl.constName}.array()`;
      break;
    case "list":
      r.usesSchemas = true;
      returns = `schemas.${ans.decl.typeName}[]`;
      parser = `schemas.${ans.decl.constName}.array()`;
      wrapper = ans.wrapper;
      if (owner?.page) {
        const page = pageType(r, op);
        r.usesPages = true;
        returns = `ListPage<schemas.${ans.decl.typeName}, ${page.type}>`;
        call = `requestPage<schemas.${ans.decl.typeName}, ${page.type}>`;
        if (page.parser) spec.push(`wrapper: ${page.parser}`);
      }
      break;
    case "decl":
      r.usesSchemas = true;
      returns = `schemas.${ans.decl.typeName}`;
      parser = `schemas.${ans.decl.constName}`;
      wrapper = ans.wrapper === undefined ? undefined : [ans.wrapper];
      break;
    case "inline":
      returns = ans.typeName;
      parser = `${ans.typeName}Schema`;
      break;
  }
  if (parser) spec.push(`answer: ${parser}`);
  // the type argument given: TypeScript checks the schema against it instead of inferring it from the schema
  if (parser && call === "request") call = `request<${returns}>`;
  if (wrapper?.length) spec.push(`at: [${wrapper.map(stringLiteral).join(", ")}]`);
  spec.push(field("options", optionsName));

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
    `${indent}  ${lead}${call}({`,
    ...spec.map((entry) => `${indent}    ${entry},`),
    `${indent}  });`,
    `${indent}}`,
  ];
}
