import assert from "node:assert/strict";
import { graphModel } from "../../tests/fixtures/graph_model.ts";
import { layoutGraph } from "./layout.ts";
import { escapeXml, renderGraphSvg } from "./svg.ts";

const HOSTILE = `a<b>&c"d'e</text><script>alert(1)</script>\u0001`;

function salesLike() {
  return graphModel([
    { name: "customers", keys: [{ field: "referred_by_id", target: "customers", nullable: true }] },
    { name: "orders", keys: [{ field: "customer_id", target: "customers" }] },
  ]);
}

/** The document parsed as XML: the names of its elements, and the text of those with a class. */
function parseXml(svg: string): { elements: string[]; texts: Record<string, string[]> } {
  // A tiny well-formedness check: every tag closes in order; no raw `<` or `&` outside markup.
  const stack: string[] = [];
  const elements: string[] = [];
  const texts: Record<string, string[]> = {};
  let lastClass = "";
  const re = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < svg.length) {
    re.lastIndex = at;
    m = re.exec(svg);
    assert.ok(m, `not well-formed at ${at}: ${JSON.stringify(svg.slice(at, at + 40))}`);
    at = re.lastIndex;
    if (m[5] !== undefined) {
      assert.ok(!/&(?!(amp|lt|gt|quot|#39);)/.test(m[5]), `raw & in ${JSON.stringify(m[5])}`);
      if (lastClass && m[5].trim()) (texts[lastClass] ??= []).push(m[5]);
      continue;
    }
    const [, close, name, attrs, self] = m;
    if (close) {
      assert.equal(stack.pop(), name, `</${name}> closes another element`);
      lastClass = "";
    } else {
      elements.push(name);
      for (const value of attrs.matchAll(/="([^"]*)"/g)) {
        assert.ok(!/&(?!(amp|lt|gt|quot|#39);)/.test(value[1]), `raw & in attribute ${value[1]}`);
      }
      lastClass = / class="([^"]*)"/.exec(attrs)?.[1] ?? `<${name}>`;
      if (!self) stack.push(name);
    }
  }
  assert.deepEqual(stack, [], "unclosed elements");
  return { elements, texts };
}

Deno.test("renderGraphSvg: a standalone document with a box per entity and a labelled line per key", () => {
  const { model, graph } = salesLike();
  const svg = renderGraphSvg(layoutGraph(model, graph), { title: "Sales" });
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="sp-graph" viewBox="0 0 [\d.]+ [\d.]+"/);
  assert.ok(svg.endsWith("</svg>\n"));
  const { elements, texts } = parseXml(svg);
  assert.equal(elements.filter((e) => e === "marker").length, 3);
  assert.deepEqual(texts.title, ["customers", "orders"]);
  assert.deepEqual(texts["edge-label"], ["referred_by_id", "customer_id"]);
  assert.equal((svg.match(/<g class="node" data-entity=/g) ?? []).length, 2);
  // The one end carries a bar (or bar and circle when nullable), the many end a crow's foot.
  assert.match(
    svg,
    /class="edge-line nullable" d="[^"]+" marker-start="url\(#sp-zero-or-one\)" marker-end="url\(#sp-many\)"/,
  );
  assert.match(svg, /class="edge-line" d="[^"]+" marker-start="url\(#sp-one\)" marker-end="url\(#sp-many\)"/);
  // Light and dark colours from the viewer's preference; no external resource.
  assert.match(svg, /@media \(prefers-color-scheme: dark\)/);
  assert.doesNotMatch(svg, /(href|src)="(https?:)?\/\//);
  assert.equal(renderGraphSvg(layoutGraph(model, graph), { title: "Sales" }), svg, "deterministic");
});

Deno.test("renderGraphSvg: every text from the spec is escaped", () => {
  const { model, graph } = graphModel([
    { name: HOSTILE },
    { name: "orders", keys: [{ field: `x"/><script>1</script>`, target: HOSTILE, name: "hostile" }] },
  ]);
  const svg = renderGraphSvg(layoutGraph(model, graph, { maxNameLength: 200 }), { title: `T</title><g>&` });
  assert.doesNotMatch(svg, /<script|<b>/);
  assert.ok(!svg.includes("\u0001"), "a control character XML forbids");
  const { elements, texts } = parseXml(svg);
  assert.ok(!elements.includes("script") && !elements.includes("b"));
  assert.deepEqual(texts.title.map(unescape), [`a<b>&c"d'e</text><script>alert(1)</script>\ufffd`, "orders"]);
  assert.deepEqual(texts["edge-label"].map(unescape), [`x"/><script>1</script>`]);
  assert.equal(texts["<title>"][0], "T&lt;/title&gt;&lt;g&gt;&amp;");
  assert.match(svg, /data-entity="a&lt;b&gt;&amp;c&quot;d&#39;e/);
  assert.match(svg, /<title id="sp-graph-title">T&lt;\/title&gt;&lt;g&gt;&amp;<\/title>/);
});

Deno.test("escapeXml: markup characters, forbidden controls and lone surrogates", () => {
  assert.equal(escapeXml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  assert.equal(escapeXml("tab\tnew\nline\u0000\u001f"), "tab\tnew\nline\ufffd\ufffd");
  assert.equal(escapeXml("\ud83d\ude00 \ud83d x"), "\ud83d\ude00 \ufffd x");
  assert.equal(escapeXml("plain_name"), "plain_name");
});

Deno.test("renderGraphSvg: an empty graph is a valid empty drawing", () => {
  const svg = renderGraphSvg(layoutGraph(graphModel([]).model, { nodes: [], edges: [] }));
  const { elements } = parseXml(svg);
  assert.ok(!elements.includes("text"));
  assert.match(svg, /<title id="sp-graph-title">Relationship graph<\/title>/);
});

function unescape(text: string): string {
  return text.replace(
    /&(lt|gt|quot|#39|amp);/g,
    (_, e) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e as string]!,
  );
}
