// ---- Files and certificate sources, through voltmx.io and voltmx.net only.

var CERT_SOURCES = ['file', 'base64', 'url', 'bundled'];

function parseCertSource(text) {
  var source = trim(text === undefined || text === null ? '' : text).toLowerCase() || 'file';
  if (!contains(CERT_SOURCES, source)) {
    throw new AppError('APP_BAD_SOURCE', 'source must be one of ' + CERT_SOURCES.join(', ') + '; got "' + text + '"');
  }
  return source;
}

/** A relative path is taken inside the data directory, where the specs push files. */
function sandboxPath(path) {
  if (path.charAt(0) === '/') return path;
  var dir = String(voltmx.io.FileSystem.getDataDirectoryPath()).replace(/\/+$/, '');
  return dir + '/' + path;
}

/** The file's RawBytes; null when it does not exist. */
function readRawOrNull(path) {
  var file = new voltmx.io.File(sandboxPath(path));
  if (!file.exists()) return null;
  return file.read();
}

function readRaw(path) {
  var clean = trim(typeof path === 'string' ? path : '');
  if (!clean) throw new AppError('APP_NO_PATH', 'the command holds no file path');
  var file = new voltmx.io.File(sandboxPath(clean));
  if (!file.exists()) throw new AppError('APP_FILE_NOT_FOUND', 'no file at ' + file.fullPath);
  var raw = file.read();
  if (!raw) throw new AppError('APP_FILE_UNREADABLE', 'could not read ' + file.fullPath);
  return raw;
}

function isTextFileRef(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    && Object.keys(value).length === 1 && typeof value.$textFile === 'string';
}

/** A command's text, or the text content of the sandbox file a {"$textFile": path} names. */
function resolveText(input) {
  if (input === undefined || input === null) return '';
  if (typeof input === 'string') return input;
  if (!isTextFileRef(input)) throw new AppError('APP_BAD_COMMAND', 'a text input must be a string or {"$textFile": path}');
  var text = readRaw(input.$textFile).text;
  if (text === null || text === undefined) throw new AppError('APP_FILE_NOT_TEXT', input.$textFile + ' is not UTF-8 text');
  return text;
}

/** Every {"$textFile": path} inside a JSON value replaced by that file's text. */
function withFileTexts(value) {
  if (isTextFileRef(value)) return resolveText(value);
  var i;
  if (Array.isArray(value)) {
    var list = [];
    for (i = 0; i < value.length; i++) list.push(withFileTexts(value[i]));
    return list;
  }
  if (value !== null && typeof value === 'object') {
    var out = {};
    for (var key in value) if (hasOwn(value, key)) out[key] = withFileTexts(value[key]);
    return out;
  }
  return value;
}

function isAndroid() {
  return String(voltmx.os.deviceInfo().name).toLowerCase() === 'android';
}

/**
 * A file shipped with the app: Android copies it out of the APK, iOS reads it in the bundle.
 * Null when the app has no such file; a missing hook (they are optional) is APP_BUNDLED_HOOK_MISSING.
 */
function bundledRawOrNull(host, name) {
  var fileName = trim(typeof name === 'string' ? name : '');
  if (!fileName || /[\/\\]/.test(fileName)) throw new AppError('APP_BAD_COMMAND', 'a bundled file is named by its file name alone');
  var path;
  if (isAndroid()) {
    if (typeof host.copyBundledFile !== 'function') throw new AppError('APP_BUNDLED_HOOK_MISSING', 'the app wires no host.copyBundledFile hook (an FFI copying from assets or res/raw)');
    path = String(voltmx.io.FileSystem.getCacheDirectoryPath()).replace(/\/+$/, '') + '/' + fileName;
    host.copyBundledFile(fileName, path);
  } else {
    if (typeof host.bundledFilePath !== 'function') throw new AppError('APP_BUNDLED_HOOK_MISSING', 'the app wires no host.bundledFilePath hook');
    path = host.bundledFilePath(fileName);
  }
  return typeof path === 'string' && path ? readRawOrNull(path) : null;
}

function bundledRaw(host, name) {
  var raw = bundledRawOrNull(host, name);
  if (!raw) throw new AppError('APP_BUNDLED_FILE_NOT_FOUND', 'the app has no bundled file ' + trim(String(name)));
  return raw;
}

/** GET with responseType "rawdata": the download goes through the runtime's own TLS and trust. */
function download(url, done) {
  var finish = once(done);
  var request = new voltmx.net.HttpRequest();
  request.onReadyStateChange = function () {
    if (request.readyState !== 4) return;
    var response = request.response;
    if (request.status >= 200 && request.status < 300 && isRawBytes(response)) finish(null, response);
    else finish(new AppError('APP_DOWNLOAD_FAILED', 'download of ' + url + ' failed (status ' + request.status + ')'));
  };
  try {
    request.open('GET', url, true);
    request.responseType = 'rawdata';
    request.send();
  } catch (error) {
    finish(new AppError('APP_DOWNLOAD_FAILED', 'download of ' + url + ' failed: ' + messageOf(error)));
  }
}

/** The .p12 as RawBytes from the chosen source; done(error, raw). */
function obtainRaw(app, source, input, done) {
  if (source === 'url') {
    download(trim(input), done);
    return;
  }
  var raw;
  if (source === 'file') raw = readRaw(input);
  else if (source === 'bundled') raw = bundledRaw(app.host, input);
  else {
    try {
      raw = voltmx.convertToRawBytes(input);
    } catch (error) {
      throw new AppError('APP_INVALID_BASE64', messageOf(error));
    }
  }
  done(null, raw);
}
