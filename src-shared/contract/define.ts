import type { z } from 'zod';
import type { Access } from './roles';

/**
 * One operation of the API: its input parser, who may call it, whether it changes data, and (as a
 * phantom type) what it returns. Queries run in a read transaction and are not audited; commands run in
 * a write transaction and leave an audit row.
 */
export interface MethodDef<I extends z.ZodType, O> {
  readonly input: I;
  readonly access: Access;
  readonly kind: 'query' | 'command';
  /** Phantom: never set at run time, only carries the output type. */
  readonly output?: O;
}

/** `defineMethod<Output>()({ input, access, kind })`: the output type is given, the input type inferred. */
export function defineMethod<O>() {
  return <I extends z.ZodType>(def: { input: I; access: Access; kind: 'query' | 'command' }): MethodDef<I, O> =>
    Object.freeze(def);
}
