import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVoltmxIo } from './file-system.js';
import type { VoltmxIo } from '../runtime/contract.js';
import { bytesOfRawBytes, isReferenceRawBytes } from '../raw-bytes/raw-bytes.js';

let dir: string;
let io: VoltmxIo;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voltmx-io-test-'));
  io = createVoltmxIo(dir);
});
after(() => rm(dir, { recursive: true, force: true }));

test('data directory is the sandbox root; cache directory is under it', async () => {
  assert.equal(io.FileSystem.getDataDirectoryPath(), dir);
  const cache = io.FileSystem.getCacheDirectoryPath();
  assert.equal(cache, join(dir, 'cache'));
  assert.ok((await stat(cache)).isDirectory());
});

test('a sandbox given as a function is made on first use, once', () => {
  let made = 0;
  const lazy = createVoltmxIo(() => {
    made += 1;
    return dir;
  });
  assert.equal(made, 0, 'creating voltmx.io makes no sandbox');
  assert.equal(lazy.FileSystem.getDataDirectoryPath(), dir);
  assert.equal(lazy.FileSystem.getFile('x.p12').fullPath, join(dir, 'x.p12'));
  assert.equal(made, 1);
});

test('write, exists, read as RawBytes (bytes and text), append, remove', () => {
  const file = io.FileSystem.getFile('certs/client.p12');
  assert.equal(file.fullPath, join(dir, 'certs/client.p12'));
  assert.equal(file.name, 'client.p12');
  assert.equal(file.exists(), false);
  assert.equal(file.read(), null);
  assert.equal(file.write(new Uint8Array([0x30, 0x82, 0xff]) as never), true);
  assert.equal(file.exists(), true);
  const content = file.read();
  assert.ok(isReferenceRawBytes(content));
  assert.equal(content.text, null, 'binary content has no text view');
  assert.deepEqual([...bytesOfRawBytes(content)!], [0x30, 0x82, 0xff]);
  assert.equal(file.write(new Uint8Array([1]).buffer as never, true), true);
  assert.deepEqual([...bytesOfRawBytes(file.read())!], [0x30, 0x82, 0xff, 1]);
  assert.equal(file.write(content, true), true, 'RawBytes write back');
  assert.deepEqual([...bytesOfRawBytes(file.read())!], [0x30, 0x82, 0xff, 1, 0x30, 0x82, 0xff]);
  assert.equal(file.write('text'), true);
  assert.equal(file.read()?.text, 'text');
  file.remove();
  assert.equal(file.exists(), false);
  file.remove(); // removing a missing file is fine
});

test('new File(path) is the same kind of object as getFile(path); a missing or a directory path reads null', () => {
  const made = new io.File('made.txt');
  assert.equal(made.fullPath, join(dir, 'made.txt'));
  assert.equal(made.write('hello'), true);
  assert.equal(io.FileSystem.getFile(join(dir, 'made.txt')).read()?.text, 'hello');
  assert.equal(new io.File('missing.p12').read(), null);
  assert.equal(new io.File('certs').read(), null);
  assert.throws(() => new io.File('/etc/passwd'), { code: 'IO_OUTSIDE_SANDBOX' });
  assert.throws(() => (io.File as unknown as () => unknown)(), { errorCode: 100 });
});

test('absolute paths inside the sandbox are accepted; outside (or escaping with ..) refused', () => {
  assert.equal(io.FileSystem.getFile(join(dir, 'a.p12')).fullPath, join(dir, 'a.p12'));
  assert.throws(() => io.FileSystem.getFile('/etc/passwd'), { code: 'IO_OUTSIDE_SANDBOX' });
  assert.throws(() => io.FileSystem.getFile('../escape.p12'), { code: 'IO_OUTSIDE_SANDBOX' });
  assert.throws(() => io.FileSystem.getFile(join(dir, '..', 'x')), { code: 'IO_OUTSIDE_SANDBOX' });
});

test('getFile checks its argument: 101 for counts, 100 for types; write refuses other types with 100', () => {
  const getFile = io.FileSystem.getFile as (...a: unknown[]) => unknown;
  assert.throws(() => getFile(), { errorCode: 101 });
  assert.throws(() => getFile(1), { errorCode: 100 });
  assert.throws(() => getFile(''), { errorCode: 100 });
  const file = io.FileSystem.getFile('x');
  assert.throws(() => file.write(5 as never), { errorCode: 100 });
});
