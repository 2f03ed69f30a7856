// ---- Basics: app errors, one-shot callbacks, timers (voltmx.timer only), value summaries.

/** The app itself could not act; shown as the result's appError, "CODE: message". */
function AppError(code, message) {
  this.name = 'AppActionError';
  this.code = code;
  this.message = message;
}
AppError.prototype = Object.create(Error.prototype);
AppError.prototype.constructor = AppError;

function appErrorText(error) {
  if (error instanceof AppError) return error.code + ': ' + error.message;
  return messageOf(error);
}

/** Errors may come from the runtime's own realm: read them by shape, never by instanceof Error. */
function messageOf(error) {
  if (error !== null && typeof error === 'object' && typeof error.message === 'string') return error.message;
  return String(error);
}

/** A Node-style callback that runs at most once (a runtime may call back twice; a result is final). */
function once(callback) {
  var called = false;
  return function (error, value) {
    if (called) return;
    called = true;
    callback(error, value);
  };
}

var timerCount = 0;

/** Runs fn after `seconds` through voltmx.timer; returns a cancel function. */
function later(seconds, fn) {
  var id = 'voltmx_conformance_' + (++timerCount);
  var fired = false;
  voltmx.timer.schedule(id, function () {
    fired = true;
    fn();
  }, seconds, false);
  return function cancel() {
    if (fired) return;
    fired = true;
    try {
      voltmx.timer.cancel(id);
    } catch (ignored) {
      // A timer that has just fired may already be gone; nothing is left to stop.
    }
  };
}

/** Runs each task(cb) after the previous one called back; cb(error, results). */
function series(tasks, done) {
  var results = [];
  var i = 0;
  function next() {
    if (i >= tasks.length) {
      done(null, results);
      return;
    }
    var task = tasks[i++];
    var step = once(function (error, value) {
      if (error) {
        done(error);
        return;
      }
      results.push(value);
      next();
    });
    try {
      task(step);
    } catch (error) {
      step(error);
    }
  }
  next();
}

function hasOwn(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function trim(text) {
  return String(text).replace(/^\s+|\s+$/g, '');
}

function startsWith(text, prefix) {
  return text.substring(0, prefix.length) === prefix;
}

function contains(list, value) {
  for (var i = 0; i < list.length; i++) if (list[i] === value) return true;
  return false;
}

/** A plain copy of an object the runtime made (its realm's objects may not serialize alike). */
function copyObject(value) {
  var out = {};
  for (var key in value) if (hasOwn(value, key)) out[key] = value[key];
  return out;
}

/** RawBytes are opaque: an object with a UTF-8 `text` view and clear(). */
function isRawBytes(value) {
  return value !== null && typeof value === 'object' && typeof value.clear === 'function' && 'text' in value;
}

function byteCount(raw) {
  var b64 = voltmx.convertToBase64(raw);
  var padding = b64.charAt(b64.length - 2) === '=' ? 2 : b64.charAt(b64.length - 1) === '=' ? 1 : 0;
  return b64.length / 4 * 3 - padding;
}

var MAX_TEXT = 200;

/** A value summarised without its content (docs/app-contract.md, "API checks"). */
function summarize(value) {
  if (value === undefined) return { kind: 'undefined' };
  if (value === null) return { kind: 'null' };
  if (typeof value === 'boolean') return { kind: 'boolean', value: value };
  if (typeof value === 'number') return { kind: 'number', value: value };
  if (typeof value === 'string') return { kind: 'string', value: value.slice(0, MAX_TEXT) };
  if (typeof value === 'function') return { kind: 'function' };
  if (isRawBytes(value)) return { kind: 'bytes', value: byteCount(value) };
  if (Array.isArray(value)) return { kind: 'array', value: value.length };
  if (typeof value === 'object') return { kind: 'object', value: Object.keys(value).sort() };
  return { kind: 'other' };
}

function thrownView(error) {
  var e = error !== null && typeof error === 'object' ? error : {};
  return {
    name: typeof e.name === 'string' ? e.name : typeof error,
    errorCode: typeof e.errorCode === 'number' ? e.errorCode : null,
    message: typeof e.message === 'string' ? e.message : String(error)
  };
}

/** One call: what it returned (summarised), or what it threw. */
function call(body) {
  try {
    return { returned: summarize(body()) };
  } catch (error) {
    return { thrown: thrownView(error) };
  }
}

/** One call expected to return text, kept whole. */
function callText(body) {
  try {
    var value = body();
    return typeof value === 'string' ? { text: value } : { returned: summarize(value) };
  } catch (error) {
    return { thrown: thrownView(error) };
  }
}
