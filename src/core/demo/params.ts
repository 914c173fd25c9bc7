// Calibration of the demo population. Tuned so that one million customers over three years give
// about ten million orders, a third to a half of buyers buy once, and a long tail buys weekly.

export const DEMO_PARAMS = {
  /** Purchase rate per day, lambda ~ Gamma(shape r, rate alpha): mean r / alpha per day. */
  r: 0.24,
  alpha: 3,
  /** Dropout after each repeat purchase, p ~ Beta(a, b): mean a / (a + b). */
  a: 0.75,
  b: 9,
  /** Fastest buyer: about one order every other day. */
  maxLambda: 0.5,
  /** Signup density over the window grows like exp(growth * u), u in [0, 1]. */
  growth: 1.1,
  /** Registered but never bought. */
  prospectShare: 0.06,
  /** Companies buying once by the case (staff welfare, 员工福利). */
  bulkShare: 0.002,
  /** One expensive purchase, never seen again. */
  impulseShare: 0.025,
  /** Sessions per day = sessionBase + sessionPerLambda * lambda (before personal variation). */
  sessionBase: 0.006,
  sessionPerLambda: 0.15,
  maxSessionRate: 0.3,
} as const;

export type DemoParams = typeof DEMO_PARAMS;
