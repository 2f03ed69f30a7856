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

/** One command's result: {seq, done, action, ...outcome}, or its appError. */
function step(app, seq, command, done) {
  var action = command.action;
  var finish = once(function (error, outcome) {
    var result = { seq: seq, done: true, action: action };
    if (error) result.appError = appErrorText(error);
    else for (var key in outcome) if (hasOwn(outcome, key)) result[key] = outcome[key];
    done(null, result);
  });
  try {
    runCommand(app, command, finish);
  } catch (error) {
    finish(error);
  }
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
  var tasks = [];
  for (var i = 0; i < parsed.commands.length; i++) {
    tasks.push((function (command) {
      return function (cb) { step(app, seq, command, cb); };
    })(parsed.commands[i]));
  }
  series(tasks, function (error, results) {
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
