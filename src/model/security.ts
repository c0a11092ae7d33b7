/**
 * The security of each operation: the operation's `security`, else its path item's (an extension some specs use),
 * else the document's, each requirement resolved to the schemes of `components.securitySchemes`.
 *
 * @module
 */
import { joinPointer } from "../spec/diagnostics.ts";
import type { RawOperation } from "./paths.ts";
import { isObject, type SchemaSource } from "./schema.ts";
import type { Operation, SecurityScheme } from "./types.ts";

type Json = Record<string, unknown>;

/**
 * Sets `security` on every operation of a spec that declares security (schemes or requirements) anywhere: the
 * operation's, else its path item's, else the document's, else `[]` (none).
 *
 * @example
 * ```ts
 * import { applySecurity } from "./security.ts";
 * const doc = { security: [{ key: [] }], components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } } } };
 * const raw = { pointer: "/paths/~1a/get", op: {}, pathItem: {}, pathItemPointer: "/paths/~1a" };
 * const op = { pointer: "/paths/~1a/get" } as Parameters<typeof applySecurity>[2][number];
 * applySecurity(doc, [raw as never], [op], { resolve: (value, pointer) => ({ value, pointer }), warn: () => {} });
 * op.security; // => [[{ scheme: "key", type: "apiKey", in: "header", name: "X-Key" }]]
 * ```
 */
export function applySecurity(doc: Json, raws: RawOperation[], operations: Operation[], source: SchemaSource): void {
  const byPointer = new Map(raws.map((r) => [r.pointer, r]));
  const components = isObject(doc.components) ? doc.components : {};
  const declared = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const schemes = new Map<string, SecurityScheme | undefined>();
  const schemeOf = (name: string): SecurityScheme | undefined => {
    if (!schemes.has(name)) schemes.set(name, readScheme(name, declared, source));
    return schemes.get(name);
  };
  // a spec that declares security anywhere sends credentials only where it does: an operation without any gets none
  const declaresSecurity = Object.keys(declared).length > 0 || doc.security !== undefined ||
    raws.some((r) => r.op.security !== undefined || r.pathItem.security !== undefined);
  const warned = new Set<string>(); // a shared (path or document) requirement is reported once
  for (const op of operations) {
    const raw = byPointer.get(op.pointer);
    if (!raw) continue;
    const sources: [unknown, string][] = [
      [raw.op.security, joinPointer(raw.pointer, "security")],
      [raw.pathItem.security, joinPointer(raw.pathItemPointer, "security")],
      [doc.security, "/security"],
    ];
    const found = sources.find(([value]) => value !== undefined);
    if (!found) {
      if (declaresSecurity) op.security = [];
      continue;
    }
    const [requirements, pointer] = found;
    if (!Array.isArray(requirements)) {
      source.warn("model/bad-security", "security must be an array of requirements: ignored", pointer);
      continue;
    }
    const alternatives: SecurityScheme[][] = [];
    requirements.forEach((requirement, i) => {
      if (!isObject(requirement)) return;
      const names = Object.keys(requirement);
      // `{}` in the list makes the credentials optional: sending none is one of the alternatives
      const resolved = names.map(schemeOf);
      if (resolved.every((s): s is SecurityScheme => s !== undefined)) alternatives.push(resolved);
      else if (!warned.has(joinPointer(pointer, i))) {
        warned.add(joinPointer(pointer, i));
        source.warn(
          "model/unknown-security-scheme",
          `security names a scheme that components.securitySchemes does not define usably (${
            names.filter((_, j) => !resolved[j]).join(", ")
          }): that requirement is ignored`,
          joinPointer(pointer, i),
        );
      }
    });
    op.security = alternatives;
  }
}

/** One declared scheme as the client sends it, or undefined (with a warning) when it cannot be sent. */
function readScheme(name: string, declared: Json, source: SchemaSource): SecurityScheme | undefined {
  const pointer = joinPointer("/components/securitySchemes", name);
  if (!Object.prototype.hasOwnProperty.call(declared, name)) return undefined;
  const resolved = source.resolve(declared[name], pointer);
  const s = resolved && isObject(resolved.value) ? resolved.value : undefined;
  if (!s) return undefined;
  if (s.type === "apiKey" && (s.in === "header" || s.in === "query" || s.in === "cookie")) {
    if (typeof s.name === "string" && s.name !== "") return { scheme: name, type: "apiKey", in: s.in, name: s.name };
    return undefined;
  }
  if (s.type === "http" && typeof s.scheme === "string") {
    const kind = s.scheme.toLowerCase();
    if (kind === "bearer" || kind === "basic") return { scheme: name, type: kind };
    source.warn("model/unsupported-security", `The HTTP auth scheme ${JSON.stringify(s.scheme)} is not sent`, pointer);
    return undefined;
  }
  // OAuth 2 and OpenID Connect send the token they obtain as a bearer token
  if (s.type === "oauth2" || s.type === "openIdConnect") return { scheme: name, type: "bearer" };
  return undefined;
}
