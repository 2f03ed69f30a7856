// ---- The scripted invokeServiceAsync / cancel check, and the api-check command.

/** How long after the first final status (300 / 400) the check keeps listening for more. */
var AFTER_FINAL_SECONDS = 1;
var INVOKE_LIMIT_SECONDS = 10;
/** How long an invalid call's callback is given to (wrongly) fire. */
var INVALID_GRACE_SECONDS = 0.5;

function invokeCancel(url, done) {
  var net = voltmx.net;
  var statuses = [];
  var resultAt300 = null;
  var observed = {};
  var handle = null;
  var settledOnce = false;
  var cancelLimit = function () {};
  function settled() {
    cancelLimit();
    observed.cancelAgain = call(function () { return net.cancel(handle); });
    observed.cancelForeign = call(function () { return net.cancel({}); });
    observed.cancelNull = call(function () { return net.cancel(null); });
    function invalidCall(args, withCallback) {
      var seen = [];
      var full = withCallback ? args.concat([function (status) { seen.push(status); }]) : args;
      return { call: call(function () { return net.invokeServiceAsync.apply(net, full); }), statuses: seen };
    }
    var invalid = {
      badUrl: invalidCall([42, {}], true),
      badTable: invalidCall([url, 'not a table'], true),
      noCallback: invalidCall([url, {}], false)
    };
    later(INVALID_GRACE_SECONDS, function () {
      done(null, {
        invoke: observed.invoke,
        cancel: observed.cancel,
        cancelAgain: observed.cancelAgain,
        statuses: statuses,
        resultAt300: resultAt300,
        cancelForeign: observed.cancelForeign,
        cancelNull: observed.cancelNull,
        invalid: invalid
      });
    });
  }
  function settle() {
    if (settledOnce) return;
    settledOnce = true;
    later(AFTER_FINAL_SECONDS, settled);
  }
  cancelLimit = later(INVOKE_LIMIT_SECONDS, function () {
    settledOnce = true;
    cancelLimit = function () {};
    settled();
  });
  function callback(status, result) {
    statuses.push(status);
    if (status === 300) resultAt300 = summarize(result);
    if (status === 300 || status === 400) settle();
  }
  observed.invoke = call(function () {
    handle = net.invokeServiceAsync(url, {}, callback);
    return handle;
  });
  observed.cancel = call(function () { return net.cancel(handle); });
  if (observed.invoke.thrown) settle();
}

var API_CHECKS = ['readystates', 'invalid-state', 'methods', 'response', 'err-codes', 'invoke-cancel'];

function runApiCheck(command, done) {
  var name = trim(command.check === undefined || command.check === null ? '' : command.check);
  if (!contains(API_CHECKS, name)) {
    throw new AppError('APP_UNKNOWN_CHECK', 'check must be one of ' + API_CHECKS.join(', ') + '; got "' + command.check + '"');
  }
  var url = trim(command.url === undefined || command.url === null ? '' : command.url);
  if (!/^https?:\/\//i.test(url)) throw new AppError('APP_BAD_TARGET', 'url must be an http(s) URL; got "' + command.url + '"');
  function observed(error, observations) {
    if (error) done(error);
    else done(null, { check: name, observed: observations });
  }
  switch (name) {
    case 'readystates':
      readyStates(url, observed);
      return;
    case 'invalid-state':
      invalidState(url, observed);
      return;
    case 'methods':
      methods(url, observed);
      return;
    case 'response':
      responseCheck(url, command.otherUrl, observed);
      return;
    case 'err-codes':
      observed(null, errCodes(url));
      return;
    case 'invoke-cancel':
      invokeCancel(url, observed);
      return;
  }
}
