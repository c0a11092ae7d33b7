/**
 * Hostile text from a spec cannot change the generated program: descriptions with several comment closes, comment
 * opens, U+2028, backticks and `${` never end a comment early, and bidirectional control characters (Trojan Source)
 * never reach a generated file raw, while the strings they are part of keep their value.
 *
 * @module
 */
import assert from "node:assert/strict";
import { generate } from "../../mod.ts";
import { writeFiles } from "../helpers/typecheck.ts";
import { parseFailures, stopParser, transformed } from "../helpers/parse.ts";
import { crudSpec } from "./crud_spec.ts";

/** Code that must never run: it would appear as a call in the transformed output if a comment closed early. */
const PAYLOAD = "*/ INJECTED(); /* and again */ INJECTED(); /*";
const NASTY = `one ${PAYLOAD} \u2028 two \`tick\` \${globalThis} // line /** doc */ end */`;
const BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e"]
  .concat(["\u200f", "\u061c"]);
const BIDI_RE = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** An enum value with every bidi control: its value must survive the escaping exactly. */
const BIDI_VALUE = `admin${BIDI.join("")}user`;

function hostileSpec(): Record<string, unknown> {
  const spec = crudSpec([{
    path: "notes",
    schema: "Note",
    description: `${NASTY}\n@internal forged ${BIDI.join(" ")}`,
    properties: {
      body: { type: "string", description: NASTY },
      role: { type: "string", enum: [BIDI_VALUE, "plain"], description: `access \u202e}; if (x) {\u2066 ${PAYLOAD}` },
      [`weird${BIDI[4]}name`]: { type: "string", description: "a key with a bidi control" },
      "*/ INJECTED(); /*": { type: "integer", description: PAYLOAD },
    },
  }], `Title ${PAYLOAD} \u202e`);
  (spec.info as Record<string, unknown>).description = NASTY;
  return spec;
}

/** The code without its string and template literals (esbuild picks the quote that needs the fewest escapes). */
function withoutStrings(code: string): string {
  return code.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
}

Deno.test("hostile text: every file parses and no comment closes early, whatever the descriptions hold", async () => {
  try {
    const { files } = generate(hostileSpec());
    assert.deepEqual(await parseFailures(files), []);
    const ran: string[] = [];
    for (const [path, code] of Object.entries(files)) {
      if (/INJECTED/.test(withoutStrings(await transformed(code)))) ran.push(path);
    }
    assert.deepEqual(ran, [], "the payload became code");
    // the text is still there, escaped, in the comments
    assert.match(files["schemas/note.schema.ts"], /one \*\\\/ INJECTED\(\); \/\* and again \*\\\/ INJECTED\(\);/);
  } finally {
    await stopParser();
  }
});

Deno.test("hostile text: no bidirectional control character reaches any generated file", () => {
  const { files } = generate(hostileSpec());
  const raw = Object.entries(files).filter(([, code]) => BIDI_RE.test(code)).map(([path]) => path);
  assert.deepEqual(raw, []);
  // escaped visibly in comments, so a reader still sees that the spec had one
  assert.match(files["schemas/note.schema.ts"], /access \\u202e\}; if \(x\) \{\\u2066/);
});

Deno.test({
  name: "hostile text: strings with bidi controls keep their exact value (the generated schema accepts it)",
  permissions: { read: true, write: true },
  async fn() {
    const { files } = generate(hostileSpec());
    const dir = decodeURIComponent(new URL("../.out/escape_bidi/", import.meta.url).pathname);
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    await writeFiles(dir, files);
    const schemas = await import(`${dir}schemas/index.ts`);
    const note = schemas.NoteSchema;
    assert.ok(note, `NoteSchema exported: ${Object.keys(schemas).join(", ")}`);
    const row = { id: "1", role: BIDI_VALUE, body: "b" };
    assert.equal(note.safeParse(row).success, true, "the exact value with every bidi control is accepted");
    assert.equal(note.safeParse({ ...row, role: "adminuser" }).success, false, "the value without them is not");
    const keyed = note.safeParse({ ...row, [`weird${BIDI[4]}name`]: "k" });
    assert.equal(keyed.success, true);
    assert.equal((keyed.data as Record<string, unknown>)[`weird${BIDI[4]}name`], "k", "the key keeps its value");
  },
});
