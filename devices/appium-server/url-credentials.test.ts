import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { AppiumRemoteUnreachableError } from './errors.js';
import { useRemoteAppium } from './appium-server.js';
import { SECRET_LOG_FILTERS } from './log-filters.js';
import { basicAuthorization, printableUrl, splitUrlCredentials } from './url-credentials.js';

test('credentials split off a URL: percent-encoding decoded, Basic header, printable URL without them', () => {
  const { url, authorization } = splitUrlCredentials('https://lab%20user:k%40y@hub.example:4444/wd/hub');
  assert.equal(url.href, 'https://hub.example:4444/wd/hub');
  assert.equal(authorization, basicAuthorization('lab user', 'k@y'));
  assert.equal(Buffer.from(authorization!.slice('Basic '.length), 'base64').toString(), 'lab user:k@y');
  assert.equal(splitUrlCredentials('http://127.0.0.1:4723/').authorization, undefined);
  assert.equal(printableUrl('https://u:secret@hub/'), 'https://hub/');
});

test('a remote Appium behind Basic authentication: the status check sends the header; errors never show the key', async () => {
  const seen: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    if (req.headers.authorization !== basicAuthorization('u', 'Secr3t-Key')) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: { ready: true } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  try {
    const remote = await useRemoteAppium(`http://u:Secr3t-Key@127.0.0.1:${port}/wd/hub`);
    assert.equal(remote.url.href, `http://127.0.0.1:${port}/wd/hub`);
    assert.deepEqual(remote.requestHeaders(), { Authorization: basicAuthorization('u', 'Secr3t-Key') });
    assert.ok(!JSON.stringify(remote).includes('Secr3t'));
    await assert.rejects(useRemoteAppium(`http://u:Wr0ng-Key@127.0.0.1:${port}/wd/hub`, 2_000), (e: Error) => e instanceof AppiumRemoteUnreachableError && !e.message.includes('Wr0ng'));
    assert.equal(seen.length, 2);
  } finally {
    server.close();
  }
});

test('Appium log filters: secret capabilities at any depth, as JSON, escaped JSON or util.inspect', () => {
  const apply = (line: string) => SECRET_LOG_FILTERS.reduce((s, r) => s.replace(new RegExp(r.pattern, `g${(r.flags ?? '').replace('g', '')}`), r.replacer), line);
  const lines = [
    'Calling AppiumDriver.createSession() with args: [null,null,{"alwaysMatch":{"bstack:options":{"userName":"alice-1","accessKey":"S3cret-1"},"appium:options":{"keychainPassword":"S3cret-2"}}}]',
    '"caps": "{\\"sauce:options\\":{\\"accessKey\\":\\"S3cret-3\\"}}"',
    "{ 'bstack:options': { accessKey: 'S3cret-4' }, 'appium:keychainPassword': 'S3cret-5' }",
  ];
  for (const line of lines) {
    const out = apply(line);
    assert.ok(!/S3cret|alice-1/.test(out), out);
    assert.match(out, /REDACTED/);
  }
  assert.equal(apply('"appium:appPackage": "com.example"'), '"appium:appPackage": "com.example"');
});
