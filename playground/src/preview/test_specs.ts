/**
 * Small specs the preview's tests share (unit tests and the Chromium scenario): shapes the sales example lacks.
 *
 * @module
 */

/** A list wrapped in `{ data, meta }`, an item wrapped in `{ note }`, integer keys, string limits. */
export const WRAPPED_SPEC: Record<string, unknown> = {
  openapi: "3.0.3",
  info: { title: "Wrapped", version: "1" },
  paths: {
    "/notes": {
      get: {
        operationId: "listNotes",
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["data", "meta"],
                  properties: {
                    data: {
                      type: "array",
                      items: { $ref: "#/components/schemas/Note" },
                    },
                    meta: {
                      type: "object",
                      properties: { total: { type: "integer" } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      post: {
        operationId: "createNote",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { $ref: "#/components/schemas/NoteCreate" },
            },
          },
        },
        responses: {
          "201": {
            description: "ok",
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/Note" },
              },
            },
          },
        },
      },
    },
    "/notes/{id}": {
      get: {
        operationId: "getNote",
        parameters: [{
          name: "id",
          in: "path",
          required: true,
          schema: { type: "integer" },
        }],
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { note: { $ref: "#/components/schemas/Note" } },
                },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Note: {
        type: "object",
        required: ["id", "title"],
        properties: {
          id: { type: "integer", readOnly: true },
          title: { type: "string", maxLength: 12 },
          score: { type: "integer", minimum: 3, maximum: 5 },
        },
      },
      NoteCreate: {
        type: "object",
        required: ["title"],
        properties: { title: { type: "string" } },
      },
    },
  },
};

const json = (schema: unknown) => ({
  content: { "application/json": { schema } },
});
const idParam = (name: string) => ({
  name,
  in: "path",
  required: true,
  schema: { type: "string", format: "uuid" },
});

/** Contacts listed and created under their account (`/accounts/{account_id}/contacts`). */
export const NESTED_SPEC: Record<string, unknown> = {
  openapi: "3.1.0",
  info: { title: "Nested", version: "1" },
  paths: {
    "/accounts": {
      get: {
        operationId: "listAccounts",
        responses: {
          "200": {
            description: "ok",
            ...json({
              type: "array",
              items: { $ref: "#/components/schemas/Account" },
            }),
          },
        },
      },
    },
    "/accounts/{account_id}": {
      get: {
        operationId: "getAccount",
        parameters: [idParam("account_id")],
        responses: {
          "200": {
            description: "ok",
            ...json({ $ref: "#/components/schemas/Account" }),
          },
        },
      },
    },
    "/accounts/{account_id}/contacts": {
      get: {
        operationId: "listContacts",
        parameters: [idParam("account_id")],
        responses: {
          "200": {
            description: "ok",
            ...json({
              type: "array",
              items: { $ref: "#/components/schemas/Contact" },
            }),
          },
        },
      },
      post: {
        operationId: "createContact",
        parameters: [idParam("account_id")],
        requestBody: {
          required: true,
          ...json({ $ref: "#/components/schemas/ContactCreate" }),
        },
        responses: {
          "201": {
            description: "ok",
            ...json({ $ref: "#/components/schemas/Contact" }),
          },
        },
      },
    },
    "/accounts/{account_id}/contacts/{contact_id}": {
      get: {
        operationId: "getContact",
        parameters: [idParam("account_id"), idParam("contact_id")],
        responses: {
          "200": {
            description: "ok",
            ...json({ $ref: "#/components/schemas/Contact" }),
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Account: {
        type: "object",
        required: ["id", "name"],
        properties: {
          id: { type: "string", format: "uuid", readOnly: true },
          name: { type: "string" },
        },
      },
      Contact: {
        type: "object",
        required: ["id", "account_id", "name"],
        properties: {
          id: { type: "string", format: "uuid", readOnly: true },
          account_id: { type: "string", format: "uuid" },
          name: { type: "string" },
          email: { type: "string", format: "email" },
        },
      },
      ContactCreate: {
        type: "object",
        required: ["name"],
        properties: {
          name: { type: "string" },
          email: { type: "string", format: "email" },
        },
      },
    },
  },
};
