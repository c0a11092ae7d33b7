/**
 * Input validation after the spec's request schemas and query parameters: hand-written rules (no dependencies, so
 * the server runs under any config), one {@link FieldProblem} per invalid field.
 *
 * @module
 */
import { CURRENCIES, CUSTOMER_TIERS, type FieldProblem, ORDER_STATUSES } from "./types.ts";

/** One field's rule. */
export type Rule =
  & {
    required?: boolean;
    nullable?: boolean;
    default?: unknown;
    array?: boolean;
    /** With `array`: at most this many values. */
    maxItems?: number;
  }
  & (
    | {
      type: "string";
      minLength?: number;
      maxLength?: number;
      pattern?: RegExp;
      format?: "uuid" | "email";
      enum?: readonly string[];
    }
    | { type: "integer"; minimum?: number; maximum?: number }
    | { type: "boolean" }
  );

/** The rules of an object's fields (fields not named are ignored and dropped). */
export type Rules = Record<string, Rule>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** True for a UUID in its canonical text form. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function checkValue(value: unknown, rule: Rule): string | undefined {
  if (value === null) return rule.nullable ? undefined : "must not be null";
  switch (rule.type) {
    case "string": {
      if (typeof value !== "string") return "must be a string";
      if (rule.enum && !rule.enum.includes(value)) {
        return `must be one of ${rule.enum.join(", ")}`;
      }
      if (rule.minLength !== undefined && value.length < rule.minLength) {
        return `must have at least ${rule.minLength} character${rule.minLength === 1 ? "" : "s"}`;
      }
      if (rule.maxLength !== undefined && value.length > rule.maxLength) {
        return `must have at most ${rule.maxLength} characters`;
      }
      if (rule.pattern && !rule.pattern.test(value)) {
        return `must match ${rule.pattern.source}`;
      }
      if (rule.format === "uuid" && !UUID.test(value)) return "must be a UUID";
      if (rule.format === "email" && !EMAIL.test(value)) {
        return "must be an email address";
      }
      return undefined;
    }
    case "integer": {
      if (typeof value !== "number" || !Number.isSafeInteger(value)) {
        return "must be an integer";
      }
      if (rule.minimum !== undefined && value < rule.minimum) {
        return `must be at least ${rule.minimum}`;
      }
      if (rule.maximum !== undefined && value > rule.maximum) {
        return `must be at most ${rule.maximum}`;
      }
      return undefined;
    }
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be a boolean";
  }
}

/**
 * Checks a JSON body against `rules`.
 *
 * @param body The parsed body.
 * @param rules The fields' rules.
 * @param withDefaults Fill in the defaults of missing fields (creates; not updates).
 * @returns The known fields (with defaults) and the problems; the value is only meaningful without problems.
 */
export function validateBody(
  body: unknown,
  rules: Rules,
  withDefaults: boolean,
): { value: Record<string, unknown>; problems: FieldProblem[] } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return {
      value: {},
      problems: [{ field: "", message: "the body must be a JSON object" }],
    };
  }
  const input = body as Record<string, unknown>;
  const value: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const [field, rule] of Object.entries(rules)) {
    if (!Object.hasOwn(input, field) || input[field] === undefined) {
      if (rule.required) problems.push({ field, message: "is required" });
      else if (withDefaults && rule.default !== undefined) {
        value[field] = rule.default;
      }
      continue;
    }
    const message = checkValue(input[field], rule);
    if (message) problems.push({ field, message });
    else value[field] = input[field];
  }
  return { value, problems };
}

function parseParam(
  text: string,
  rule: Rule,
): { value?: unknown; message?: string } {
  let value: unknown = text;
  if (rule.type === "integer") {
    if (!/^-?\d+$/.test(text)) return { message: "must be an integer" };
    value = Number(text);
  } else if (rule.type === "boolean") {
    if (text !== "true" && text !== "false") {
      return { message: "must be true or false" };
    }
    value = text === "true";
  }
  const message = checkValue(value, rule);
  return message ? { message } : { value };
}

/**
 * Parses query parameters by `rules` (parameters not named are ignored). A repeated parameter is an error unless
 * its rule has `array`.
 *
 * @returns The parsed values (with defaults) and the problems.
 */
export function validateQuery(
  params: URLSearchParams,
  rules: Rules,
): { value: Record<string, unknown>; problems: FieldProblem[] } {
  const value: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const [field, rule] of Object.entries(rules)) {
    const texts = params.getAll(field);
    if (texts.length === 0) {
      if (rule.required) problems.push({ field, message: "is required" });
      else if (rule.default !== undefined) value[field] = rule.default;
      continue;
    }
    if (texts.length > 1 && !rule.array) {
      problems.push({ field, message: "must be given once" });
      continue;
    }
    if (rule.maxItems !== undefined && texts.length > rule.maxItems) {
      problems.push({
        field,
        message: `must be given at most ${rule.maxItems} times`,
      });
      continue;
    }
    const parsed = texts.map((text) => parseParam(text, rule));
    const bad = parsed.find((p) => p.message !== undefined);
    if (bad) problems.push({ field, message: bad.message! });
    else value[field] = rule.array ? parsed.map((p) => p.value) : parsed[0]!.value;
  }
  return { value, problems };
}

// ---- the spec's request schemas ------------------------------------------------------------------------------

const name: Rule = { type: "string", minLength: 1, maxLength: 200 };
const uuid: Rule = { type: "string", format: "uuid" };
const tier: Rule = { type: "string", enum: CUSTOMER_TIERS };
const currency: Rule = { type: "string", enum: CURRENCIES };
const sku: Rule = { type: "string", pattern: /^[A-Z0-9-]{3,32}$/ };
const cents: Rule = { type: "integer", minimum: 0 };
const quantity: Rule = { type: "integer", minimum: 1, maximum: 10000 };
const notes: Rule = { type: "string", maxLength: 2000, nullable: true };

/** `CustomerCreate` (defaults: the server's values for fields left out). */
export const CUSTOMER_CREATE: Rules = {
  name: { ...name, required: true },
  email: { type: "string", format: "email", required: true },
  phone: { type: "string", maxLength: 40, nullable: true, default: null },
  company: { type: "string", maxLength: 200, nullable: true, default: null },
  tier: { ...tier, default: "standard" },
  referred_by_id: { ...uuid, nullable: true, default: null },
};

/** `CustomerUpdate`. */
export const CUSTOMER_UPDATE: Rules = {
  name,
  email: { type: "string", format: "email" },
  phone: { type: "string", maxLength: 40, nullable: true },
  company: { type: "string", maxLength: 200, nullable: true },
  tier,
  referred_by_id: { ...uuid, nullable: true },
};

/** `ProductCreate`. */
export const PRODUCT_CREATE: Rules = {
  sku: { ...sku, required: true },
  name: { ...name, required: true },
  description: {
    type: "string",
    maxLength: 2000,
    nullable: true,
    default: null,
  },
  price_cents: { ...cents, required: true },
  currency: { ...currency, default: "EUR" },
  stock: { ...cents, default: 0 },
  active: { type: "boolean", default: true },
};

/** `ProductUpdate`. */
export const PRODUCT_UPDATE: Rules = {
  name,
  description: { type: "string", maxLength: 2000, nullable: true },
  price_cents: cents,
  stock: cents,
  active: { type: "boolean" },
};

/** `OrderCreate`. */
export const ORDER_CREATE: Rules = {
  customer_id: { ...uuid, required: true },
  currency: { ...currency, default: "EUR" },
  notes: { ...notes, default: null },
};

/** `OrderUpdate`. */
export const ORDER_UPDATE: Rules = {
  status: { type: "string", enum: ORDER_STATUSES },
  notes,
};

/** `OrderCancel`. */
export const ORDER_CANCEL: Rules = {
  reason: { type: "string", maxLength: 500 },
};

/** `OrderItemCreate` (the spec lists `quantity` as required although it has a default: required wins). */
export const ORDER_ITEM_CREATE: Rules = {
  order_id: { ...uuid, required: true },
  product_id: { ...uuid, required: true },
  quantity: { ...quantity, required: true },
};

/** `OrderItemUpdate`. */
export const ORDER_ITEM_UPDATE: Rules = {
  quantity,
};

// ---- the spec's list parameters --------------------------------------------------------------------------------

/** `components/parameters/Ids`: `?id=…&id=…`. */
const ids: Rule = { ...uuid, array: true, maxItems: 500 };
const search: Rule = { type: "string", minLength: 1 };

/** `GET /customers`. */
export const LIST_CUSTOMERS: Rules = { search, tier, id: ids, referred_by_id: ids };
/** `GET /products`. */
export const LIST_PRODUCTS: Rules = {
  active: { type: "boolean" },
  search,
  id: ids,
};
/** `GET /orders`. */
export const LIST_ORDERS: Rules = {
  status: { type: "string", enum: ORDER_STATUSES },
  customer_id: ids,
  limit: { type: "integer", minimum: 1, maximum: 500, default: 100 },
  offset: { type: "integer", minimum: 0, default: 0 },
  id: ids,
};
/** `GET /order-items`. */
export const LIST_ORDER_ITEMS: Rules = {
  order_id: ids,
  product_id: ids,
  id: ids,
};
