/**
 * Blocks inference from this position, like TypeScript 5.4's `NoInfer`, but also on TypeScript 5.0–5.3, so the
 * published declarations work for every 5.x user.
 */
export type NoInference<T> = [T][T extends unknown ? 0 : never];

/**
 * Every key of `T`, each present (`undefined` when unset). Default props are written with all their keys so that
 * every builder's props have one shape: V8 then copies them (`{ ...props, changed }`) and reads them at full speed.
 * Methods write that form, naming the changed key: a copy that adds a key the props lack, or a second spread
 * (`{ ...props, ...changes }`), takes V8's slow path, 5–10 times slower.
 */
export type AllKeys<T> = { readonly [K in keyof Required<T>]: T[K] | undefined };
