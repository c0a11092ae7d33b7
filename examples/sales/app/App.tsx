/**
 * The UI: orders (with their customers), an order's detail with its items, forms to create, edit and delete, a
 * customer list to rename from, the broadcast connection badge and the fault switch.
 *
 * Every list here is a live query over the generated collections: a local change shows at once (rows still
 * waiting for the server are marked "saving…"), a failed one rolls back with an error toast, and other clients'
 * changes arrive through the broadcast.
 *
 * @module
 */
import { createContext, type FormEvent, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import {
  ApiError,
  useBroadcastState,
  useCreateOrder,
  useCreateOrderItem,
  useCustomers,
  useDeleteOrder,
  useDeleteOrderItem,
  useOrder,
  useOrderItems,
  useOrders,
  useProducts,
  useUpdateCustomer,
  useUpdateOrder,
} from "../src/generated/index.ts";
import { setFaults, useFaults } from "./faults.ts";

type OrderStatus =
  | "pending"
  | "confirmed"
  | "shipped"
  | "delivered"
  | "cancelled";
const FORWARD: readonly OrderStatus[] = [
  "pending",
  "confirmed",
  "shipped",
  "delivered",
];
const STATUSES: readonly OrderStatus[] = [...FORWARD, "cancelled"];

// ---- formatting ---------------------------------------------------------------------------------------------------

const moneyFormats = new Map<string, Intl.NumberFormat>();
function money(cents: number | undefined, currency = "EUR"): string {
  if (cents === undefined) return "—";
  let format = moneyFormats.get(currency);
  if (!format) {
    moneyFormats.set(
      currency,
      format = new Intl.NumberFormat("en-GB", { style: "currency", currency }),
    );
  }
  return format.format(cents / 100);
}

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
});
function when(iso: string | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "—" : dateFormat.format(date);
}

/** What went wrong, for people: the API's message when it sent one. */
function describe(error: unknown): string {
  if (error instanceof ApiError) {
    const body = error.body as {
      message?: unknown;
      details?: { field: string; message: string }[];
    } | undefined;
    const details = body?.details?.map((d) => `${d.field}: ${d.message}`).join(
      "; ",
    );
    const message = typeof body?.message === "string" ? body.message : error.message;
    return `${message}${details && !message.includes(details) ? ` (${details})` : ""} [${error.status}]`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** True while a row has a local change the server has not confirmed. */
const saving = (row: { $hasPendingWrites?: boolean } | undefined) => row?.$hasPendingWrites === true;

// ---- toasts -------------------------------------------------------------------------------------------------------

interface Toast {
  id: number;
  kind: "error" | "info";
  text: string;
}

const ToastContext = createContext<(kind: Toast["kind"], text: string) => void>(
  () => {},
);
const useToast = () => useContext(ToastContext);

function Toasts(props: { toasts: Toast[]; dismiss: (id: number) => void }) {
  return (
    <div className="toasts" role="status" aria-live="polite">
      {props.toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.kind}`}
          data-testid={`toast-${toast.kind}`}
        >
          <span>{toast.text}</span>
          <button
            type="button"
            className="link"
            onClick={() => props.dismiss(toast.id)}
            aria-label="Dismiss"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

// ---- header -------------------------------------------------------------------------------------------------------

function ConnectionBadge() {
  const state = useBroadcastState();
  const label = {
    connecting: "Connecting…",
    connected: "Live",
    reconnecting: "Reconnecting…",
    disconnected: "Offline",
  }[
    state
  ];
  return (
    <span
      className={`badge badge-${state}`}
      data-testid="connection"
      data-state={state}
      title={`Broadcast: ${state}`}
    >
      <span className="dot" />
      {label}
    </span>
  );
}

function FaultSwitch() {
  const faults = useFaults();
  return (
    <label
      className="fault"
      title="Writes wait 0.8 s on the server, then fail with 500: watch them roll back"
    >
      <input
        type="checkbox"
        data-testid="fail-writes"
        checked={faults.failWrites}
        onChange={(event) =>
          setFaults({
            failWrites: event.currentTarget.checked,
            delayMs: event.currentTarget.checked ? 800 : 0,
          })}
      />
      Simulate failure
    </label>
  );
}

// ---- orders -------------------------------------------------------------------------------------------------------

function StatusChip(props: { status: string }) {
  return <span className={`chip chip-${props.status}`}>{props.status}</span>;
}

function NewOrderForm(props: { onCreated: (id: string) => void }) {
  const toast = useToast();
  const customers = useCustomers({ orderBy: { name: "asc" } });
  const [customerId, setCustomerId] = useState("");
  const [notes, setNotes] = useState("");
  const create = useCreateOrder({
    onSuccess: (order) => {
      toast("info", `Order ${order.number} created`);
      props.onCreated(order.id);
    },
    onError: (error) =>
      toast(
        "error",
        `Could not create the order: ${describe(error)}. Rolled back.`,
      ),
  });
  const chosen = customerId || customers.data[0]?.id || "";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    create.mutate({ customer_id: chosen, notes: notes.trim() || null });
    setNotes("");
  };
  return (
    <form className="card new-order" onSubmit={submit} data-testid="new-order">
      <h2>New order</h2>
      <div className="row">
        <label>
          Customer
          <select
            value={chosen}
            onChange={(event) => setCustomerId(event.currentTarget.value)}
            data-testid="new-order-customer"
          >
            {customers.data.map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.name}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Notes
          <input
            value={notes}
            onChange={(event) => setNotes(event.currentTarget.value)}
            placeholder="For the warehouse (optional)"
            maxLength={2000}
            data-testid="new-order-notes"
          />
        </label>
        <button
          type="submit"
          className="primary"
          disabled={!chosen}
          data-testid="create-order"
        >
          Create order
        </button>
      </div>
    </form>
  );
}

function OrdersTable(
  props: { selected: string | undefined; onSelect: (id: string) => void },
) {
  const [status, setStatus] = useState<OrderStatus | "">("");
  const orders = useOrders({
    include: ["customer"],
    where: status ? { status } : undefined,
    orderBy: { created_at: "desc" },
  });
  return (
    <section className="card orders">
      <header className="card-head">
        <h2>Orders</h2>
        <div className="filters" role="group" aria-label="Filter by status">
          {(["", ...STATUSES] as const).map((value) => (
            <button
              key={value || "all"}
              type="button"
              className={`filter ${status === value ? "active" : ""}`}
              onClick={() => setStatus(value)}
            >
              {value || "all"}
            </button>
          ))}
        </div>
      </header>
      {orders.isLoading ? <p className="muted">Loading orders…</p> : null}
      {orders.isError
        ? (
          <p className="error-text">
            Could not load orders: {describe(orders.error)}
          </p>
        )
        : null}
      <table data-testid="orders">
        <thead>
          <tr>
            <th>Order</th>
            <th>Customer</th>
            <th>Status</th>
            <th className="num">Total</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {orders.data.map((order) => (
            <tr
              key={order.id}
              data-testid="order-row"
              data-order-id={order.id}
              data-number={order.number}
              className={`${order.id === props.selected ? "selected" : ""} ${saving(order) ? "pending" : ""}`}
              onClick={() => props.onSelect(order.id)}
            >
              <td className="mono">
                {order.number || "…"}
                {saving(order) ? <span className="saving">saving…</span> : null}
              </td>
              <td data-testid="order-customer">
                {order.customer?.name ?? "…"}
              </td>
              <td>
                <StatusChip status={order.status} />
              </td>
              <td className="num">
                {money(order.total_cents, order.currency)}
              </td>
              <td className="muted">{when(order.created_at)}</td>
            </tr>
          ))}
          {orders.isReady && orders.data.length === 0
            ? (
              <tr>
                <td colSpan={5} className="muted empty">
                  No orders{status ? ` with status ${status}` : ""}.
                </td>
              </tr>
            )
            : null}
        </tbody>
      </table>
    </section>
  );
}

function OrderItems(
  props: { orderId: string; currency: string; editable: boolean },
) {
  const toast = useToast();
  const items = useOrderItems({
    where: { order_id: props.orderId },
    orderBy: { created_at: "asc" },
  });
  const products = useProducts({
    where: { active: true },
    orderBy: { name: "asc" },
  });
  const [productId, setProductId] = useState("");
  const [quantity, setQuantity] = useState(1);
  const add = useCreateOrderItem({
    onError: (error) =>
      toast(
        "error",
        `Could not add the item: ${describe(error)}. Rolled back.`,
      ),
  });
  const remove = useDeleteOrderItem({
    onError: (error) =>
      toast(
        "error",
        `Could not remove the item: ${describe(error)}. Rolled back.`,
      ),
  });
  const taken = new Set(items.data.map((item) => item.product_id));
  const available = products.data.filter((product) => !taken.has(product.id));
  const chosen = available.some((p) => p.id === productId) ? productId : available[0]?.id ?? "";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) {
      add.mutate({ order_id: props.orderId, product_id: chosen, quantity });
    }
  };
  return (
    <div className="items">
      <table data-testid="order-items">
        <thead>
          <tr>
            <th>Item</th>
            <th className="num">Qty</th>
            <th className="num">Unit</th>
            <th className="num">Line</th>
            {props.editable ? <th /> : null}
          </tr>
        </thead>
        <tbody>
          {items.data.map((item) => (
            <tr
              key={item.id}
              data-testid="item-row"
              className={saving(item) ? "pending" : ""}
            >
              <td>
                {item.product_name ||
                  products.data.find((p) => p.id === item.product_id)?.name ||
                  "…"}
                {saving(item) ? <span className="saving">saving…</span> : null}
              </td>
              <td className="num">{item.quantity}</td>
              <td className="num">
                {saving(item) ? "…" : money(item.unit_price_cents, props.currency)}
              </td>
              <td className="num">
                {saving(item) ? "…" : money(item.line_total_cents, props.currency)}
              </td>
              {props.editable
                ? (
                  <td className="num">
                    <button
                      type="button"
                      className="link danger"
                      onClick={() => remove.mutate(item.id)}
                    >
                      Remove
                    </button>
                  </td>
                )
                : null}
            </tr>
          ))}
          {items.isReady && items.data.length === 0
            ? (
              <tr>
                <td colSpan={5} className="muted empty">No items yet.</td>
              </tr>
            )
            : null}
        </tbody>
      </table>
      {props.editable
        ? (
          <form className="row add-item" onSubmit={submit}>
            <select
              value={chosen}
              onChange={(event) => setProductId(event.currentTarget.value)}
              aria-label="Product"
            >
              {available.map((product) => (
                <option key={product.id} value={product.id}>
                  {product.name} · {money(product.price_cents, product.currency)}
                </option>
              ))}
            </select>
            <input
              type="number"
              min={1}
              max={10000}
              value={quantity}
              onChange={(event) =>
                setQuantity(
                  Math.max(1, Number(event.currentTarget.value) || 1),
                )}
              aria-label="Quantity"
              className="qty"
            />
            <button type="submit" disabled={!chosen}>Add item</button>
          </form>
        )
        : null}
    </div>
  );
}

function OrderDetail(props: { id: string; onDeleted: () => void }) {
  const toast = useToast();
  const { data: order, isLoading } = useOrder(props.id, {
    include: ["customer"],
  });
  const [status, setStatus] = useState<OrderStatus>("pending");
  const [notes, setNotes] = useState("");
  useEffect(() => {
    if (!order) return;
    setStatus(order.status);
    setNotes(order.notes ?? "");
  }, [order?.id, order?.status, order?.notes]);
  const update = useUpdateOrder({
    onError: (error) =>
      toast(
        "error",
        `Could not save the order: ${describe(error)}. Rolled back.`,
      ),
  });
  const remove = useDeleteOrder({
    onSuccess: () => toast("info", "Order deleted"),
    onError: (error) =>
      toast(
        "error",
        `Could not delete the order: ${describe(error)}. Rolled back.`,
      ),
  });
  if (!order) {
    return (
      <section className="card detail muted">
        {isLoading ? "Loading…" : "This order is gone."}
      </section>
    );
  }
  const changed = status !== order.status ||
    (notes.trim() || null) !== (order.notes ?? null);
  const save = (event: FormEvent) => {
    event.preventDefault();
    const data: { status?: OrderStatus; notes?: string | null } = {};
    if (status !== order.status) data.status = status;
    if ((notes.trim() || null) !== (order.notes ?? null)) {
      data.notes = notes.trim() || null;
    }
    update.mutate({ id: order.id, data });
  };
  const deletable = order.status === "pending" || order.status === "cancelled";
  const choices = order.status === "cancelled" ? ["cancelled" as const] : FORWARD.slice(FORWARD.indexOf(order.status));
  return (
    <section
      className="card detail"
      data-testid="order-detail"
      data-order-id={order.id}
    >
      <header className="card-head">
        <div>
          <h2 className="mono">
            {order.number || "New order"} {saving(order) ? <span className="saving">saving…</span> : null}
          </h2>
          <p className="muted">
            {order.customer?.name ?? "…"} · {when(order.created_at)}
          </p>
        </div>
        <StatusChip status={order.status} />
      </header>
      <OrderItems
        orderId={order.id}
        currency={order.currency}
        editable={order.status === "pending" && !saving(order)}
      />
      <p className="total">
        Total{" "}
        <strong data-testid="order-total">
          {money(order.total_cents, order.currency)}
        </strong>
      </p>
      <form className="edit" onSubmit={save}>
        <div className="row">
          <label>
            Status
            <select
              value={status}
              onChange={(event) => setStatus(event.currentTarget.value as OrderStatus)}
              data-testid="order-status"
            >
              {choices.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </label>
          <label className="grow">
            Notes
            <input
              value={notes}
              onChange={(event) => setNotes(event.currentTarget.value)}
              data-testid="order-notes"
            />
          </label>
        </div>
        <div className="row end">
          <button
            type="button"
            className="danger"
            disabled={!deletable}
            title={deletable ? "Delete this order and its items" : "Only pending and cancelled orders can be deleted"}
            onClick={() => {
              remove.mutate(order.id);
              props.onDeleted();
            }}
            data-testid="delete-order"
          >
            Delete
          </button>
          <button
            type="submit"
            className="primary"
            disabled={!changed}
            data-testid="save-order"
          >
            Save
          </button>
        </div>
      </form>
    </section>
  );
}

// ---- customers ----------------------------------------------------------------------------------------------------

function CustomerRow(
  props: {
    customer: {
      id: string;
      name: string;
      email: string;
      tier: string;
      $hasPendingWrites?: boolean;
    };
  },
) {
  const toast = useToast();
  const { customer } = props;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(customer.name);
  const rename = useUpdateCustomer({
    onError: (error) =>
      toast(
        "error",
        `Could not rename ${customer.name}: ${describe(error)}. Rolled back.`,
      ),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = name.trim();
    if (next && next !== customer.name) {
      rename.mutate({ id: customer.id, data: { name: next } });
    }
    setEditing(false);
  };
  return (
    <li
      data-testid="customer-row"
      data-customer-id={customer.id}
      className={saving(customer) ? "pending" : ""}
    >
      {editing
        ? (
          <form className="row" onSubmit={submit}>
            <input
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              autoFocus
              maxLength={200}
              aria-label="Name"
              data-testid="rename-input"
            />
            <button type="submit" className="primary" data-testid="rename-save">
              Save
            </button>
            <button
              type="button"
              className="link"
              onClick={() => setEditing(false)}
            >
              Cancel
            </button>
          </form>
        )
        : (
          <div className="customer">
            <div>
              <strong data-testid="customer-name">{customer.name}</strong>
              {saving(customer) ? <span className="saving">saving…</span> : null}
              <div className="muted small">{customer.email}</div>
            </div>
            <span className={`chip tier-${customer.tier}`}>
              {customer.tier}
            </span>
            <button
              type="button"
              className="link"
              onClick={() => {
                setName(customer.name);
                setEditing(true);
              }}
              data-testid="rename"
            >
              Rename
            </button>
          </div>
        )}
    </li>
  );
}

function Customers() {
  const customers = useCustomers({ orderBy: { name: "asc" } });
  return (
    <section className="card customers">
      <header className="card-head">
        <h2>Customers</h2>
        <span className="muted small">Renames show in the orders at once</span>
      </header>
      <ul>
        {customers.data.map((customer) => <CustomerRow key={customer.id} customer={customer} />)}
      </ul>
    </section>
  );
}

// ---- the app ------------------------------------------------------------------------------------------------------

/** The whole page. */
export function App(): ReactNode {
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback(
    (id: number) => setToasts((list) => list.filter((t) => t.id !== id)),
    [],
  );
  const push = useCallback((kind: Toast["kind"], text: string) => {
    const id = Date.now() + Math.random();
    setToasts((list) => [...list.slice(-3), { id, kind, text }]);
    setTimeout(() => dismiss(id), kind === "error" ? 8000 : 3000);
  }, [dismiss]);
  return (
    <ToastContext.Provider value={push}>
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          <div>
            <h1>Sales</h1>
            <p>
              A live, optimistic data layer generated from openapi.yaml by @sync/patterns
            </p>
          </div>
        </div>
        <div className="controls">
          <FaultSwitch />
          <ConnectionBadge />
        </div>
      </header>
      <main className="layout">
        <div className="column">
          <NewOrderForm onCreated={setSelected} />
          <OrdersTable selected={selected} onSelect={setSelected} />
        </div>
        <div className="column side">
          {selected
            ? (
              <OrderDetail
                key={selected}
                id={selected}
                onDeleted={() => setSelected(undefined)}
              />
            )
            : (
              <section className="card detail muted placeholder">
                Select an order to see its items.
              </section>
            )}
          <Customers />
        </div>
      </main>
      <Toasts toasts={toasts} dismiss={dismiss} />
    </ToastContext.Provider>
  );
}
