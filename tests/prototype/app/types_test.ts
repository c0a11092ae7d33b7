/**
 * Type tests of the entity hooks: `deno check` of this file is the test (the functions never run).
 *
 * @module
 */
import {
  type Customer,
  type Order,
  type OrderRow,
  useCreateOrder,
  useCustomer,
  useOrder,
  useOrders,
} from "./generated/index.ts";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(_ok: T): void {}

export function includeNarrowsTheRowType(id: string): void {
  const plain = useOrders();
  const order = plain.data[0]!;
  order.total.toFixed();
  // @ts-expect-error without include there is no customer
  order.customer;

  const withCustomer = useOrders({ include: ["customer"], where: { status: ["open", "paid"] } });
  const name: string | undefined = withCustomer.data[0]?.customer.name;
  expectType<Equal<typeof withCustomer.data[number], OrderRow<"customer">>>(true);

  const one = useOrder(id, { include: ["customer"] });
  const maybeName: string | undefined = one.data?.customer.name;
  // @ts-expect-error data may be undefined (loading, or no such order)
  one.data.customer;

  const single = useOrder(id);
  // @ts-expect-error without include there is no customer
  single.data?.customer;

  const customer = useCustomer(id, { include: ["orders"] });
  const orders: Order[] | undefined = customer.data?.orders;
  const c: Customer | undefined = customer.data;
  void [name, maybeName, orders, c];
}

export function filtersAreTyped(): void {
  // @ts-expect-error not a status
  useOrders({ where: { status: "lost" } });
  // @ts-expect-error not a field
  useOrders({ orderBy: { nope: "asc" } });
  // @ts-expect-error not a relation
  useOrders({ include: ["items"] });
}

export async function mutationsAreTyped(): Promise<void> {
  const create = useCreateOrder();
  const created: Order = await create.mutateAsync({ customer_id: "x", total: 1 });
  // @ts-expect-error total is required
  create.mutate({ customer_id: "x" });
  const pending: boolean = create.isPending;
  const error: Error | null = create.error;
  void [created, pending, error];
}

Deno.test("entity hook types (checked by deno check)", () => {});
