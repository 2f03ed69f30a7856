import { ReferenceLayerError } from '../../runtime/reference-error.js';

/** The DOM-style errors of voltmx.net.HttpRequest, named as XMLHttpRequest names them. */
export class HttpRequestSyntaxError extends ReferenceLayerError {
  readonly code = 'HTTP_SYNTAX_ERROR';
  constructor(message = 'invalid method or URL') {
    super(message);
    this.name = 'SyntaxError';
  }
}

export class InvalidStateError extends ReferenceLayerError {
  readonly code = 'HTTP_INVALID_STATE';
  constructor(message = 'the request is not in a state that allows this call') {
    super(message);
  }
}

/** open(..., async = false): Node cannot block for I/O, so the reference refuses synchronous requests. */
export class SynchronousRequestError extends ReferenceLayerError {
  readonly code = 'HTTP_SYNC_UNSUPPORTED';
  constructor(message = 'synchronous requests (async = false) are not supported by the reference') {
    super(message);
    this.name = 'InvalidAccessError';
  }
}
