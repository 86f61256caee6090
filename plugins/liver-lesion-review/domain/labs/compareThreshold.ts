// Ratios such as 111 / 37 land a rounding error away from a threshold they equal exactly;
// a clinical boundary must not move with floating point, so comparisons allow 1e-9.
const EPSILON = 1e-9;

/** a > b, with a equal to b (within rounding) not greater. */
export const isAbove = (a: number, b: number): boolean => a > b + EPSILON;

/** a ≥ b, with a equal to b (within rounding) counted. */
export const isAtLeast = (a: number, b: number): boolean => a >= b - EPSILON;
