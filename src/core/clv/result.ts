// A small typed result for computations that can be undefined for some inputs (a mean that does
// not exist, a Hessian that is not positive definite). Callers must look at `ok` first, so a
// missing value can never be mistaken for a number.

export type Outcome<T, R extends string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: R; readonly message: string };

export function success<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function failure<R extends string>(reason: R, message: string): { readonly ok: false; readonly reason: R; readonly message: string } {
  return { ok: false, reason, message };
}
