import type { InputOf } from '../../src-shared/contract';
import type { ApiError } from '../../src-shared/contract/errors';
import type { GoodsLineView } from '../../src-shared/contract/goods';
import type { ApiClient } from '../api/client';
import type { StoreGet, StoreSet } from './app-store';

export type GoodsTab = 'inShop' | 'overdue' | 'returned';

export interface GoodsSlice {
  goodsTab: GoodsTab;
  goodsLines: GoodsLineView[];
  goodsLoading: boolean;
  goodsError: ApiError | null;
  /** Goods still in the shop: the lost-receipt path picks its call from these. */
  goodsInShop: GoodsLineView[];
  /** Show one tab of the ledger (in shop, overdue, returned). */
  showGoodsTab(tab: GoodsTab): Promise<void>;
  loadGoods(): Promise<void>;
  loadGoodsInShop(): Promise<void>;
  /** Hand the goods back against the receipt (or a lost receipt), void it; reloads the ledger. */
  returnGoods(input: InputOf<'goods.return'>): Promise<{ ok: true; line: GoodsLineView } | { ok: false; error: ApiError }>;
}

export function createGoodsSlice(api: ApiClient) {
  let generation = 0;
  return (set: StoreSet, get: StoreGet): GoodsSlice => ({
    goodsTab: 'inShop',
    goodsLines: [],
    goodsLoading: false,
    goodsError: null,
    goodsInShop: [],

    async showGoodsTab(goodsTab) {
      set({ goodsTab });
      await get().loadGoods();
    },
    async loadGoods() {
      const mine = ++generation;
      set({ goodsLoading: true });
      const result = await api.call('goods.list', { state: get().goodsTab, limit: 500 });
      if (mine !== generation) return;
      if (result.ok) set({ goodsLines: result.data, goodsLoading: false, goodsError: null });
      else set({ goodsLoading: false, goodsError: result.error });
    },
    async loadGoodsInShop() {
      const result = await api.call('goods.list', { state: 'inShop', limit: 500 });
      if (result.ok) set({ goodsInShop: result.data });
    },
    async returnGoods(input) {
      const result = await api.call('goods.return', input);
      if (!result.ok) return { ok: false, error: result.error };
      await Promise.all([get().loadGoods(), get().loadGoodsInShop()]);
      return { ok: true, line: result.data };
    },
  });
}
