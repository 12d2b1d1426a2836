import { proposeCategory as propose } from '../../../src-shared/domain/categories';
import { notFound } from '../app-error';
import type { Handler } from '../operation';
import { insertCustomer, insertProduct, loadCustomerViews, loadProductView, searchCustomerIds, updateCustomer, updateProduct } from '../repos/customers';
import { dayContext } from './day-context';

export const search: Handler<'customers.search'> = async (ctx, input) =>
  loadCustomerViews(ctx.db, await searchCustomerIds(ctx.db, input.query, input.limit));

export const get: Handler<'customers.get'> = async (ctx, input) => {
  const [view] = await loadCustomerViews(ctx.db, [input.customerId]);
  if (!view) throw notFound('customer');
  return view;
};

export const create: Handler<'customers.create'> = async (ctx, input) => {
  const id = await insertCustomer(ctx.db, input, ctx.now.toISOString());
  const [view] = await loadCustomerViews(ctx.db, [id]);
  ctx.audit('customer', id, null, view);
  return view!;
};

export const update: Handler<'customers.update'> = async (ctx, input) => {
  const [before] = await loadCustomerViews(ctx.db, [input.customerId]);
  if (!before) throw notFound('customer');
  await updateCustomer(ctx.db, input.customerId, input.customer);
  const [after] = await loadCustomerViews(ctx.db, [input.customerId]);
  const { products: _products, ...details } = before;
  const { products: _unchanged, ...changed } = after!;
  ctx.audit('customer', input.customerId, details, changed);
  return after!;
};

export const addProduct: Handler<'products.add'> = async (ctx, input) => {
  const [customer] = await loadCustomerViews(ctx.db, [input.customerId]);
  if (!customer) throw notFound('customer');
  const id = await insertProduct(ctx.db, input.customerId, input.product, ctx.now.toISOString());
  const view = (await loadProductView(ctx.db, id))!;
  ctx.audit('product', id, null, view);
  return view;
};

export const updateProductDetails: Handler<'products.update'> = async (ctx, input) => {
  const before = await loadProductView(ctx.db, input.productId);
  if (!before) throw notFound('product');
  await updateProduct(ctx.db, input.productId, before.customerId, input.product);
  const after = (await loadProductView(ctx.db, input.productId))!;
  ctx.audit('product', input.productId, before, after);
  return after;
};

export const proposeCategory: Handler<'products.proposeCategory'> = async (ctx, input) => {
  const product = await loadProductView(ctx.db, input.productId);
  if (!product) throw notFound('product');
  const { today } = await dayContext(ctx);
  return propose({ purchaseDate: product.purchaseDate, warrantyMonths: product.warrantyMonths, exclusions: product.exclusions, contract: product.contract }, today);
};
