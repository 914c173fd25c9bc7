// Parameter checks shared by the models: every model parameter is a positive finite number.

export function assertPositiveParams(model: string, params: Readonly<Record<string, number>>): void {
  // Called once per customer by the predictions: the common all-valid case allocates nothing.
  let ok = true;
  for (const name in params) {
    const v = params[name] as number;
    if (!(v > 0 && v < Number.POSITIVE_INFINITY)) ok = false;
  }
  if (ok) return;
  for (const [name, value] of Object.entries(params)) {
    if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${model}: parameter ${name} must be a positive finite number, got ${value}`);
  }
}

export function assertCustomer(model: string, x: number, tx: number, T: number): void {
  if (!(x >= 0) || !Number.isInteger(x) || !(tx >= 0) || !(T >= tx) || !Number.isFinite(T)) {
    throw new RangeError(`${model}: invalid customer (x=${x}, tx=${tx}, T=${T}): need integer x >= 0 and 0 <= tx <= T`);
  }
}

export function assertHorizon(model: string, t: number): void {
  if (!(t >= 0) || !Number.isFinite(t)) throw new RangeError(`${model}: time horizon must be a finite number >= 0, got ${t}`);
}
