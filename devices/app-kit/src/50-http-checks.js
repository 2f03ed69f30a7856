// ---- The scripted voltmx.net.HttpRequest checks (docs/app-contract.md, "API checks").
// Each reports raw observations; the specs judge them.

/** Long enough for any loopback request; a request still running then is reported incomplete. */
var REQUEST_LIMIT_SECONDS = 10;

/**
 * Sets onReadyStateChange (before open, so OPENED is seen too) and records every call;
 * ended(trace) once DONE is seen or at the time limit. stop() ends it at once.
 */
function watch(request, ended) {
  var changes = [];
  var callbackArguments = [];
  var settled = false;
  var cancelLimit = function () {};
  function finish(completed) {
    if (settled) return;
    settled = true;
    cancelLimit();
    ended({ changes: changes, callbackArguments: callbackArguments, readyState: request.readyState, status: request.status, statusText: request.statusText, completed: completed });
  }
  request.onReadyStateChange = function () {
    changes.push(request.readyState);
    callbackArguments.push(arguments.length);
    if (request.readyState === 4) finish(true);
  };
  cancelLimit = later(REQUEST_LIMIT_SECONDS, function () { finish(false); });
  return { stop: function () { finish(false); } };
}

function newRequest() {
  return new voltmx.net.HttpRequest();
}

function readyStates(url, done) {
  var request = newRequest();
  var initialReadyState = request.readyState;
  var initialStatus = request.status;
  var seen = {};
  watch(request, function (trace) {
    done(null, { initialReadyState: initialReadyState, initialStatus: initialStatus, afterOpenReadyState: seen.readyState, afterOpenStatus: seen.status, trace: trace });
  });
  request.open('GET', url, true);
  seen.readyState = request.readyState;
  seen.status = request.status;
  request.send();
}

function invalidState(url, done) {
  var fresh = newRequest();
  var setHeaderBeforeOpen = call(function () { return fresh.setRequestHeader('X-Check', '1'); });
  var sendBeforeOpen = call(function () { return fresh.send(); });
  var request = newRequest();
  var observed = { setHeaderBeforeOpen: setHeaderBeforeOpen, sendBeforeOpen: sendBeforeOpen };
  var traced = null;
  var afterSendDone = false;
  function report() {
    if (!traced || !afterSendDone) return;
    observed.setHeaderAfterDone = call(function () { return request.setRequestHeader('X-Check', '1'); });
    observed.trace = traced;
    done(null, observed);
  }
  watch(request, function (trace) {
    traced = trace;
    report();
  });
  request.open('GET', url, true);
  request.send();
  observed.setHeaderAfterSend = call(function () { return request.setRequestHeader('X-Check', '1'); });
  observed.secondSend = call(function () { return request.send(); });
  afterSendDone = true;
  report();
}

/** open(method, url); when it returned, send to completion. */
function openAndSend(method, url, done) {
  var request = newRequest();
  var pending = { open: null, send: null };
  var traced = null;
  var sent = false;
  function report() {
    if (sent && traced) done(null, { open: pending.open, send: pending.send, trace: traced });
  }
  var watched = watch(request, function (trace) {
    traced = trace;
    report();
  });
  pending.open = call(function () { return request.open(method, url, true); });
  if (pending.open.thrown) {
    watched.stop();
    done(null, { open: pending.open, send: null, trace: null });
    return;
  }
  pending.send = call(function () { return method.toUpperCase() === 'POST' ? request.send('api-check') : request.send(); });
  if (pending.send.thrown) {
    watched.stop();
    done(null, { open: pending.open, send: pending.send, trace: null });
    return;
  }
  sent = true;
  report();
}

function methods(url, done) {
  var names = ['get', 'GET', 'Get', 'post', 'POST', 'pOsT'];
  var tasks = [];
  for (var i = 0; i < names.length; i++) {
    tasks.push((function (method) {
      return function (cb) { openAndSend(method, url, cb); };
    })(names[i]));
  }
  series(tasks, function (error, results) {
    if (error) {
      done(error);
      return;
    }
    var sent = {};
    for (var j = 0; j < names.length; j++) sent[names[j]] = results[j];
    function openOnly(method, target) {
      return call(function () { return newRequest().open(method, target, true); });
    }
    done(null, {
      sent: sent,
      unknownMethod: openOnly('BOGUS', url),
      malformedUrl: openOnly('GET', 'https://[not a host/whoami'),
      relativeUrl: openOnly('GET', 'no scheme or host')
    });
  });
}

/** GET url with responseType set after open (null: not set); done(null, {request, trace}). */
function getTyped(url, responseType, done) {
  var request = newRequest();
  var sent = false;
  var traced = null;
  function report() {
    if (sent && traced) done(null, { request: request, trace: traced });
  }
  watch(request, function (trace) {
    traced = trace;
    report();
  });
  request.open('GET', url, true);
  if (responseType !== null) request.responseType = responseType;
  request.send();
  sent = true;
  report();
}

function typedView(got) {
  return { status: got.trace.status, response: summarize(got.request.response), contentType: got.request.getResponseHeader('Content-Type') };
}

/** scheme://host[:port] by pattern: an app's JS engine may have no URL class. */
function originOf(url) {
  var match = /^https?:\/\/[^\/?#]+/i.exec(url);
  return match ? match[0] : url;
}

function cookieCheck(targetUrl, done) {
  var url = originOf(targetUrl) + '/cookie';
  getTyped(url, 'json', function (error, got) {
    if (error) {
      done(error);
      return;
    }
    var request = got.request;
    done(null, {
      url: url,
      trace: got.trace,
      allHeaders: callText(function () { return request.getAllResponseHeaders(); }),
      setCookie: call(function () { return request.getResponseHeader('Set-Cookie'); }),
      setCookieLower: call(function () { return request.getResponseHeader('set-cookie'); }),
      conformanceHeader: call(function () { return request.getResponseHeader('X-Voltmx-Conformance'); })
    });
  });
}

function responseCheck(url, otherUrl, done) {
  var fresh = newRequest();
  var observed = {};
  observed.statusNew = fresh.status;
  observed.headerNew = call(function () { return fresh.getResponseHeader('Content-Type'); });
  observed.allHeadersNew = call(function () { return fresh.getAllResponseHeaders(); });
  fresh.open('GET', url, true);
  observed.statusAfterOpen = fresh.status;
  observed.headerAfterOpen = call(function () { return fresh.getResponseHeader('Content-Type'); });
  var other = trim(otherUrl || '');
  var tasks = [
    function (cb) { getTyped(url, 'json', cb); },
    function (cb) { getTyped(url, 'text', cb); },
    function (cb) { getTyped(url, null, cb); }
  ];
  if (/^https?:\/\//i.test(other)) tasks.push(function (cb) { getTyped(other, 'json', cb); });
  series(tasks, function (error, got) {
    if (error) {
      done(error);
      return;
    }
    var json = got[0].request;
    observed.byType = { json: typedView(got[0]), text: typedView(got[1]), 'default': typedView(got[2]) };
    observed.jsonOnNonJson = got.length > 3 ? typedView(got[3]) : null;
    var lines = String(json.getAllResponseHeaders()).split(/\r?\n/);
    var names = [];
    for (var i = 0; i < lines.length; i++) {
      var name = trim(lines[i].slice(0, lines[i].indexOf(':'))).toLowerCase();
      if (name.length > 0) names.push(name);
    }
    observed.allHeaderNames = names;
    observed.setCookieHeader = call(function () { return json.getResponseHeader('Set-Cookie'); });
    cookieCheck(url, function (cookieError, cookie) {
      if (cookieError) {
        done(cookieError);
        return;
      }
      observed.cookie = cookie;
      done(null, observed);
    });
  });
}

/** Calls on an opened object that is aborted afterwards, so a call that wrongly succeeds sends nothing lasting. */
function onOpened(url, body) {
  var request = newRequest();
  request.open('GET', url, true);
  var outcome = call(function () { return body(request); });
  try {
    request.abort();
  } catch (ignored) {
    // Only cleanup: a failing abort is not what this check observes.
  }
  return outcome;
}

function onNew(body) {
  return call(function () { return body(newRequest()); });
}

function errCodes(url) {
  var calls = {};
  calls['new HttpRequest(5)'] = call(function () { return new voltmx.net.HttpRequest(5); });
  calls['open()'] = onNew(function (r) { return r.open(); });
  calls['open("GET")'] = onNew(function (r) { return r.open('GET'); });
  calls['open(5, url)'] = onNew(function (r) { return r.open(5, url); });
  calls['open("GET", 5)'] = onNew(function (r) { return r.open('GET', 5); });
  calls['open("GET", url, "yes")'] = onNew(function (r) { return r.open('GET', url, 'yes'); });
  calls['setRequestHeader("X-Check")'] = onOpened(url, function (r) { return r.setRequestHeader('X-Check'); });
  calls['setRequestHeader("X-Check", 5)'] = onOpened(url, function (r) { return r.setRequestHeader('X-Check', 5); });
  calls['send(5)'] = onOpened(url, function (r) { return r.send(5); });
  calls['send("a", "b")'] = onOpened(url, function (r) { return r.send('a', 'b'); });
  calls['getResponseHeader()'] = onNew(function (r) { return r.getResponseHeader(); });
  calls['getResponseHeader(5)'] = onNew(function (r) { return r.getResponseHeader(5); });
  calls['getAllResponseHeaders("x")'] = onNew(function (r) { return r.getAllResponseHeaders('x'); });
  calls['responseType = "bogus"'] = onNew(function (r) { r.responseType = 'bogus'; });
  calls['timeout = "soon"'] = onNew(function (r) { r.timeout = 'soon'; });
  return { calls: calls };
}
