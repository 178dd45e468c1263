/**
 * Blocks inference from this position, like TypeScript 5.4's `NoInfer`, but also on TypeScript 5.0–5.3, so the
 * published declarations work for every 5.x user.
 */
export type NoInference<T> = [T][T extends unknown ? 0 : never];
