// ---- The form: VoltmxConformance.wire({ command, run, result }, host).

function show(app, result) {
  var json = JSON.stringify(result);
  var label = app.widgets.result;
  label.text = json;
  // XCUITest reads a static text's accessibility value, else its label ("result"): keep the
  // value equal to the text (the whole config is assigned, as Volt MX applies it on assignment).
  var config = app.mirrorA11yValue ? label.accessibilityConfig : null;
  if (config !== null && typeof config === 'object') {
    var next = {};
    for (var key in config) if (hasOwn(config, key) && config[key] !== undefined) next[key] = config[key];
    next.a11yValue = json;
    label.accessibilityConfig = next;
  }
}

var DEFAULT_DEADLINE_MS = 60000;

/**
 * The app's own limit on waiting for the runtime (the command's deadlineMs): the app knows when
 * the runtime has not called back, so a hang is reported as an observation (timedOut, with the
 * deadline and what the command had seen), never left to the harness.
 */
function Deadline(command) {
  var ms = command.deadlineMs;
  this.ms = typeof ms === 'number' && isFinite(ms) && ms > 0 ? ms : DEFAULT_DEADLINE_MS;
  this.snapshots = [];
}
Deadline.prototype.onExpiry = function (snapshot) {
  this.snapshots.push(snapshot);
};
Deadline.prototype.expire = function () {
  var seen = {};
  for (var i = 0; i < this.snapshots.length; i++) {
    try {
      var part = this.snapshots[i]();
      for (var key in part) if (hasOwn(part, key)) seen[key] = part[key];
    } catch (ignored) {
      // letting go of the runtime failed: what was seen is still reported
    }
  }
  seen.timedOut = true;
  seen.deadlineMs = this.ms;
  return seen;
};

/** One command's result: {seq, done, action, ...outcome}, its appError, or timedOut at its deadline. */
function step(app, seq, command, done) {
  var action = command.action;
  var deadline = new Deadline(command);
  var cancelTimer = null;
  var finish = once(function (error, outcome) {
    if (cancelTimer) cancelTimer();
    var result = { seq: seq, done: true, action: action };
    if (error) result.appError = appErrorText(error);
    else for (var key in outcome) if (hasOwn(outcome, key)) result[key] = outcome[key];
    done(null, result);
  });
  // Letting go of the runtime (cancel) may call back at once: past the deadline only the expiry reports.
  var expiring = false;
  function answered(error, outcome) {
    if (!expiring) finish(error, outcome);
  }
  cancelTimer = later(deadline.ms / 1000, function () {
    cancelTimer = null;
    expiring = true;
    finish(null, deadline.expire());
  });
  try {
    runCommand(app, command, answered, deadline);
  } catch (error) {
    answered(error);
  }
}

function isConcurrent(command) {
  return (command.action === 'http-request' || command.action === 'invoke-service') && command.concurrent === true;
}

/**
 * A batch: steps one after the other, each seeing what the previous ones did; a concurrent
 * request is started and the next step begins at once, and the batch ends when every step has
 * ended. A concurrent step's `overlapped` says whether it was still running when a later step
 * started. done(results).
 */
function runBatch(app, seq, commands, done) {
  var results = [];
  var running = [];
  var pending = 0;
  var index = 0;
  var looped = false;
  function settle() {
    if (looped && pending === 0) done(results);
  }
  function next() {
    if (index >= commands.length) {
      looped = true;
      settle();
      return;
    }
    for (var r = 0; r < running.length; r++) if (!running[r].ended) running[r].overlapped = true;
    var i = index++;
    var command = commands[i];
    if (isConcurrent(command)) {
      var state = { ended: false, overlapped: false };
      running.push(state);
      pending++;
      step(app, seq, command, function (error, result) {
        state.ended = true;
        if (result.timedOut !== true) result.overlapped = state.overlapped;
        results[i] = result;
        pending--;
        settle();
      });
      next();
      return;
    }
    step(app, seq, command, function (error, result) {
      results[i] = result;
      next();
    });
  }
  next();
}

/** A click on run: take the command, empty the input, show "not done", run, show the result. */
function onRun(app) {
  var widgets = app.widgets;
  var text = widgets.command.text === undefined || widgets.command.text === null ? '' : String(widgets.command.text);
  widgets.command.text = '';
  var seq = ++app.seq;
  var parsed;
  try {
    parsed = parseCommandText(text);
  } catch (error) {
    show(app, { seq: seq, done: true, action: 'none', appError: appErrorText(error) });
    return;
  }
  // A later run owns the result; a slow earlier command must not overwrite it.
  function finish(result) {
    if (seq === app.seq) show(app, result);
  }
  if (!parsed.batch) {
    show(app, { seq: seq, action: parsed.commands[0].action, done: false });
    step(app, seq, parsed.commands[0], function (error, result) { finish(result); });
    return;
  }
  show(app, { seq: seq, action: 'batch', done: false });
  runBatch(app, seq, parsed.commands, function (results) {
    finish({ seq: seq, done: true, action: 'batch', results: results });
  });
}

/**
 * Wires the three widgets of the app contract: sets run.onClick and writes each result into
 * result.text as soon as it is ready. host: { copyBundledFile?, bundledFilePath?,
 * runtimeVersion?, appVersion? } (docs/app-kit.md).
 */
function wire(widgets, host) {
  if (!widgets || !widgets.command || !widgets.run || !widgets.result) {
    throw new Error('VoltmxConformance.wire needs { command: TextBox2, run: Button, result: Label }');
  }
  var app = { seq: 0, widgets: widgets, host: host || {}, mirrorA11yValue: !isAndroid() };
  widgets.command.text = '';
  show(app, { seq: 0, done: true, action: 'none' });
  widgets.run.onClick = function () {
    onRun(app);
  };
}
