// ---- The commands: certificates, requests, read-file, info (docs/app-contract.md).

function describeThrown(error) {
  var code = error !== null && typeof error === 'object' ? error.errorCode : undefined;
  return { errorCode: typeof code === 'number' ? code : null, message: messageOf(error) };
}

/** loadClientCertificate with whatever arguments: what it returned or threw, and why it failed. */
function callLoad(args) {
  try {
    var returned = voltmx.net.loadClientCertificate.apply(voltmx.net, args);
    var outcome = { returned: returned === true };
    // The reference explains a false return; a Volt MX runtime has no such function.
    var failure = returned !== true && typeof voltmx.lastLoadFailure === 'function' ? voltmx.lastLoadFailure() : null;
    if (failure && failure.code) outcome.reason = failure.code;
    return outcome;
  } catch (error) {
    return { thrown: describeThrown(error) };
  }
}

function loadAction(app, command, done) {
  var source = parseCertSource(command.source);
  var input = resolveText(command.input);
  var password = command.password === undefined || command.password === null ? '' : String(command.password);
  if (command.action === 'load-base64' && source === 'base64') {
    // Base64 typed in goes to the runtime exactly as typed: its own decoding is under test.
    done(null, callLoad([{ cert: input, pass: password }]));
    return;
  }
  obtainRaw(app, source, input, function (error, raw) {
    if (error) {
      done(error);
      return;
    }
    if (command.action === 'load-base64') {
      done(null, callLoad([{ cert: voltmx.convertToBase64(raw), pass: password }]));
      return;
    }
    var outcome = callLoad([{ cert: raw, pass: password }]);
    // The very RawBytes passed, wiped as soon as the call returns: the runtime must have copied it.
    if (command.clearAfterLoad === true) raw.clear();
    done(null, outcome);
  });
}

function loadWithArguments(command) {
  if (!Array.isArray(command.args)) throw new AppError('APP_BAD_ARGUMENTS', 'args must be a JSON array');
  return callLoad(withFileTexts(command.args));
}

function removeCertificate() {
  try {
    voltmx.net.removeClientCertificate();
    return {};
  } catch (error) {
    return { thrown: describeThrown(error) };
  }
}

function methodOf(command) {
  var given = command.method === undefined || command.method === null ? '' : String(command.method);
  var method = trim(given).toUpperCase() || 'GET';
  if (method !== 'GET' && method !== 'POST') throw new AppError('APP_BAD_METHOD', 'method must be GET or POST; got "' + given + '"');
  return method;
}

function urlOf(command) {
  if (typeof command.url !== 'string' || !trim(command.url)) throw new AppError('APP_BAD_TARGET', 'the command holds no url');
  return trim(command.url);
}

function responseText(response) {
  if (response === null || response === undefined) return null;
  if (typeof response === 'string') return response;
  if (isRawBytes(response)) return response.text;
  return JSON.stringify(response);
}

function httpRequest(command, done, deadline) {
  var method = methodOf(command);
  var url = urlOf(command);
  var finish = once(done);
  var request = new voltmx.net.HttpRequest();
  // Past the deadline: what the request had reached, then abort() so it does not linger.
  deadline.onExpiry(function () {
    var seen = { readyState: request.readyState, status: request.status };
    request.onReadyStateChange = null;
    request.abort();
    return seen;
  });
  request.onReadyStateChange = function () {
    if (request.readyState !== 4) return;
    var result = { readyState: request.readyState, status: request.status, body: responseText(request.response) };
    // The API has no error property: status 0 at DONE is how an app sees a failed connection.
    if (request.status === 0) result.error = request.statusText || 'request failed (status 0)';
    finish(null, result);
  };
  try {
    request.open(method, url, true);
    request.responseType = 'text';
    if (method === 'POST') request.send(command.body === undefined || command.body === null ? '' : command.body);
    else request.send();
  } catch (error) {
    finish(null, { readyState: request.readyState, status: request.status, body: null, error: messageOf(error) });
  }
}

function invokeService(command, done, deadline) {
  var params = {};
  if (command.params !== undefined) {
    if (command.params === null || typeof command.params !== 'object' || Array.isArray(command.params)) {
      throw new AppError('APP_BAD_PARAMS', 'params must be a JSON object of service params');
    }
    params = copyObject(command.params);
  }
  var url = urlOf(command);
  if (trim(command.method === undefined || command.method === null ? '' : command.method) && params.httpconfig === undefined) {
    params.httpconfig = { method: methodOf(command).toLowerCase() };
  }
  var finish = once(done);
  var statuses = [];
  var handle = voltmx.net.invokeServiceAsync(url, params, function (status, result) {
    statuses.push(status);
    if (status !== 300 && status !== 400) return;
    var response = result ? result.httpresponse : null;
    finish(null, {
      statuses: statuses,
      opstatus: result && typeof result.opstatus === 'number' ? result.opstatus : null,
      errcode: result && typeof result.errcode === 'number' ? result.errcode : null,
      errmsg: result && typeof result.errmsg === 'string' ? result.errmsg : null,
      responsecode: response && typeof response.responsecode === 'number' ? response.responsecode : null,
      result: result ? copyObject(result) : null
    });
  });
  if (handle === null) {
    finish(new AppError('APP_INVOKE_REJECTED', 'invokeServiceAsync returned null (invalid input)'));
    return;
  }
  // Past the deadline: the statuses seen so far, then cancel(handle) so it does not linger.
  deadline.onExpiry(function () {
    var seen = { statuses: statuses.slice() };
    voltmx.net.cancel(handle);
    return seen;
  });
}

var MAX_IDLE_MS = 120000;

/** Waits `ms` in the same launch: a long idle period, shortened by the servers' timeouts. */
function idle(command, done) {
  var ms = command.ms;
  if (typeof ms !== 'number' || !isFinite(ms) || ms < 0 || ms > MAX_IDLE_MS) {
    throw new AppError('APP_BAD_ARGUMENTS', 'idle needs ms, a number of milliseconds from 0 to ' + MAX_IDLE_MS + '; got ' + JSON.stringify(ms));
  }
  var started = new Date().getTime();
  // A platform timer may fire a little early by the wall clock (Node's by a millisecond): the
  // rest is waited out, so idledMs is never below ms.
  function check() {
    var idled = new Date().getTime() - started;
    if (idled < ms) later(Math.max(ms - idled, 1) / 1000, check);
    else done(null, { idledMs: idled });
  }
  later(ms / 1000, check);
}

/**
 * The file's bytes as base64 (null when missing): the wiring self-test checks a pushed file;
 * with source "bundled", a file shipped with the app, which CA-LOAD-BUNDLED compares with the
 * PKI's before it judges a load (a stale build is not the runtime's failure).
 */
function readFile(app, command) {
  var source = command.source === undefined || command.source === null ? 'file' : command.source;
  if (source === 'bundled') {
    var bundled = bundledRawOrNull(app.host, command.input);
    return { base64: bundled ? voltmx.convertToBase64(bundled) : null };
  }
  if (source !== 'file') throw new AppError('APP_BAD_SOURCE', 'read-file reads a "file" or a "bundled" file; got ' + JSON.stringify(source));
  var path = trim(typeof command.input === 'string' ? command.input : '');
  if (!path) throw new AppError('APP_NO_PATH', 'the command holds no file path');
  var raw = readRawOrNull(path);
  return { base64: raw ? voltmx.convertToBase64(raw) : null };
}

function info(app) {
  var fs = voltmx.io.FileSystem;
  var cacheDirectory;
  try {
    cacheDirectory = fs.getCacheDirectoryPath();
  } catch (error) {
    cacheDirectory = null;
  }
  return {
    platform: isAndroid() ? 'android' : 'ios',
    runtimeVersion: typeof app.host.runtimeVersion === 'string' ? app.host.runtimeVersion : null,
    appVersion: typeof app.host.appVersion === 'string' ? app.host.appVersion : null,
    dataDirectory: fs.getDataDirectoryPath(),
    cacheDirectory: cacheDirectory === undefined ? null : cacheDirectory,
    kitVersion: KIT_VERSION,
    caFingerprint: CA_FINGERPRINT
  };
}

/** Runs one command; done(error, outcome) where outcome holds the result's own fields. */
function runCommand(app, command, done, deadline) {
  switch (command.action) {
    case 'load-rawbytes':
    case 'load-base64':
      loadAction(app, command, done);
      return;
    case 'load-with-arguments':
      done(null, loadWithArguments(command));
      return;
    case 'remove-certificate':
      done(null, removeCertificate());
      return;
    case 'http-request':
      httpRequest(command, done, deadline);
      return;
    case 'invoke-service':
      invokeService(command, done, deadline);
      return;
    case 'api-check':
      runApiCheck(command, done);
      return;
    case 'read-file':
      done(null, readFile(app, command));
      return;
    case 'info':
      done(null, info(app));
      return;
    case 'idle':
      idle(command, done);
      return;
  }
  throw new AppError('APP_UNKNOWN_ACTION', 'unknown action ' + command.action);
}
