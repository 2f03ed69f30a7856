// ---- The command input: plain JSON, or the keyboard-safe envelope the harness types.
//
// Envelope: "VMXC1" + 8 hex digits (length of the JSON text) + 8 hex digits (its FNV-1a
// checksum) + the JSON text's bytes in base32 (A-Z 2-7, no padding). Only capital letters
// and digits: nothing a keyboard's smart punctuation, autocorrect or auto-capitalisation
// rewrites; a lost or changed key shows up as a length or checksum mismatch.

var COMMAND_ACTIONS = ['load-rawbytes', 'load-base64', 'load-with-arguments', 'remove-certificate',
  'http-request', 'invoke-service', 'api-check', 'read-file', 'info', 'idle'];
var ENVELOPE_PREFIX = 'VMXC1';
var BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
var SMART_PUNCTUATION = /[\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u00a0]/;

/** FNV-1a over the UTF-16 code units, 32 bits, as 8 lowercase hex digits. */
function checksum(text) {
  var hash = 0x811c9dc5;
  for (var i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = (hash + (hash << 1) + (hash << 4) + (hash << 7) + (hash << 8) + (hash << 24)) >>> 0;
  }
  return hex8(hash);
}

function hex8(n) {
  var text = (n >>> 0).toString(16);
  while (text.length < 8) text = '0' + text;
  return text;
}

function damaged(why) {
  return new AppError('APP_COMMAND_DAMAGED', 'the typed command arrived damaged (' + why + '); type it again');
}

function decodeBase32(text) {
  var out = '';
  var bits = 0;
  var value = 0;
  for (var i = 0; i < text.length; i++) {
    var v = BASE32.indexOf(text.charAt(i));
    if (v < 0) throw damaged('character "' + text.charAt(i) + '" at ' + i + ' is not base32');
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((value >>> bits) & 255);
    }
  }
  return out;
}

function openEnvelope(text) {
  var body = text.toUpperCase();
  var length = parseInt(body.substring(5, 13), 16);
  var sum = body.substring(13, 21).toLowerCase();
  if (!/^[0-9A-F]{16}$/.test(body.substring(5, 21))) throw damaged('the header is not 16 hex digits');
  var json = decodeBase32(body.substring(21));
  if (json.length !== length) throw damaged('length ' + json.length + ', expected ' + length);
  if (checksum(json) !== sum) throw damaged('checksum mismatch');
  return json;
}

function asCommand(value, where) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AppError('APP_BAD_COMMAND', where + ' must be a JSON object with an "action"');
  }
  if (!contains(COMMAND_ACTIONS, value.action)) {
    throw new AppError('APP_UNKNOWN_ACTION', where + ': action must be one of ' + COMMAND_ACTIONS.join(', ') + '; got ' + JSON.stringify(value.action));
  }
  return value;
}

/** {batch: boolean, commands: [...]}; a batch is checked whole before anything runs. */
function parseCommandText(raw) {
  var text = trim(raw);
  var json = text;
  if (startsWith(text.toUpperCase(), ENVELOPE_PREFIX)) json = openEnvelope(text);
  // Letters and digits only: an envelope whose prefix a keyboard lost or changed.
  else if (/^[A-Za-z0-9]{16,}$/.test(text)) throw damaged('the envelope does not start with ' + ENVELOPE_PREFIX);
  var value;
  try {
    value = JSON.parse(json);
  } catch (error) {
    if (SMART_PUNCTUATION.test(json)) throw damaged('the keyboard replaced quotes or dashes');
    throw new AppError('APP_BAD_COMMAND', 'command is not valid JSON');
  }
  if (Array.isArray(value)) {
    if (value.length === 0) throw new AppError('APP_BAD_COMMAND', 'a batch needs at least one command');
    var commands = [];
    for (var i = 0; i < value.length; i++) commands.push(asCommand(value[i], 'step ' + i));
    return { batch: true, commands: commands };
  }
  return { batch: false, commands: [asCommand(value, 'command')] };
}
