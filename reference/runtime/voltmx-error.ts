/**
 * The two documented exceptions of voltmx.net functions. Apps read `errorCode` (100 / 101);
 * the stable `code` string is for logs and the harness.
 */
import type { VoltmxThrownError } from './contract.js';
import { ReferenceLayerError } from './reference-error.js';

export abstract class VoltmxError extends ReferenceLayerError implements VoltmxThrownError {
  abstract readonly errorCode: 100 | 101;
  constructor(message: string) {
    super(message);
  }
}

/** 100: a parameter has the wrong type (or an invalid value of the right type). */
export class InvalidParameterTypeError extends VoltmxError {
  readonly errorCode = 100 as const;
  readonly code = 'VOLTMX_INVALID_PARAMETER_TYPE';
  constructor(message = 'invalid type of parameters') {
    super(message);
  }
}

/** 101: the function got the wrong number of arguments. */
export class InvalidArgumentCountError extends VoltmxError {
  readonly errorCode = 101 as const;
  readonly code = 'VOLTMX_INVALID_ARGUMENT_COUNT';
  constructor(message = 'invalid number of arguments') {
    super(message);
  }
}

/** Throws 101 unless `count` is within [min, max]. */
export function expectArgumentCount(name: string, count: number, min: number, max = min): void {
  if (count < min || count > max) {
    const wanted = min === max ? `${min}` : `${min} to ${max}`;
    throw new InvalidArgumentCountError(`${name} takes ${wanted} argument(s); got ${count}`);
  }
}
