/**
 * The model of every real spec in ../shared/specs/upstream: expected entities and relationships.
 * Skipped, saying why, when that folder is not there; in CI (`CI=true`) that fails.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { generate } from "../src/generate.ts";
import type { EntityModel } from "../src/model/types.ts";
import { requirement } from "./helpers/requirement.ts";

const SPECS = fileURLToPath(new URL("../../shared/specs/upstream/", import.meta.url));
const present = (() => {
  try {
    return Deno.statSync(SPECS).isDirectory;
  } catch {
    return false;
  }
})();
const folder = requirement("../shared/specs/upstream/", present, `the real-spec tests read ${SPECS}`);

function model(file: string): EntityModel {
  return generate(Deno.readTextFileSync(SPECS + file), { source: file }).model;
}

/** `name pk:type mode [crud] [custom]` per entity. */
function summary(m: EntityModel): string[] {
  return m.entities.map((e) =>
    `${e.name} ${e.primaryKey.name}:${e.primaryKey.type} ${e.syncMode} [${
      Object.keys(e.operations).sort().join(",")
    }] [${e.customOperations.map((o) => o.name).join(",")}]`
  );
}

function relationships(m: EntityModel): string[] {
  return m.entities.flatMap((e) =>
    e.relationships.map((r) => `${e.name}.${r.name} ${r.kind} ${r.target} via ${r.foreignKey}${r.nullable ? "?" : ""}`)
  );
}

const expected: Record<string, { entities: string[]; relationships: string[]; standalone?: string[] }> = {
  "minimal-crud.json": {
    entities: ["accounts id:uuid optimistic [create,delete,get,list,update] []"],
    relationships: [],
  },
  "nested-resources.json": {
    entities: [
      "orgs id:uuid optimistic [get,list] []",
      "accounts id:uuid optimistic [delete,get,list,update] []",
      "contacts id:uuid optimistic [get] []",
    ],
    relationships: [
      "orgs.accounts hasMany accounts via org_id",
      "accounts.org belongsTo orgs via org_id",
      "accounts.contacts hasMany contacts via account_id",
      "contacts.account belongsTo accounts via account_id",
    ],
  },
  "sales-patterns-openapi.json": {
    entities: [
      "account_fields id:uuid optimistic [create,delete,get,list,update] [getExtendedMetadataAuth]",
      "accounts id:uuid optimistic [create,delete,get,list,update] [getStageMetadata,getAllowedStageTransitions,getNextStageSuggestion,transitionStage]",
      "activities id:uuid optimistic [create,get,list] [search]",
      "files id:uuid confirmed [delete,list] [upload,download,getMetadata]",
    ],
    relationships: [
      "accounts.activities hasMany activities via account_id",
      "activities.account belongsTo accounts via account_id",
    ],
  },
  "sample-openapi.json": {
    entities: ["contacts id:uuid optimistic [create,delete,get,list,update] []"],
    relationships: [],
  },
  "with-custom-operations.json": {
    entities: ["accounts id:string optimistic [get,list] [transitionStage,archive]"],
    relationships: [],
    standalone: ["getAccountMetadata"],
  },
  "with-entity-references.json": {
    entities: [
      "transactions id:uuid optimistic [get,list] []",
      "categories id:uuid optimistic [get,list] []",
      "accounts id:uuid optimistic [get,list] []",
    ],
    relationships: [
      "transactions.category belongsTo categories via category_id",
      "transactions.account belongsTo accounts via account_id",
      "categories.parent belongsTo categories via parent_id?",
      "categories.transactions hasMany transactions via category_id",
      "categories.children hasMany categories via parent_id?",
      "accounts.transactions hasMany transactions via account_id",
    ],
  },
  "with-security-global.json": { entities: ["users id:uuid optimistic [list] []"], relationships: [] },
  "with-security-operation.json": { entities: ["tasks id:uuid optimistic [create,list] []"], relationships: [] },
  "with-security-override.json": { entities: [], relationships: [], standalone: ["listPublic", "listProtected"] },
  "with-security-path.json": { entities: ["products id:uuid optimistic [list] []"], relationships: [] },
  "with-sync-modes.json": {
    entities: [
      "accounts id:string optimistic [list] []",
      "contacts id:string optimistic [create,delete,get,list,update] []",
      "files id:string optimistic [list] []",
      "legacies id:string optimistic [list] []",
    ],
    relationships: [],
  },
};

for (const [file, want] of Object.entries(expected)) {
  Deno.test({
    name: `upstream spec ${file}: entities and relationships`,
    ignore: folder.ignore,
    fn() {
      folder.assert();
      const m = model(file);
      assert.deepEqual(summary(m), want.entities);
      assert.deepEqual(relationships(m), want.relationships);
      assert.deepEqual(m.operations.map((o) => o.name), want.standalone ?? []);
    },
  });
}

Deno.test({
  name: "upstream specs: every file in the folder has expectations",
  ignore: folder.ignore,
  fn() {
    folder.assert();
    const files = [...Deno.readDirSync(SPECS)].filter((f) => f.name.endsWith(".json")).map((f) => f.name).sort();
    assert.deepEqual(files, Object.keys(expected).sort());
  },
});

Deno.test({
  name: "upstream spec with-entity-references.json: an annotation naming a missing entity is a warning with its place",
  ignore: folder.ignore,
  fn() {
    folder.assert();
    const { diagnostics } = generate(Deno.readTextFileSync(SPECS + "with-entity-references.json"));
    const w = diagnostics.find((d) => d.code === "model/unknown-entity");
    assert.ok(w, JSON.stringify(diagnostics));
    assert.equal(w.pointer, "/components/schemas/Transaction/properties/created_by");
    assert.equal(typeof w.line, "number");
  },
});
